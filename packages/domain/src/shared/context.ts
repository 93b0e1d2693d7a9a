import type { DatabaseOrTransaction, Transaction } from "@cs/db";
import type { Actor } from "../access/actor";

export type Ctx = { db: DatabaseOrTransaction; actor: Actor };

/** Runs `fn` in a transaction, or a savepoint when the caller already holds one. */
export function inTransaction<T>(ctx: Ctx, fn: (tx: Transaction, ctx: Ctx) => Promise<T>): Promise<T> {
  return ctx.db.transaction((tx) => fn(tx, { ...ctx, db: tx }));
}

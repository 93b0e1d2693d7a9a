import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { idempotencyKeys, type Transaction } from "@cs/db";
import type { Actor } from "../access/actor";
import { toAuditJson } from "./audit";
import { ConflictError, ValidationError } from "./errors";
import { hasKey } from "../shared/keys";

/**
 * Runs `fn` once per (user, key). Must be called inside the transaction that makes the change, so
 * the claim and the change commit or roll back together.
 */
export async function once<T extends Record<string, unknown>>(
  tx: Transaction,
  actor: Actor,
  key: string | undefined,
  payload: unknown,
  fn: () => Promise<T>,
): Promise<{ result: T; replayed: boolean }> {
  if (!key || !/^[\w-]{8,64}$/.test(key)) throw new ValidationError({ form: ["validation.missingKey"] });
  const requestHash = createHash("sha256").update(JSON.stringify(toAuditJson(payload))).digest("hex");
  const [claimed] = await tx
    .insert(idempotencyKeys)
    .values({ userId: actor.userId, key, requestHash, result: {} })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (!claimed) {
    const [prior] = await tx
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, actor.userId), eq(idempotencyKeys.key, key)));
    if (!prior || prior.requestHash !== requestHash) throw new ConflictError("errors.keyReused");
    return { result: prior.result as T, replayed: true };
  }
  const result = await fn();
  await tx
    .update(idempotencyKeys)
    .set({ result: toAuditJson(result) as Record<string, unknown> })
    .where(and(eq(idempotencyKeys.userId, actor.userId), eq(idempotencyKeys.key, key)));
  return { result, replayed: false };
}

/** The `_key` hidden field every create form carries. */
export function keyOf(raw: unknown): string | undefined {
  if (raw && typeof raw === "object" && hasKey(raw, "_key")) {
    const v = (raw as { _key: unknown })._key;
    return typeof v === "string" ? v : undefined;
  }
  return undefined;
}

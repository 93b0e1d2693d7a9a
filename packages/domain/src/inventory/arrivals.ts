import type { Transaction } from "@cs/db";
import type { Actor } from "../access/actor";

/**
 * What else happens when goods arrive where they could serve waiting orders (a receipt posted, a
 * transfer received): the order side allocates its backorders to them, in the same transaction.
 * Orders registers itself here (src/wiring.ts), so inventory never imports orders and the two
 * folders do not call each other in a circle (docs/decisions/026-domain-folder-order.md).
 */
export type ArrivalHandler = (tx: Transaction, actor: Actor, productIds: string[]) => Promise<void>;

const handlers: ArrivalHandler[] = [];

export function onStockArrival(handler: ArrivalHandler): void {
  if (!handlers.includes(handler)) handlers.push(handler);
}

export async function stockArrived(tx: Transaction, actor: Actor, productIds: string[]): Promise<void> {
  for (const handler of handlers) await handler(tx, actor, productIds);
}

import { eq } from "drizzle-orm";
import { orders, type OrderStatus, type Transaction } from "@cs/db";
import { recordOrderEvent } from "../notifications/order-events";

/**
 * Moves an order to a new status after a shipment (or records a delivery without a change) and
 * puts the entry on its timeline with the notices (the orders area's recordOrderEvent), in the
 * caller's transaction.
 */
export async function recordShipmentEvent(
  tx: Transaction,
  input: { orderId: string; action: string; fromStatus: OrderStatus; toStatus: OrderStatus; actorId: string | null; details?: Record<string, unknown> },
) {
  if (input.toStatus !== input.fromStatus) await tx.update(orders).set({ status: input.toStatus, updatedAt: new Date() }).where(eq(orders.id, input.orderId));
  await recordOrderEvent(tx, input);
}

import { eq } from "drizzle-orm";
import { orderEvents, orders, type OrderStatus, type Transaction } from "@cs/db";
import { notifyOrderEvent } from "../notifications/notify";

/**
 * Moves an order to a new status with a timeline entry and the notifications, in the caller's
 * transaction. Stands in for the orders area's recordOrderEvent until that lands; same shape.
 */
export async function recordShipmentEvent(
  tx: Transaction,
  input: { orderId: string; action: string; fromStatus: OrderStatus; toStatus: OrderStatus; actorId: string | null; details?: Record<string, unknown> },
) {
  if (input.toStatus !== input.fromStatus)
    await tx
      .update(orders)
      .set({ status: input.toStatus, updatedAt: new Date() })
      .where(eq(orders.id, input.orderId));
  await tx.insert(orderEvents).values({
    orderId: input.orderId,
    action: input.action,
    fromStatus: input.fromStatus,
    toStatus: input.toStatus,
    actorId: input.actorId,
    details: input.details ?? null,
  });
  await notifyOrderEvent(tx, { orderId: input.orderId, event: input.action, actorId: input.actorId });
}

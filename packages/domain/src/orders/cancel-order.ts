import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { orderLines, orders, type Order } from "@cs/db";
import type { Actor } from "../access/actor";
import { can } from "../access/authorize";
import { release } from "../inventory/reservation";
import { restoreSpecialPrices } from "../marketing/deal-prices";
import { releaseOrderPrepayments } from "../rebates/balance-checkout";
import { releaseOrderCoupon } from "../coupons/checkout";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { ConflictError, ForbiddenError } from "../shared/errors";
import { parseInput } from "../shared/parse";
import { recordOrderEvent } from "../notifications/order-events";
import { lockOrder } from "./load";
import { orderRef } from "./reserve-lines";
import { optionalText } from "../validation/fields";

const cancelInput = z.object({
  orderId: z.string(),
  comment: optionalText(1000),
});

const beforeConfirmation = new Set<Order["status"]>(["submitted", "pending_approval"]);

/**
 * The buyer may cancel its own order until it is confirmed; the order desk (order:manage) until
 * anything has shipped. Returns true when this actor may cancel the order as it stands.
 */
export function mayCancel(actor: Actor, order: Pick<Order, "status" | "organizationId">, shippedAnything: boolean): boolean {
  if (shippedAnything) return false;
  if (actor.kind === "partner")
    return actor.organizationId === order.organizationId && can(actor, "own_order:place") && beforeConfirmation.has(order.status);
  return actor.kind === "staff" && can(actor, "order:manage") && (beforeConfirmation.has(order.status) || order.status === "confirmed");
}

/**
 * Cancels an order that has shipped nothing: its reservations are released and every open quantity
 * goes to the cancelled bucket. Cancelling a cancelled order changes nothing (a retried click).
 */
export async function cancelOrder(ctx: Ctx, raw: { orderId: string; comment?: string | null }): Promise<{ status: "cancelled"; released: number }> {
  const input = parseInput(cancelInput, raw);
  return inTransaction(ctx, async (tx) => {
    const order = await lockOrder(tx, ctx.actor, input.orderId);
    if (order.status === "cancelled") return { status: "cancelled" as const, released: 0 };
    const [shipped] = await tx
      .select({ n: sql<number>`coalesce(sum(${orderLines.quantityShipped}), 0)::int` })
      .from(orderLines)
      .where(eq(orderLines.orderId, order.id));
    const shippedAnything = Number(shipped?.n ?? 0) > 0;
    if (!mayCancel(ctx.actor, order, shippedAnything)) {
      if (ctx.actor.kind === "partner" && order.organizationId !== ctx.actor.organizationId) throw new ForbiddenError("own_order:place");
      throw new ConflictError("orders.errors.notCancellable");
    }
    const released = await release(tx, orderRef(order.id));
    await restoreSpecialPrices(tx, order.id);
    await releaseOrderCoupon(tx, ctx.actor, order.id);
    const { rebateReleasedFen, couponReleasedFen } = await releaseOrderPrepayments(tx, ctx.actor, order);
    await tx
      .update(orderLines)
      .set({ quantityCancelled: sql`${orderLines.quantity} - ${orderLines.quantityShipped}`, quantityReserved: 0, quantityBackordered: 0 })
      .where(eq(orderLines.orderId, order.id));
    const now = new Date();
    await tx
      .update(orders)
      .set({ status: "cancelled", closedAt: now, updatedAt: now, version: sql`${orders.version} + 1` })
      .where(eq(orders.id, order.id));
    await recordOrderEvent(tx, {
      orderId: order.id,
      action: "cancelled",
      fromStatus: order.status,
      toStatus: "cancelled",
      actorId: ctx.actor.userId,
      comment: input.comment ?? null,
      details: { released },
    });
    await recordAudit(tx, ctx.actor, { action: "order.cancel", entity: "order", entityId: order.id, before: { status: order.status }, after: { status: "cancelled", released, rebateReleasedFen, couponReleasedFen, comment: input.comment ?? null } });
    return { status: "cancelled" as const, released };
  });
}

import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { orders, type Order, type OrderStatus, type Transaction } from "@cs/db";
import type { Actor } from "../access/actor";
import { can } from "../access/authorize";
import { recordAudit, toAuditJson } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { ConflictError, ForbiddenError } from "../shared/errors";
import { parseInput } from "../shared/parse";
import { recordOrderEvent } from "../notifications/order-events";
import { buyerTerms, linesOf, lockOrder, serviceProducts, type BuyerTerms } from "./load";
import { reserveLines, type ConfirmOptions, type LineBuckets } from "./reserve-lines";

export type { ConfirmOptions, OrderReserver } from "./reserve-lines";

/**
 * Confirms a locked order: reserves each line's open quantity (the buyer's branch warehouses, then
 * the central ones; or the caller's reserver for a master distributor's order), puts shortfalls in
 * the buyer's bucket (backorder or cancelled), updates the lines in one statement and the order's
 * status. The caller records the event (approved, confirmed) in the same transaction.
 */
export async function confirmLockedOrder(tx: Transaction, order: Order, buyer: BuyerTerms, options: ConfirmOptions = {}): Promise<LineBuckets[]> {
  const lines = await linesOf(tx, order.id);
  const services = await serviceProducts(tx, lines.map((l) => l.productId));
  const open = lines.map((l) => ({
    productId: l.productId,
    quantity: l.quantity - l.quantityReserved - l.quantityBackordered - l.quantityShipped - l.quantityCancelled,
    service: services.has(l.productId),
  }));
  const buckets = await reserveLines(tx, order, buyer.backorderPolicy, open, options);
  const rows = lines.map((l, i) => ({ id: l.id, r: buckets[i]!.quantityReserved, b: buckets[i]!.quantityBackordered, c: buckets[i]!.quantityCancelled }));
  await tx.execute(sql`
    update order_lines l
       set quantity_reserved = l.quantity_reserved + v.r, quantity_backordered = l.quantity_backordered + v.b,
           quantity_cancelled = l.quantity_cancelled + v.c
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id uuid, r int, b int, c int)
     where l.id = v.id`);
  await tx
    .update(orders)
    .set({ status: "confirmed", confirmedAt: new Date(), updatedAt: new Date(), version: sql`${orders.version} + 1` })
    .where(eq(orders.id, order.id));
  return buckets;
}

/** Who may confirm: the order desk (order:manage), or the master distributor supplying the order. */
export function mayConfirm(actor: Actor, order: Pick<Order, "supplierId">) {
  if (actor.kind === "staff") return can(actor, "order:manage");
  return actor.kind === "partner" && !!order.supplierId && order.supplierId === actor.organizationId && can(actor, "supplied_order:fulfil");
}

const confirmInput = z.object({ orderId: z.string() });

/**
 * Confirms a submitted order that waited only for its buyer's credit hold to lift. Orders waiting
 * for approval go through approveOrder; anything already confirmed (or closed) is a conflict.
 */
export async function confirmOrder(ctx: Ctx, raw: { orderId: string }, options: ConfirmOptions = {}): Promise<{ status: OrderStatus; lines: LineBuckets[] }> {
  const { orderId } = parseInput(confirmInput, raw);
  return inTransaction(ctx, async (tx) => {
    const order = await lockOrder(tx, ctx.actor, orderId);
    if (!mayConfirm(ctx.actor, order)) throw new ForbiddenError("order:manage");
    if (order.status !== "submitted") throw new ConflictError("orders.errors.notConfirmable");
    const buyer = await buyerTerms(tx, order.organizationId);
    if (buyer.creditHold) throw new ConflictError("orders.errors.creditHold");
    const lines = await confirmLockedOrder(tx, order, buyer, options);
    await recordOrderEvent(tx, { orderId, action: "confirmed", fromStatus: order.status, toStatus: "confirmed", actorId: ctx.actor.userId, details: { lines } });
    await recordAudit(tx, ctx.actor, { action: "order.confirm", entity: "order", entityId: orderId, before: { status: order.status }, after: toAuditJson({ status: "confirmed", lines }) });
    return { status: "confirmed", lines };
  });
}

import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { orders } from "@cs/db";
import { releaseOrderCoupon } from "../coupons/checkout";
import { releaseOrderPrepayments } from "../rebates/balance-checkout";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { parseInput } from "../shared/parse";
import { checkApprover } from "./approval";
import { recordOrderEvent } from "../notifications/order-events";
import { lockOrder } from "./load";
import { restoreSpecialPrices } from "../marketing/deal-prices";

const rejectInput = z.object({
  orderId: z.string(),
  comment: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() || undefined : v),
    z.string({ error: "orders.errors.commentRequired" }).max(1000, "validation.tooLong"),
  ),
});

/**
 * Rejects an order waiting for approval, with the reason the buyer will read. Same approver rules
 * as approving except the amount: refusing needs no limit. Nothing is reserved yet, so nothing is
 * released. Rejecting twice is a conflict.
 */
export async function rejectOrder(ctx: Ctx, raw: { orderId: string; comment?: string | null }): Promise<{ status: "rejected" }> {
  const input = parseInput(rejectInput, raw);
  return inTransaction(ctx, async (tx) => {
    const order = await lockOrder(tx, ctx.actor, input.orderId);
    await checkApprover(tx, ctx.actor, order, false);
    await restoreSpecialPrices(tx, order.id);
    await releaseOrderCoupon(tx, ctx.actor, order.id);
    // what the coupon took off and the rebate balance paid is not owed by an order never shipped
    const { rebateReleasedFen, couponReleasedFen } = await releaseOrderPrepayments(tx, ctx.actor, order);
    const now = new Date();
    await tx
      .update(orders)
      .set({ status: "rejected", closedAt: now, updatedAt: now, version: sql`${orders.version} + 1` })
      .where(eq(orders.id, order.id));
    await recordOrderEvent(tx, { orderId: order.id, action: "rejected", fromStatus: order.status, toStatus: "rejected", actorId: ctx.actor.userId, comment: input.comment });
    await recordAudit(tx, ctx.actor, { action: "order.reject", entity: "order", entityId: order.id, before: { status: order.status }, after: { status: "rejected", rebateReleasedFen, couponReleasedFen, comment: input.comment } });
    return { status: "rejected" as const };
  });
}

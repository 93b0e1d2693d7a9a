import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { orders, type OrderStatus } from "@cs/db";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { parseInput } from "../shared/parse";
import { checkApprover } from "./approval";
import { confirmLockedOrder } from "./confirm-order";
import { recordOrderEvent } from "../notifications/order-events";
import { buyerTerms, lockOrder } from "./load";
import type { ConfirmOptions, LineBuckets } from "./reserve-lines";
import { optionalText } from "../validation/fields";

const approveInput = z.object({
  orderId: z.string(),
  comment: optionalText(1000),
});

/**
 * Approves an order waiting for approval (credit limit, discount): within the approver's amount,
 * never one's own. It is then confirmed (stock reserved) unless the buyer is on credit hold, in
 * which case it stays submitted until the hold lifts. Approving twice is a conflict.
 */
export async function approveOrder(
  ctx: Ctx,
  raw: { orderId: string; comment?: string | null },
  options: ConfirmOptions = {},
): Promise<{ status: OrderStatus; lines: LineBuckets[] }> {
  const input = parseInput(approveInput, raw);
  return inTransaction(ctx, async (tx) => {
    const order = await lockOrder(tx, ctx.actor, input.orderId);
    await checkApprover(tx, ctx.actor, order, true);
    const buyer = await buyerTerms(tx, order.organizationId);
    let status: OrderStatus = "submitted";
    let lines: LineBuckets[] = [];
    if (buyer.creditHold) {
      await tx
        .update(orders)
        .set({ status, approvalReasons: ["credit_hold"], updatedAt: new Date(), version: sql`${orders.version} + 1` })
        .where(eq(orders.id, order.id));
    } else {
      lines = await confirmLockedOrder(tx, order, buyer, options);
      status = "confirmed";
    }
    await recordOrderEvent(tx, {
      orderId: order.id,
      action: "approved",
      fromStatus: order.status,
      toStatus: status,
      actorId: ctx.actor.userId,
      comment: input.comment ?? null,
      details: { reasons: order.approvalReasons, totalFen: order.totalFen, lines },
    });
    await recordAudit(tx, ctx.actor, {
      action: "order.approve",
      entity: "order",
      entityId: order.id,
      before: { status: order.status, approvalReasons: order.approvalReasons },
      after: { status, comment: input.comment ?? null, lines },
    });
    return { status, lines };
  });
}

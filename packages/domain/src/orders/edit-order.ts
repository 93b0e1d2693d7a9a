import { eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { orderLines, orders, productLines, products, type OrderStatus } from "@cs/db";
import { authorize } from "../access/authorize";
import { discountLimit } from "../access/permissions";
import { restoreSpecialPrices, specialPriceUses, useSpecialPrices } from "../marketing/deal-prices";
import { resolvePrices } from "../pricing/resolve";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { ConflictError, ForbiddenError, ValidationError } from "../shared/errors";
import { isUuid, parseInput } from "../shared/parse";
import { confirmLockedOrder } from "./confirm-order";
import { creditExposure, creditReasons, orderStatusFor, type ApprovalReason } from "./credit";
import { floorBreaches, floorCosts } from "./margin-floor";
import { recordOrderEvent } from "../notifications/order-events";
import { buyerTerms, linesOf, lockOrder } from "./load";
import { priceLine, orderTotalsOf } from "./pricing";
import { orderQuantity } from "./submit-order";
import { strictNumber } from "../validation/fields";
import { optionalText } from "../validation/fields";

export const editOrderInput = z.object({
  orderId: z.string(),
  version: strictNumber(z.number({ error: "validation.invalid" }).int()),
  lines: z
    .array(
      z.object({
        productId: z.string(),
        // Forms send text; strictNumber reads "5" as 5 and leaves "1.5x" for the schema to refuse.
        quantity: strictNumber(orderQuantity),
        discountBp: strictNumber(z.number({ error: "orders.errors.discountInvalid" }).int("orders.errors.discountInvalid").min(0, "orders.errors.discountInvalid").max(9999, "orders.errors.discountInvalid").default(0)),
      }),
    )
    .min(1, "orders.errors.empty")
    .max(500, "orders.errors.tooManyLines"),
  comment: optionalText(1000),
});
export type EditOrderInput = z.input<typeof editOrderInput>;

const editable = new Set<OrderStatus>(["submitted", "pending_approval"]);

/**
 * The order desk edits an order before confirmation: quantities, lines removed or added, a manual
 * discount per line (basis points). Everything is re-priced by the resolver; a discount beyond the
 * editor's limit sends the order to approval ('discount'), and the credit check runs again. With no
 * reason left and no credit hold the order is confirmed. Optimistic: the form's version must match.
 */
export async function editOrder(ctx: Ctx, raw: EditOrderInput): Promise<{ status: OrderStatus; version: number; totalFen: bigint }> {
  authorize(ctx.actor, "order:manage");
  if (ctx.actor.kind !== "staff") throw new ForbiddenError("order:manage");
  const input = parseInput(editOrderInput, raw);
  return inTransaction(ctx, async (tx) => {
    const order = await lockOrder(tx, ctx.actor, input.orderId);
    if (order.version !== input.version) throw new ConflictError("errors.staleEdit");
    if (!editable.has(order.status)) throw new ConflictError("orders.errors.notEditable");

    const merged = new Map<string, { quantity: number; discountBp: number }>();
    for (const l of input.lines) {
      const m = merged.get(l.productId);
      merged.set(l.productId, { quantity: (m?.quantity ?? 0) + l.quantity, discountBp: Math.max(m?.discountBp ?? 0, l.discountBp) });
    }
    const ids = [...merged.keys()].filter(isUuid);
    // The order's deal registration still prices it: its special-price units go back first, so the
    // re-pricing sees them free and the edited lines take what they need again (docs/decisions/021).
    const before = await linesOf(tx, order.id);
    if (order.dealRegistrationId) await restoreSpecialPrices(tx, order.id);
    const [found, prices, buyer] = await Promise.all([
      ids.length
        ? tx.select({ id: products.id, active: products.active, divisionId: productLines.divisionId }).from(products).innerJoin(productLines, eq(productLines.id, products.productLineId)).where(inArray(products.id, ids))
        : Promise.resolve([]),
      resolvePrices(tx, { organizationId: order.organizationId, dealRegistrationId: order.dealRegistrationId, lines: [...merged.entries()].map(([productId, l]) => ({ productId, quantity: l.quantity })) }),
      buyerTerms(tx, order.organizationId),
    ]);
    const active = new Map(found.filter((p) => p.active).map((p) => [p.id, p]));
    const errors: Record<string, string[]> = {};
    [...merged.keys()].forEach((productId, i) => {
      if (!active.has(productId) || !prices.has(productId)) errors[`lines.${i}.productId`] = ["orders.errors.unsellable"];
    });
    if (Object.keys(errors).length) throw new ValidationError(errors);

    const priced = [...merged.entries()].map(([productId, l]) => priceLine({ productId, ...l }, prices.get(productId)!));
    if (order.dealRegistrationId) await useSpecialPrices(tx, specialPriceUses(priced));
    const totals = orderTotalsOf(priced);
    const limit = discountLimit(ctx.actor.roles);
    const reasons: ApprovalReason[] = creditReasons({
      creditLimitFen: buyer.creditLimitFen,
      creditHold: buyer.creditHold,
      exposureFen: await creditExposure(tx, order.organizationId, order.id),
      orderFen: totals.totalFen,
    });
    const belowFloor = order.supplierId === null ? floorBreaches(priced, await floorCosts(tx, priced.map((l) => l.productId)), order.couponDiscountFen) : [];
    if (belowFloor.length) reasons.unshift("margin_floor");
    if (limit !== null && priced.some((l) => l.discountBp > limit)) reasons.unshift("discount");
    const next = orderStatusFor(reasons);
    const divisions = new Set(priced.map((l) => active.get(l.productId)!.divisionId));

    await tx.delete(orderLines).where(eq(orderLines.orderId, order.id));
    await tx.insert(orderLines).values(
      priced.map((l, i) => ({
        orderId: order.id,
        organizationId: order.organizationId,
        lineNo: i + 1,
        productId: l.productId,
        quantity: l.quantity,
        listPriceFen: l.listPriceFen,
        unitPriceFen: l.unitPriceFen,
        priceRule: l.reason.rule,
        priceReason: JSON.parse(JSON.stringify(l.reason, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))) as Record<string, unknown>,
        discountBp: l.discountBp,
        lineTotalFen: l.lineTotalFen,
        taxFen: l.taxFen,
      })),
    );
    const [updated] = await tx
      .update(orders)
      .set({
        ...totals,
        status: next === "confirmed" ? "submitted" : next,
        approvalReasons: reasons,
        divisionId: divisions.size === 1 ? [...divisions][0]! : null,
        updatedAt: new Date(),
        version: sql`${orders.version} + 1`,
      })
      .where(eq(orders.id, order.id))
      .returning();
    const snapshot = (ls: { productId: string; quantity: number; unitPriceFen: bigint; discountBp: number }[]) =>
      ls.map((l) => ({ productId: l.productId, quantity: l.quantity, unitPriceFen: l.unitPriceFen, discountBp: l.discountBp }));
    const change = {
      before: { status: order.status, totalFen: order.totalFen, approvalReasons: order.approvalReasons, lines: snapshot(before) },
      after: { status: next, totalFen: totals.totalFen, approvalReasons: reasons, lines: snapshot(priced) },
    };
    const audited = {
      before: change.before,
      after: { ...change.after, ...(belowFloor.length ? { belowFloor } : {}) },
    };
    await recordOrderEvent(tx, {
      orderId: order.id,
      action: "edited",
      fromStatus: order.status,
      toStatus: next === "confirmed" ? "submitted" : next,
      actorId: ctx.actor.userId,
      comment: input.comment ?? null,
      details: change,
    });
    let version = updated!.version;
    if (next === "confirmed") {
      const lines = await confirmLockedOrder(tx, updated!, buyer);
      version += 1;
      await recordOrderEvent(tx, { orderId: order.id, action: "confirmed", fromStatus: "submitted", toStatus: "confirmed", actorId: ctx.actor.userId, details: { lines } });
    }
    await recordAudit(tx, ctx.actor, { action: "order.edit", entity: "order", entityId: order.id, ...audited });
    return { status: next, version, totalFen: totals.totalFen };
  });
}

import { and, eq, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { coupons, organizations, type Coupon, type Transaction } from "@cs/db";
import type { Actor } from "../access/actor";
import { requireBuyer } from "../cart/buyer";
import type { Ctx } from "../shared/context";
import { shanghaiToday } from "../shared/dates";
import { recordAudit } from "../shared/audit";
import { ValidationError } from "../shared/errors";
import { formatYuan } from "../shared/money";
import { blankToUndefined } from "../validation/fields";
import { normalizeCouponCode } from "./code";
import { couponDiscountFen } from "./discount";

/**
 * A coupon at checkout (docs/decisions/024): the code the partner typed, checked against its
 * organization and tier, the dates, the minimum and the uses left; its discount is an order-level
 * amount like the rebate balance (the lines and their VAT stay as priced), taken in the order's
 * transaction by a conditional UPDATE, and given back when the order is cancelled or rejected.
 */

/** The checkout form's coupon code; blank is none. */
export const couponCodeField = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .max(40, "coupons.errors.notYours")
    // spelled as stored, so a retry typed in another case or spacing is the same submission
    .transform((v) => normalizeCouponCode(v) ?? v)
    .optional(),
);

/** What the checkout shows and records: the code, its description and what it takes off. */
export type CouponReason = { couponId: string; code: string; description: string; discountFen: bigint };

const fail = (key: string, params?: Record<string, string>) => new ValidationError({ couponCode: [key] }, key, params);

/**
 * The buyer's coupon by the code typed, or a field error: unknown codes and other partners' read
 * the same ("not yours"), so a code cannot be probed.
 */
export async function findBuyerCoupon(tx: Pick<Ctx["db"], "select">, organizationId: string, typed: string): Promise<Coupon> {
  const code = normalizeCouponCode(typed);
  if (!code) throw fail("coupons.errors.notYours");
  const [coupon] = await tx
    .select({ coupon: coupons })
    .from(coupons)
    .innerJoin(organizations, eq(organizations.id, organizationId))
    .where(and(eq(coupons.code, code), or(eq(coupons.organizationId, organizations.id), and(sql`${coupons.tier} is not null`, eq(coupons.tier, sql`${organizations.tier}`)))));
  if (!coupon) throw fail("coupons.errors.notYours");
  return coupon.coupon;
}

/** The coupon's discount on goods worth `goodsFen` today, or the reason it cannot be used. */
export function checkCoupon(coupon: Coupon, goodsFen: bigint, today: string): CouponReason {
  if (coupon.status === "revoked") throw fail("coupons.errors.revoked");
  if (today < coupon.validFrom) throw fail("coupons.errors.notYetValid", { from: coupon.validFrom });
  if (today > coupon.validUntil) throw fail("coupons.errors.expired", { until: coupon.validUntil });
  if (coupon.usesCount >= coupon.usesAllowed) throw fail("coupons.errors.usedUp");
  if (goodsFen < coupon.minOrderFen || goodsFen <= 0n) throw fail("coupons.errors.belowMinimum", { minimum: formatYuan(coupon.minOrderFen) });
  const discountFen = couponDiscountFen(coupon, goodsFen);
  // a percentage of a few fen rounds to nothing: that is an order too small for the coupon
  if (discountFen <= 0n) throw fail("coupons.errors.belowMinimum", { minimum: formatYuan(coupon.minOrderFen) });
  return { couponId: coupon.id, code: coupon.code, description: coupon.description, discountFen };
}

/**
 * Takes one use of the coupon: a conditional UPDATE, so two checkouts at once serialise on the row
 * and the second re-checks what is left (PostgreSQL re-evaluates the WHERE of a blocked UPDATE);
 * the last use taken, the other checkout is refused and writes nothing.
 */
export async function takeCouponUse(tx: Transaction, couponId: string, today: string) {
  const rows = await tx.execute(
    sql`update coupons set uses_count = uses_count + 1
         where id = ${couponId}::uuid and uses_count < uses_allowed and status = 'active'
           and valid_from <= ${today}::date and valid_until >= ${today}::date
        returning id`,
  );
  if (rows.length === 0) throw fail("coupons.errors.usedUp");
}

/** The redemption row, run behind the orders' insert in the checkout's last flight. */
export function redemptionStatement(r: { couponId: string; orderId: string; organizationId: string; amountFen: bigint }): SQL {
  return sql`insert into coupon_redemptions (coupon_id, order_id, organization_id, amount_fen)
             values (${r.couponId}::uuid, ${r.orderId}::uuid, ${r.organizationId}::uuid, ${r.amountFen.toString()}::bigint)`;
}

/**
 * Gives the use back when the order that took it is cancelled or rejected; the order keeps the
 * record of its discount. Nothing to give back (no coupon, or already given): nothing done.
 */
export async function releaseOrderCoupon(tx: Transaction, actor: Actor, orderId: string) {
  const rows = await tx.execute<{ coupon_id: string; code: string }>(sql`
    with r as (
      update coupon_redemptions set released_at = now()
       where order_id = ${orderId}::uuid and released_at is null
      returning coupon_id
    )
    update coupons c set uses_count = c.uses_count - 1 from r where c.id = r.coupon_id
    returning c.id as coupon_id, c.code`);
  const [released] = rows;
  if (released) await recordAudit(tx, actor, { action: "coupon.release", entity: "coupon", entityId: released.coupon_id, after: { orderId, code: released.code } });
}

/**
 * The checkout page's preview of a typed code on the cart's goods: the same checks the order runs,
 * so the buyer sees the discount (or why not) before submitting. The order is the authority: it
 * applies the coupon to the distributor-supplied order's goods.
 */
export async function previewCheckoutCoupon(ctx: Ctx, typed: string, goodsFen: bigint): Promise<CouponReason> {
  const buyer = requireBuyer(ctx);
  const coupon = await findBuyerCoupon(ctx.db, buyer.organizationId, typed);
  return checkCoupon(coupon, goodsFen, shanghaiToday());
}

import { and, asc, count, desc, eq, ilike, isNotNull, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { couponRedemptions, coupons, endCustomers, orders, organizations, partnerTiers, users, type CouponKind, type PartnerTier } from "@cs/db";
import { authorize } from "../access/authorize";
import { organizationScope } from "../access/scopes";
import { requireBuyer } from "../cart/buyer";
import type { Ctx } from "../shared/context";
import { shanghaiToday } from "../shared/dates";
import { NotFoundError } from "../shared/errors";
import { likePattern, listQuerySchema, type Page } from "../shared/list-query";
import { isUuid } from "../shared/parse";

/** What a coupon is today: the list's filter and badge. */
export const couponStates = ["usable", "scheduled", "used_up", "expired", "revoked"] as const;
export type CouponState = (typeof couponStates)[number];

const stateSql = (today: string): SQL<CouponState> => sql<CouponState>`case
  when ${coupons.status} = 'revoked' then 'revoked'
  when ${coupons.usesCount} >= ${coupons.usesAllowed} then 'used_up'
  when ${coupons.validUntil} < ${today}::date then 'expired'
  when ${coupons.validFrom} > ${today}::date then 'scheduled'
  else 'usable' end`;

export const couponListQuery = listQuerySchema(["createdAt", "code", "validUntil"] as const, "createdAt").extend({
  dir: z.enum(["asc", "desc"]).catch("desc"),
  state: z.enum(couponStates).optional().catch(undefined),
  tier: z.enum(partnerTiers).optional().catch(undefined),
});
export type CouponListQuery = z.output<typeof couponListQuery>;

const columns = (today: string) => ({
  id: coupons.id,
  code: coupons.code,
  partner: organizations.name,
  partnerCode: organizations.code,
  tier: coupons.tier,
  customer: endCustomers.name,
  kind: coupons.kind,
  amountFen: coupons.amountFen,
  percent: coupons.percent,
  minOrderFen: coupons.minOrderFen,
  validFrom: coupons.validFrom,
  validUntil: coupons.validUntil,
  usesAllowed: coupons.usesAllowed,
  usesCount: coupons.usesCount,
  description: coupons.description,
  source: coupons.source,
  state: stateSql(today),
  createdAt: coupons.createdAt,
});

export type CouponRow = {
  id: string;
  code: string;
  partner: string | null;
  partnerCode: string | null;
  tier: PartnerTier | null;
  customer: string | null;
  kind: CouponKind;
  amountFen: bigint | null;
  percent: number | null;
  minOrderFen: bigint;
  validFrom: string;
  validUntil: string;
  usesAllowed: number;
  usesCount: number;
  description: string;
  source: string;
  state: CouponState;
  createdAt: Date;
};

function stateWhere(state: CouponState | undefined, today: string) {
  return state ? sql`${stateSql(today)} = ${state}` : undefined;
}

/** The back-office list (coupon:manage): every coupon, filtered by state, tier and text, paged in SQL. */
export async function listCoupons(ctx: Ctx, query: CouponListQuery): Promise<Page<CouponRow>> {
  authorize(ctx.actor, "coupon:manage");
  const today = shanghaiToday();
  const where = and(
    stateWhere(query.state, today),
    query.tier ? or(eq(coupons.tier, query.tier), and(isNotNull(coupons.organizationId), eq(organizations.tier, query.tier))) : undefined,
    query.q
      ? or(ilike(coupons.code, likePattern(query.q)), ilike(coupons.description, likePattern(query.q)), ilike(organizations.name, likePattern(query.q)), ilike(organizations.code, likePattern(query.q)), ilike(endCustomers.name, likePattern(query.q)))
      : undefined,
  );
  const order = query.dir === "desc" ? desc : asc;
  const sortColumns = { createdAt: coupons.createdAt, code: coupons.code, validUntil: coupons.validUntil };
  const from = () =>
    ctx.db
      .select(columns(today))
      .from(coupons)
      .leftJoin(organizations, eq(organizations.id, coupons.organizationId))
      .leftJoin(endCustomers, eq(endCustomers.id, coupons.endCustomerId));
  const [rows, [total]] = await Promise.all([
    from().where(where).orderBy(order(sortColumns[query.sort]), desc(coupons.id)).limit(query.size).offset((query.page - 1) * query.size),
    ctx.db.select({ n: count() }).from(coupons).leftJoin(organizations, eq(organizations.id, coupons.organizationId)).leftJoin(endCustomers, eq(endCustomers.id, coupons.endCustomerId)).where(where),
  ]);
  return { rows: rows as CouponRow[], total: total?.n ?? 0, page: query.page, size: query.size };
}

const revoker = sql`(select u.display_name from users u where u.id = ${coupons.revokedBy})`;

/** One coupon with its redemptions (coupon:manage). */
export async function getCoupon(ctx: Ctx, couponId: string) {
  authorize(ctx.actor, "coupon:manage");
  if (!isUuid(couponId)) throw new NotFoundError("coupon");
  const today = shanghaiToday();
  const [coupon] = await ctx.db
    .select({ ...columns(today), organizationId: coupons.organizationId, revokedAt: coupons.revokedAt, revokeReason: coupons.revokeReason, revokedBy: sql<string | null>`${revoker}`, createdBy: users.displayName })
    .from(coupons)
    .leftJoin(organizations, eq(organizations.id, coupons.organizationId))
    .leftJoin(endCustomers, eq(endCustomers.id, coupons.endCustomerId))
    .leftJoin(users, eq(users.id, coupons.createdBy))
    .where(eq(coupons.id, couponId));
  if (!coupon) throw new NotFoundError("coupon");
  const redemptions = await ctx.db
    .select({ id: couponRedemptions.id, orderId: orders.id, orderNumber: orders.number, orderStatus: orders.status, partner: organizations.name, amountFen: couponRedemptions.amountFen, redeemedAt: couponRedemptions.redeemedAt, releasedAt: couponRedemptions.releasedAt })
    .from(couponRedemptions)
    .innerJoin(orders, eq(orders.id, couponRedemptions.orderId))
    .innerJoin(organizations, eq(organizations.id, couponRedemptions.organizationId))
    .where(eq(couponRedemptions.couponId, coupon.id))
    .orderBy(desc(couponRedemptions.redeemedAt))
    .limit(200);
  return { coupon: coupon as CouponRow & { organizationId: string | null; revokedAt: Date | null; revokeReason: string | null; revokedBy: string | null; createdBy: string | null }, redemptions };
}

/**
 * "My coupons" in the portal: the ones issued to the buyer's organization and to its tier (the RLS
 * policy on coupons says the same for the portal's connection), usable ones first.
 */
export async function listMyCoupons(ctx: Ctx) {
  const buyer = requireBuyer(ctx);
  const today = shanghaiToday();
  const state = stateSql(today);
  return ctx.db
    .select({
      id: coupons.id,
      code: coupons.code,
      kind: coupons.kind,
      amountFen: coupons.amountFen,
      percent: coupons.percent,
      minOrderFen: coupons.minOrderFen,
      validFrom: coupons.validFrom,
      validUntil: coupons.validUntil,
      usesLeft: sql<number>`${coupons.usesAllowed} - ${coupons.usesCount}`,
      description: coupons.description,
      forTier: sql<boolean>`${coupons.tier} is not null`,
      state,
    })
    .from(coupons)
    .innerJoin(organizations, eq(organizations.id, buyer.organizationId))
    .where(or(eq(coupons.organizationId, organizations.id), and(isNotNull(coupons.tier), eq(coupons.tier, sql`${organizations.tier}`))))
    .orderBy(sql`${state} = 'usable' desc`, asc(coupons.validUntil), asc(coupons.code))
    .limit(200);
}

/** The partners the issue form offers (coupon:manage): active partner organizations of the issuer's branches, by code. */
export async function couponPartnerChoices(ctx: Ctx) {
  authorize(ctx.actor, "coupon:manage");
  return ctx.db
    .select({ id: organizations.id, code: organizations.code, name: organizations.name, tier: organizations.tier })
    .from(organizations)
    .where(and(eq(organizations.status, "active"), sql`${organizations.kind} in ('master_distributor', 'agent', 'dealer', 'key_account')`, organizationScope(ctx.actor)))
    .orderBy(asc(organizations.code))
    .limit(2000);
}

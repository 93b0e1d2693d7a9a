import { sql } from "drizzle-orm";
import { bigint, check, date, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { endCustomers } from "./contacts";
import { partnerTier } from "./enums";
import { orders } from "./orders";
import { organizations } from "./organizations";
import { users } from "./users";

export const couponKinds = ["amount", "percent"] as const;
export type CouponKind = (typeof couponKinds)[number];
export const couponKind = pgEnum("coupon_kind", couponKinds);

export const couponStatuses = ["active", "revoked"] as const;
export type CouponStatus = (typeof couponStatuses)[number];
export const couponStatus = pgEnum("coupon_status", couponStatuses);

/**
 * A personalised coupon code (docs/decisions/024): for one partner organization, every partner of a
 * tier, or one end customer; an amount off (fen) or a whole percentage off the goods of an order,
 * from a minimum order, valid between two China days, `usesAllowed` times in all. `usesCount`
 * moves by a conditional UPDATE at checkout (never past `usesAllowed`) and back when the order is
 * cancelled or rejected. `sourceKey` makes an issue by a care rule idempotent.
 */
export const coupons = pgTable(
  "coupons",
  {
    id: uuid().primaryKey().defaultRandom(),
    code: text().notNull(),
    organizationId: uuid().references(() => organizations.id),
    tier: partnerTier(),
    endCustomerId: uuid().references(() => endCustomers.id),
    kind: couponKind().notNull(),
    amountFen: bigint({ mode: "bigint" }),
    percent: integer(),
    minOrderFen: bigint({ mode: "bigint" }).notNull().default(sql`0`),
    validFrom: date().notNull(),
    validUntil: date().notNull(),
    usesAllowed: integer().notNull().default(1),
    usesCount: integer().notNull().default(0),
    status: couponStatus().notNull().default("active"),
    /** Shown with the code in the price explanation of the order it discounts. */
    description: text().notNull(),
    /** manual, tier (bulk issue) or care (a care rule). */
    source: text().notNull().default("manual"),
    sourceKey: text(),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revokedBy: uuid().references(() => users.id),
    revokedAt: timestamp({ withTimezone: true }),
    revokeReason: text(),
  },
  (t) => [
    uniqueIndex("coupons_code_idx").on(t.code),
    uniqueIndex("coupons_source_key_idx").on(t.sourceKey),
    index("coupons_organization_id_created_at_idx").on(t.organizationId, t.createdAt).where(sql`${t.organizationId} is not null`),
    index("coupons_tier_created_at_idx").on(t.tier, t.createdAt).where(sql`${t.tier} is not null`),
    index("coupons_created_at_idx").on(t.createdAt),
    check("coupons_one_target", sql`num_nonnulls(${t.organizationId}, ${t.tier}, ${t.endCustomerId}) = 1`),
    check(
      "coupons_value",
      sql`(${t.kind} = 'amount' and ${t.amountFen} > 0 and ${t.percent} is null) or (${t.kind} = 'percent' and ${t.percent} between 1 and 100 and ${t.amountFen} is null)`,
    ),
    check("coupons_dates", sql`${t.validUntil} >= ${t.validFrom}`),
    check("coupons_uses", sql`${t.usesAllowed} > 0 and ${t.usesCount} >= 0 and ${t.usesCount} <= ${t.usesAllowed}`),
    check("coupons_min_order", sql`${t.minOrderFen} >= 0`),
  ],
);

/** One use of a coupon by one order; `releasedAt` once the order was cancelled or rejected and the use given back. */
export const couponRedemptions = pgTable(
  "coupon_redemptions",
  {
    id: uuid().primaryKey().defaultRandom(),
    couponId: uuid()
      .notNull()
      .references(() => coupons.id),
    orderId: uuid()
      .notNull()
      .references(() => orders.id),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    amountFen: bigint({ mode: "bigint" }).notNull(),
    redeemedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    releasedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("coupon_redemptions_order_id_idx").on(t.orderId),
    index("coupon_redemptions_coupon_id_redeemed_at_idx").on(t.couponId, t.redeemedAt),
    check("coupon_redemptions_amount", sql`${t.amountFen} > 0`),
  ],
);

export type Coupon = typeof coupons.$inferSelect;
export type CouponRedemption = typeof couponRedemptions.$inferSelect;

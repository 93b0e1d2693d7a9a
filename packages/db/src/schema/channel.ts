import { sql } from "drizzle-orm";
import { bigint, check, date, index, integer, pgEnum, pgTable, primaryKey, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";
import { divisions } from "./products";
import { users } from "./users";

export const periodKinds = ["month", "quarter", "year"] as const;
export type PeriodKind = (typeof periodKinds)[number];
export const periodKind = pgEnum("period_kind", periodKinds);

/**
 * A partner's purchase target for one calendar period (month, quarter or year starting at
 * `period_start`), for all divisions (division_id null) or one division.
 */
export const partnerTargets = pgTable(
  "partner_targets",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    periodKind: periodKind().notNull(),
    periodStart: date().notNull(),
    divisionId: uuid().references(() => divisions.id),
    /** Tax-inclusive purchases the partner is expected to reach. */
    amountFen: bigint({ mode: "bigint" }).notNull(),
    version: integer().notNull().default(1),
    updatedBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One target per partner, period and division, "all divisions" (null) included.
    uniqueIndex("partner_targets_period_idx").on(
      t.organizationId,
      t.periodKind,
      t.periodStart,
      sql`coalesce(${t.divisionId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
    ),
    index("partner_targets_period_start_idx").on(t.periodKind, t.periodStart),
    check("partner_targets_amount", sql`${t.amountFen} > 0`),
  ],
);

/** The nil uuid stands for "all divisions" in partner_month_stats (a payment has no division). */
export const ALL_DIVISIONS = "00000000-0000-0000-0000-000000000000";

/**
 * Per partner × calendar month × division: what evaluation reads, maintained in the same
 * transaction as the invoice, credit note or payment allocation that changes it (and rebuilt
 * set-based by `rebuildPartnerMonthStats`). Money is tax-inclusive fen.
 * - purchases/returns: invoices and credit notes issued in the month, per division of the product,
 *   and their totals on the ALL_DIVISIONS row (an all-divisions evaluation reads one row per month);
 * - payments, due and paid-on-time: on the ALL_DIVISIONS row only; due is attributed to the month
 *   an invoice falls due, paid-on-time is what was allocated to it from payments received by then.
 */
export const partnerMonthStats = pgTable(
  "partner_month_stats",
  {
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    month: date().notNull(),
    divisionId: uuid().notNull(),
    purchasesFen: bigint({ mode: "bigint" }).notNull().default(sql`0`),
    returnsFen: bigint({ mode: "bigint" }).notNull().default(sql`0`),
    paymentsFen: bigint({ mode: "bigint" }).notNull().default(sql`0`),
    dueFen: bigint({ mode: "bigint" }).notNull().default(sql`0`),
    paidOnTimeFen: bigint({ mode: "bigint" }).notNull().default(sql`0`),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.month, t.divisionId] }),
    index("partner_month_stats_month_idx").on(t.month, t.divisionId),
  ],
);

export type PartnerTarget = typeof partnerTargets.$inferSelect;
export type PartnerMonthStats = typeof partnerMonthStats.$inferSelect;

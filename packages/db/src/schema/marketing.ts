import { sql } from "drizzle-orm";
import { bigint, check, date, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";
import { divisions } from "./products";
import { users } from "./users";

/**
 * A market budget (市场预算) for one division in one branch for one quarter. `committed` is what
 * approved campaigns and fund approvals hold; `spent` what has been paid out of it. A commitment is
 * one conditional UPDATE (`committed + x <= planned`), so no two approvals can overdraw the pool;
 * the checks below are the last line of defence.
 */
export const budgetPools = pgTable(
  "budget_pools",
  {
    id: uuid().primaryKey().defaultRandom(),
    divisionId: uuid()
      .notNull()
      .references(() => divisions.id),
    branchId: uuid()
      .notNull()
      .references(() => organizations.id),
    /** `2026-Q4` */
    quarter: text().notNull(),
    plannedFen: bigint({ mode: "bigint" }).notNull(),
    committedFen: bigint({ mode: "bigint" }).notNull().default(sql`0`),
    spentFen: bigint({ mode: "bigint" }).notNull().default(sql`0`),
    note: text(),
    version: integer().notNull().default(1),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("budget_pools_division_id_branch_id_quarter_idx").on(t.divisionId, t.branchId, t.quarter),
    index("budget_pools_quarter_idx").on(t.quarter),
    check("budget_pools_quarter", sql`${t.quarter} ~ '^[0-9]{4}-Q[1-4]$'`),
    check("budget_pools_amounts", sql`${t.plannedFen} > 0 and ${t.committedFen} >= 0 and ${t.spentFen} >= 0 and ${t.committedFen} <= ${t.plannedFen}`),
  ],
);

export const campaignTypes = ["trade_show", "roadshow", "promotion", "online", "co_marketing", "training"] as const;
export type CampaignType = (typeof campaignTypes)[number];
export const campaignType = pgEnum("campaign_type", campaignTypes);

export const campaignStatuses = ["draft", "approved", "running", "closed"] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];
export const campaignStatus = pgEnum("campaign_status", campaignStatuses);

export const budgetCategories = ["venue", "materials", "advertising", "gifts", "staff", "other"] as const;
export type BudgetCategory = (typeof budgetCategories)[number];
export const budgetCategory = pgEnum("budget_category", budgetCategories);

/**
 * A marketing campaign (展会, 路演 …) of one division in one branch, drawn from the pool of its
 * division × branch × quarter of its start. Approval commits its planned budget on the pool;
 * spend entries move the pool's spent.
 */
export const campaigns = pgTable(
  "campaigns",
  {
    id: uuid().primaryKey().defaultRandom(),
    number: text().notNull(),
    name: text().notNull(),
    type: campaignType().notNull(),
    divisionId: uuid()
      .notNull()
      .references(() => divisions.id),
    branchId: uuid()
      .notNull()
      .references(() => organizations.id),
    poolId: uuid()
      .notNull()
      .references(() => budgetPools.id),
    startsOn: date().notNull(),
    endsOn: date().notNull(),
    ownerId: uuid()
      .notNull()
      .references(() => users.id),
    goal: text().notNull(),
    status: campaignStatus().notNull().default("draft"),
    plannedFen: bigint({ mode: "bigint" }).notNull(),
    spentFen: bigint({ mode: "bigint" }).notNull().default(sql`0`),
    decidedBy: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("campaigns_number_idx").on(t.number),
    index("campaigns_branch_id_starts_on_idx").on(t.branchId, t.startsOn),
    index("campaigns_status_starts_on_idx").on(t.status, t.startsOn),
    index("campaigns_pool_id_idx").on(t.poolId),
    check("campaigns_dates", sql`${t.endsOn} >= ${t.startsOn}`),
    check("campaigns_amounts", sql`${t.plannedFen} > 0 and ${t.spentFen} >= 0`),
  ],
);

/** The planned budget of a campaign by category; the campaign's planned is their sum. */
export const campaignBudgetLines = pgTable(
  "campaign_budget_lines",
  {
    campaignId: uuid()
      .notNull()
      .references(() => campaigns.id),
    category: budgetCategory().notNull(),
    amountFen: bigint({ mode: "bigint" }).notNull(),
  },
  (t) => [uniqueIndex("campaign_budget_lines_campaign_id_category_idx").on(t.campaignId, t.category), check("campaign_budget_lines_amount", sql`${t.amountFen} > 0`)],
);

/** Money actually spent on a campaign; each entry moves the pool's spent in the same transaction. */
export const campaignSpends = pgTable(
  "campaign_spends",
  {
    id: uuid().primaryKey().defaultRandom(),
    campaignId: uuid()
      .notNull()
      .references(() => campaigns.id),
    category: budgetCategory().notNull(),
    amountFen: bigint({ mode: "bigint" }).notNull(),
    spentOn: date().notNull(),
    note: text(),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("campaign_spends_campaign_id_created_at_idx").on(t.campaignId, t.createdAt), check("campaign_spends_amount", sql`${t.amountFen} > 0`)],
);

export type BudgetPool = typeof budgetPools.$inferSelect;
export type Campaign = typeof campaigns.$inferSelect;

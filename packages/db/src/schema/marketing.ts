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
    /** The public landing form's address, `/c/<code>` (lower-case letters, digits, dashes); none until set. */
    code: text(),
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
    uniqueIndex("campaigns_code_idx").on(t.code),
    check("campaigns_code", sql`${t.code} ~ '^[a-z0-9][a-z0-9-]{2,39}$'`),
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

/**
 * `counted` moves the campaign's and the pool's spent; `pending` is spend past the campaign's approved
 * budget waiting for a manager (it counts nothing until approved); `rejected` never counts.
 */
export const campaignSpendStatuses = ["counted", "pending", "rejected"] as const;
export type CampaignSpendStatus = (typeof campaignSpendStatuses)[number];
export const campaignSpendStatus = pgEnum("campaign_spend_status", campaignSpendStatuses);

/** Money actually spent on a campaign; each counted entry moves the pool's spent in the same transaction. */
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
    status: campaignSpendStatus().notNull().default("counted"),
    decisionReason: text(),
    decidedBy: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("campaign_spends_campaign_id_created_at_idx").on(t.campaignId, t.createdAt), check("campaign_spends_amount", sql`${t.amountFen} > 0`)],
);

export type BudgetPool = typeof budgetPools.$inferSelect;
export type Campaign = typeof campaigns.$inferSelect;

export const fundApplicationStatuses = ["submitted", "approved", "rejected"] as const;
export type FundApplicationStatus = (typeof fundApplicationStatuses)[number];
export const fundApplicationStatus = pgEnum("fund_application_status", fundApplicationStatuses);

/**
 * A partner's application for co-marketing funds (市场费用申请) for one activity, drawn from the
 * pool of its division × its owner branch × the activity's quarter (or a campaign's pool). Staff
 * approve all or part of it (`approvedFen`, committed on the pool) or reject it with a reason.
 */
export const fundApplications = pgTable(
  "fund_applications",
  {
    id: uuid().primaryKey().defaultRandom(),
    number: text().notNull(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    ownerBranchId: uuid().references(() => organizations.id),
    poolId: uuid()
      .notNull()
      .references(() => budgetPools.id),
    campaignId: uuid().references(() => campaigns.id),
    activity: text().notNull(),
    startsOn: date().notNull(),
    endsOn: date().notNull(),
    requestedFen: bigint({ mode: "bigint" }).notNull(),
    expectedResult: text().notNull(),
    status: fundApplicationStatus().notNull().default("submitted"),
    approvedFen: bigint({ mode: "bigint" }),
    decisionReason: text(),
    decidedBy: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    /** The last day a claim may be filed: the activity's end plus the claim window. */
    claimDueOn: date().notNull(),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("fund_applications_number_idx").on(t.number),
    index("fund_applications_organization_id_created_at_idx").on(t.organizationId, t.createdAt),
    index("fund_applications_status_created_at_idx").on(t.status, t.createdAt),
    index("fund_applications_pool_id_idx").on(t.poolId),
    index("fund_applications_campaign_id_idx").on(t.campaignId).where(sql`${t.campaignId} is not null`),
    check("fund_applications_dates", sql`${t.endsOn} >= ${t.startsOn} and ${t.claimDueOn} >= ${t.endsOn}`),
    check("fund_applications_amounts", sql`${t.requestedFen} > 0 and (${t.approvedFen} is null or (${t.approvedFen} > 0 and ${t.approvedFen} <= ${t.requestedFen}))`),
  ],
);

export const fundClaimStatuses = ["submitted", "returned", "approved"] as const;
export type FundClaimStatus = (typeof fundClaimStatuses)[number];
export const fundClaimStatus = pgEnum("fund_claim_status", fundClaimStatuses);

/**
 * The claim (核销) against an approved application, with proof files: staff approve an amount up to
 * the approval, settled once into the partner's rebate balance, or return it for more proof.
 */
export const fundClaims = pgTable(
  "fund_claims",
  {
    id: uuid().primaryKey().defaultRandom(),
    number: text().notNull(),
    applicationId: uuid()
      .notNull()
      .references(() => fundApplications.id),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    ownerBranchId: uuid().references(() => organizations.id),
    claimedFen: bigint({ mode: "bigint" }).notNull(),
    description: text().notNull(),
    status: fundClaimStatus().notNull().default("submitted"),
    approvedFen: bigint({ mode: "bigint" }),
    decisionComment: text(),
    decidedBy: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("fund_claims_number_idx").on(t.number),
    uniqueIndex("fund_claims_application_id_idx").on(t.applicationId),
    index("fund_claims_organization_id_created_at_idx").on(t.organizationId, t.createdAt),
    check("fund_claims_amounts", sql`${t.claimedFen} > 0 and (${t.approvedFen} is null or (${t.approvedFen} > 0 and ${t.approvedFen} <= ${t.claimedFen}))`),
  ],
);

/**
 * Proof of a claim (invoices, photos as PDF or images), checked by their bytes, stored outside the
 * web root. Each file is one line staff review: an accepted amount, or a rejection with its reason;
 * the claim's approved amount is the sum of the accepted lines.
 */
export const fundClaimFiles = pgTable(
  "fund_claim_files",
  {
    id: uuid().primaryKey().defaultRandom(),
    claimId: uuid()
      .notNull()
      .references(() => fundClaims.id),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    storedPath: text().notNull(),
    originalName: text().notNull(),
    mime: text().notNull(),
    sizeBytes: integer().notNull(),
    acceptedFen: bigint({ mode: "bigint" }),
    rejectReason: text(),
    reviewedBy: uuid().references(() => users.id),
    reviewedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("fund_claim_files_claim_id_idx").on(t.claimId),
    check("fund_claim_files_review", sql`(${t.acceptedFen} is null or ${t.acceptedFen} > 0) and (${t.acceptedFen} is null or ${t.rejectReason} is null)`),
  ],
);

export type FundApplication = typeof fundApplications.$inferSelect;
export type FundClaim = typeof fundClaims.$inferSelect;

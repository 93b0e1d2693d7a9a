import { sql } from "drizzle-orm";
import { bigint, boolean, check, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { invoices, payments } from "./billing";
import { fundClaims } from "./marketing";
import { partnerTier } from "./enums";
import { orders } from "./orders";
import { organizations } from "./organizations";
import { divisions, productLines, products } from "./products";
import { users } from "./users";

export const rebateBases = ["invoiced", "collected"] as const;
export type RebateBasis = (typeof rebateBases)[number];
export const rebateBasis = pgEnum("rebate_basis", rebateBases);

export const rebateMethods = ["retroactive", "incremental"] as const;
export type RebateMethod = (typeof rebateMethods)[number];
export const rebateMethod = pgEnum("rebate_method", rebateMethods);

export const rebateProgramStatuses = ["draft", "active", "archived"] as const;
export type RebateProgramStatus = (typeof rebateProgramStatuses)[number];
export const rebateProgramStatus = pgEnum("rebate_program_status", rebateProgramStatuses);

/** One completion tier: from `minCompletionBp` (8000 = 80%) of target, `rateBp` (100 = 1%) of the basis. */
export type RebateTier = { minCompletionBp: number; rateBp: number };
/** On-time payment multiplier: from `minOnTimeBp` on-time rate, the rebate × `multiplierBp` / 10000. */
export type RebateMultiplierTier = { minOnTimeBp: number; multiplierBp: number };

/**
 * A rebate program: who is eligible (tiers, branches, a list — any that is set must match), on what
 * basis, over which period, with completion tiers applied retroactively or per slice, an optional
 * per-partner cap and an optional on-time payment multiplier. Tiers are validated in the domain
 * (ordered, non-overlapping, sane rates) and stored as JSON because they are always read whole.
 */
export const rebatePrograms = pgTable(
  "rebate_programs",
  {
    id: uuid().primaryKey().defaultRandom(),
    code: text().notNull(),
    name: text().notNull(),
    /** The name English pages show (the Chinese name when absent). */
    nameEn: text(),
    status: rebateProgramStatus().notNull().default("draft"),
    periodStart: date().notNull(),
    periodEnd: date().notNull(),
    basis: rebateBasis().notNull(),
    method: rebateMethod().notNull(),
    divisionId: uuid().references(() => divisions.id),
    productLineId: uuid().references(() => productLines.id),
    /** Basis includes the purchases of the partner's sub-tree as it was on each invoice's date. */
    includeSubtree: boolean().notNull().default(false),
    eligibleTiers: partnerTier().array().notNull().default(sql`'{}'`),
    eligibleBranchIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    eligibleOrganizationIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    tiers: jsonb().$type<RebateTier[]>().notNull(),
    multiplierTiers: jsonb().$type<RebateMultiplierTier[]>(),
    capFen: bigint({ mode: "bigint" }),
    version: integer().notNull().default(1),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("rebate_programs_code_idx").on(t.code),
    index("rebate_programs_period_idx").on(t.periodStart, t.periodEnd),
    check("rebate_programs_period", sql`${t.periodEnd} >= ${t.periodStart}`),
    check("rebate_programs_cap", sql`${t.capFen} is null or ${t.capFen} > 0`),
  ],
);

export const rebateRunStatuses = ["queued", "running", "done", "failed"] as const;
export type RebateRunStatus = (typeof rebateRunStatuses)[number];
export const rebateRunStatus = pgEnum("rebate_run_status", rebateRunStatuses);

/** One calculation of a program, run by the worker (SKIP LOCKED), with progress for the UI. */
export const rebateRuns = pgTable(
  "rebate_runs",
  {
    id: uuid().primaryKey().defaultRandom(),
    programId: uuid()
      .notNull()
      .references(() => rebatePrograms.id),
    status: rebateRunStatus().notNull().default("queued"),
    phase: text(),
    progressDone: integer().notNull().default(0),
    progressTotal: integer().notNull().default(0),
    statementsWritten: integer().notNull().default(0),
    attempts: integer().notNull().default(0),
    lockedUntil: timestamp({ withTimezone: true }),
    error: text(),
    requestedBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("rebate_runs_program_id_created_at_idx").on(t.programId, t.createdAt),
    index("rebate_runs_queued_idx").on(t.createdAt).where(sql`${t.status} in ('queued', 'running')`),
  ],
);

export const priceProtectionStatuses = ["draft", "approved", "cancelled"] as const;
export type PriceProtectionStatus = (typeof priceProtectionStatuses)[number];
export const priceProtectionStatus = pgEnum("price_protection_status", priceProtectionStatuses);

/**
 * A partner price drop from a date: every partner's unsold stock of the product on that date (its
 * virtual and consignment stock in the ledger) earns the difference per unit.
 */
export const priceProtections = pgTable(
  "price_protections",
  {
    id: uuid().primaryKey().defaultRandom(),
    number: text().notNull(),
    productId: uuid()
      .notNull()
      .references(() => products.id),
    effectiveDate: date().notNull(),
    /** Tax-inclusive partner unit price before and from the effective date. */
    oldPriceFen: bigint({ mode: "bigint" }).notNull(),
    newPriceFen: bigint({ mode: "bigint" }).notNull(),
    status: priceProtectionStatus().notNull().default("draft"),
    note: text(),
    version: integer().notNull().default(1),
    createdBy: uuid().references(() => users.id),
    approvedBy: uuid().references(() => users.id),
    approvedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("price_protections_number_idx").on(t.number),
    index("price_protections_product_id_idx").on(t.productId, t.effectiveDate),
    check("price_protections_prices", sql`${t.newPriceFen} >= 0 and ${t.oldPriceFen} > ${t.newPriceFen}`),
  ],
);

export const priceProtectionLines = pgTable(
  "price_protection_lines",
  {
    id: uuid().primaryKey().defaultRandom(),
    priceProtectionId: uuid()
      .notNull()
      .references(() => priceProtections.id),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    quantity: integer().notNull(),
    unitCreditFen: bigint({ mode: "bigint" }).notNull(),
    amountFen: bigint({ mode: "bigint" }).notNull(),
  },
  (t) => [
    uniqueIndex("price_protection_lines_org_idx").on(t.priceProtectionId, t.organizationId),
    index("price_protection_lines_organization_id_idx").on(t.organizationId),
    check("price_protection_lines_amounts", sql`${t.quantity} > 0 and ${t.amountFen} = ${t.unitCreditFen} * ${t.quantity}`),
  ],
);

export const rebateStatementKinds = ["rebate", "price_protection"] as const;
export type RebateStatementKind = (typeof rebateStatementKinds)[number];
export const rebateStatementKind = pgEnum("rebate_statement_kind", rebateStatementKinds);

export const rebateStatementStatuses = ["draft", "approved", "published", "settled"] as const;
export type RebateStatementStatus = (typeof rebateStatementStatuses)[number];
export const rebateStatementStatus = pgEnum("rebate_statement_status", rebateStatementStatuses);

/**
 * What one partner earned from one program (or one price protection). Drafts are rewritten by
 * re-runs; from `approved` on a statement is frozen, and later corrections are adjustments carried
 * into the partner's next statement.
 */
export const rebateStatements = pgTable(
  "rebate_statements",
  {
    id: uuid().primaryKey().defaultRandom(),
    number: text().notNull(),
    kind: rebateStatementKind().notNull(),
    programId: uuid().references(() => rebatePrograms.id),
    priceProtectionId: uuid().references(() => priceProtections.id),
    runId: uuid().references(() => rebateRuns.id),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    ownerBranchId: uuid().references(() => organizations.id),
    periodStart: date().notNull(),
    periodEnd: date().notNull(),
    status: rebateStatementStatus().notNull().default("draft"),
    basisFen: bigint({ mode: "bigint" }).notNull().default(sql`0`),
    targetFen: bigint({ mode: "bigint" }),
    completionBp: integer(),
    onTimeBp: integer(),
    /** Index into the program's tiers of the tier reached; null when none. */
    tierIndex: integer(),
    rateBp: integer().notNull().default(0),
    multiplierBp: integer().notNull().default(10000),
    /** Before the cap. */
    calculatedFen: bigint({ mode: "bigint" }).notNull().default(sql`0`),
    capApplied: boolean().notNull().default(false),
    adjustmentsFen: bigint({ mode: "bigint" }).notNull().default(sql`0`),
    /** What the partner is credited: after the cap, plus adjustments. */
    amountFen: bigint({ mode: "bigint" }).notNull().default(sql`0`),
    calculatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    approvedBy: uuid().references(() => users.id),
    approvedAt: timestamp({ withTimezone: true }),
    publishedBy: uuid().references(() => users.id),
    publishedAt: timestamp({ withTimezone: true }),
    settledBy: uuid().references(() => users.id),
    settledAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
  },
  (t) => [
    uniqueIndex("rebate_statements_number_idx").on(t.number),
    uniqueIndex("rebate_statements_program_org_idx").on(t.programId, t.organizationId).where(sql`${t.programId} is not null`),
    uniqueIndex("rebate_statements_protection_org_idx").on(t.priceProtectionId, t.organizationId).where(sql`${t.priceProtectionId} is not null`),
    index("rebate_statements_organization_id_period_idx").on(t.organizationId, t.periodEnd),
    index("rebate_statements_status_idx").on(t.status, t.ownerBranchId),
    check("rebate_statements_source", sql`(${t.programId} is null) <> (${t.priceProtectionId} is null)`),
  ],
);

/**
 * The explained lines of a statement, in order: basis, tier slices (or the retroactive rate),
 * multiplier, cap, adjustments, price-protection units. `params` feed the plain-words sentence.
 */
export const rebateStatementLines = pgTable(
  "rebate_statement_lines",
  {
    id: uuid().primaryKey().defaultRandom(),
    statementId: uuid()
      .notNull()
      .references(() => rebateStatements.id, { onDelete: "cascade" }),
    lineNo: integer().notNull(),
    kind: text().notNull(),
    basisFen: bigint({ mode: "bigint" }),
    rateBp: integer(),
    amountFen: bigint({ mode: "bigint" }).notNull(),
    params: jsonb().notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [uniqueIndex("rebate_statement_lines_statement_id_line_no_idx").on(t.statementId, t.lineNo)],
);

/**
 * A correction to a frozen statement (a late return, a corrected invoice): never a rewrite, it is
 * picked up by the partner's next statement and marked with it when that one is approved.
 */
export const rebateAdjustments = pgTable(
  "rebate_adjustments",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    sourceStatementId: uuid()
      .notNull()
      .references(() => rebateStatements.id),
    creditNoteId: uuid().references(() => invoices.id),
    amountFen: bigint({ mode: "bigint" }).notNull(),
    reason: text().notNull(),
    appliedStatementId: uuid().references(() => rebateStatements.id),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("rebate_adjustments_credit_note_idx").on(t.sourceStatementId, t.creditNoteId),
    index("rebate_adjustments_pending_idx").on(t.organizationId).where(sql`${t.appliedStatementId} is null`),
  ],
);

/** The rebate balance per partner; the row is the lock for every use and credit. */
export const rebateBalances = pgTable(
  "rebate_balances",
  {
    organizationId: uuid()
      .primaryKey()
      .references(() => organizations.id),
    balanceFen: bigint({ mode: "bigint" }).notNull().default(sql`0`),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("rebate_balances_not_negative", sql`${t.balanceFen} >= 0`)],
);

export const rebateLedgerKinds = ["statement_credit", "checkout_use", "checkout_release", "payout", "fund_credit"] as const;
export type RebateLedgerKind = (typeof rebateLedgerKinds)[number];
export const rebateLedgerKind = pgEnum("rebate_ledger_kind", rebateLedgerKinds);

/** Every credit and use of the rebate balance; the balance is their sum. */
export const rebateLedger = pgTable(
  "rebate_ledger",
  {
    id: bigint({ mode: "bigint" }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    kind: rebateLedgerKind().notNull(),
    amountFen: bigint({ mode: "bigint" }).notNull(),
    balanceAfterFen: bigint({ mode: "bigint" }).notNull(),
    statementId: uuid().references(() => rebateStatements.id),
    orderId: uuid().references(() => orders.id),
    paymentId: uuid().references(() => payments.id),
    /** A settled co-marketing fund claim (kind fund_credit). */
    fundClaimId: uuid().references(() => fundClaims.id),
    note: text(),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("rebate_ledger_organization_id_created_at_idx").on(t.organizationId, t.createdAt),
    uniqueIndex("rebate_ledger_statement_credit_idx").on(t.statementId).where(sql`${t.kind} = 'statement_credit'`),
    // not on kind: a value added to an enum cannot be used in the migration that adds it
    uniqueIndex("rebate_ledger_fund_credit_idx").on(t.fundClaimId).where(sql`${t.fundClaimId} is not null`),
    check("rebate_ledger_amount", sql`${t.amountFen} <> 0 and ${t.balanceAfterFen} >= 0`),
  ],
);

export type RebateProgram = typeof rebatePrograms.$inferSelect;
export type RebateRun = typeof rebateRuns.$inferSelect;
export type RebateStatement = typeof rebateStatements.$inferSelect;
export type PriceProtection = typeof priceProtections.$inferSelect;

import { sql } from "drizzle-orm";
import { bigint, check, date, index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";
import { users } from "./users";

export const accountStatementStatuses = ["open", "disputed", "confirmed"] as const;
export type AccountStatementStatus = (typeof accountStatementStatuses)[number];
export const accountStatementStatus = pgEnum("account_statement_status", accountStatementStatuses);

/**
 * A partner's monthly statement of account to confirm (对账确认): `open` until the partner confirms it
 * or disputes a line (`disputed` while any dispute is unresolved). Confirmed is final: the statement
 * as the partner saw it is kept in `snapshot` and is what every later view and PDF shows.
 */
export const accountStatements = pgTable(
  "account_statements",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    ownerBranchId: uuid().references(() => organizations.id),
    /** First day of the month the statement covers. */
    month: date().notNull(),
    status: accountStatementStatus().notNull().default("open"),
    issuedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** When the partner was reminded to confirm (once per statement). */
    remindedAt: timestamp({ withTimezone: true }),
    confirmedBy: uuid().references(() => users.id),
    confirmedAt: timestamp({ withTimezone: true }),
    /** The frozen statement (amounts as decimal strings of fen), set when confirmed. */
    snapshot: jsonb(),
    closingFen: bigint({ mode: "bigint" }),
  },
  (t) => [
    uniqueIndex("account_statements_organization_id_month_idx").on(t.organizationId, t.month),
    index("account_statements_month_status_idx").on(t.month, t.status),
    index("account_statements_unconfirmed_idx").on(t.issuedAt).where(sql`${t.status} <> 'confirmed' and ${t.remindedAt} is null`),
    check(
      "account_statements_confirmed",
      sql`(${t.status} = 'confirmed') = (${t.confirmedAt} is not null and ${t.confirmedBy} is not null and ${t.snapshot} is not null)`,
    ),
  ],
);

export const statementDisputeStatuses = ["open", "resolved"] as const;
export type StatementDisputeStatus = (typeof statementDisputeStatuses)[number];
export const statementDisputeStatus = pgEnum("statement_dispute_status", statementDisputeStatuses);

/** A line of a statement the partner does not agree with, its reason, and finance's answer. */
export const statementDisputes = pgTable(
  "statement_disputes",
  {
    id: uuid().primaryKey().defaultRandom(),
    statementId: uuid()
      .notNull()
      .references(() => accountStatements.id),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    /** The disputed line's document number (invoice, credit note or payment). */
    entryNumber: text().notNull(),
    reason: text().notNull(),
    status: statementDisputeStatus().notNull().default("open"),
    resolution: text(),
    raisedBy: uuid()
      .notNull()
      .references(() => users.id),
    raisedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    resolvedBy: uuid().references(() => users.id),
    resolvedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("statement_disputes_statement_id_idx").on(t.statementId),
    check("statement_disputes_resolved", sql`(${t.status} = 'resolved') = (${t.resolution} is not null and ${t.resolvedAt} is not null)`),
  ],
);

export type AccountStatement = typeof accountStatements.$inferSelect;

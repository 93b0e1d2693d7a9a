import { sql } from "drizzle-orm";
import { bigint, check, index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { invoices } from "./billing";
import { organizations } from "./organizations";
import { returnRequests } from "./returns";
import { users } from "./users";

export const redLetterStatuses = ["pending", "confirmed", "rejected"] as const;
export type RedLetterStatus = (typeof redLetterStatuses)[number];
export const redLetterStatus = pgEnum("red_letter_status", redLetterStatuses);

/** What a red-letter request reverses: returned goods, a rebate settled as a discount, price protection. */
export const redLetterSources = ["return", "rebate", "price_protection"] as const;
export type RedLetterSource = (typeof redLetterSources)[number];
export const redLetterSource = pgEnum("red_letter_source", redLetterSources);

/**
 * A red-letter confirmation (红字确认单, docs/decisions/034): what a credit note against one issued
 * invoice would credit, waiting for the buyer partner. Until the buyer confirms it nothing counts; on
 * confirmation billing's createCreditNote issues the credit note (`creditNoteId`), on rejection it
 * stays a record with the buyer's reason. `lines` are the credit note's input lines (fen as strings).
 */
export const redLetterRequests = pgTable(
  "red_letter_requests",
  {
    id: uuid().primaryKey().defaultRandom(),
    number: text().notNull(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    ownerBranchId: uuid().references(() => organizations.id),
    originalInvoiceId: uuid()
      .notNull()
      .references(() => invoices.id),
    source: redLetterSource().notNull(),
    returnId: uuid().references(() => returnRequests.id),
    lines: jsonb().notNull(),
    netFen: bigint({ mode: "bigint" }).notNull(),
    taxFen: bigint({ mode: "bigint" }).notNull(),
    totalFen: bigint({ mode: "bigint" }).notNull(),
    status: redLetterStatus().notNull().default("pending"),
    creditNoteId: uuid().references(() => invoices.id),
    rejectReason: text(),
    requestedBy: uuid().references(() => users.id),
    decidedBy: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("red_letter_requests_number_idx").on(t.number),
    index("red_letter_requests_organization_id_created_at_idx").on(t.organizationId, t.createdAt),
    index("red_letter_requests_original_invoice_id_idx").on(t.originalInvoiceId),
    index("red_letter_requests_pending_idx").on(t.createdAt).where(sql`${t.status} = 'pending'`),
    check(
      "red_letter_requests_state",
      sql`${t.totalFen} > 0 and ${t.netFen} + ${t.taxFen} = ${t.totalFen}
        and (${t.status} = 'confirmed') = (${t.creditNoteId} is not null)
        and (${t.status} <> 'rejected' or ${t.rejectReason} is not null)
        and (${t.status} = 'pending') = (${t.decidedAt} is null)`,
    ),
  ],
);

export type RedLetterRequest = typeof redLetterRequests.$inferSelect;

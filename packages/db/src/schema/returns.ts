import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { invoices } from "./billing";
import { stockLocations } from "./inventory";
import { orderLines, orders } from "./orders";
import { organizations } from "./organizations";
import { products } from "./products";
import { users } from "./users";

export const returnStatuses = ["requested", "approved", "rejected", "received", "cancelled"] as const;
export type ReturnStatus = (typeof returnStatuses)[number];
export const returnStatus = pgEnum("return_status", returnStatuses);

export const returnReasons = ["defective", "wrong_item", "damaged_in_transit", "not_needed", "other"] as const;
export const returnReason = pgEnum("return_reason", returnReasons);

/**
 * A partner's return (退货) against one order: requested in the portal, approved by staff, received
 * into stock (or quarantine) as ledger moves, and credited by a credit note.
 */
export const returnRequests = pgTable(
  "return_requests",
  {
    id: uuid().primaryKey().defaultRandom(),
    number: text().notNull(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    ownerBranchId: uuid().references(() => organizations.id),
    orderId: uuid()
      .notNull()
      .references(() => orders.id),
    status: returnStatus().notNull().default("requested"),
    reason: returnReason().notNull(),
    note: text(),
    requestedBy: uuid().references(() => users.id),
    decidedBy: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    decisionComment: text(),
    /** Where received goods went: a warehouse or its quarantine location. */
    receivedLocationId: uuid().references(() => stockLocations.id),
    toQuarantine: boolean().notNull().default(false),
    creditNoteId: uuid().references(() => invoices.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("return_requests_number_idx").on(t.number),
    index("return_requests_organization_id_created_at_idx").on(t.organizationId, t.createdAt),
    index("return_requests_status_created_at_idx").on(t.status, t.createdAt),
  ],
);

export const returnLines = pgTable(
  "return_lines",
  {
    id: uuid().primaryKey().defaultRandom(),
    returnId: uuid()
      .notNull()
      .references(() => returnRequests.id),
    orderLineId: uuid()
      .notNull()
      .references(() => orderLines.id),
    invoiceId: uuid().references(() => invoices.id),
    productId: uuid()
      .notNull()
      .references(() => products.id),
    quantity: integer().notNull(),
    serials: text().array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [
    index("return_lines_return_id_idx").on(t.returnId),
    // what is already returned or asked back, per order line
    index("return_lines_order_line_id_idx").on(t.orderLineId),
    check("return_lines_quantity", sql`${t.quantity} > 0`),
  ],
);

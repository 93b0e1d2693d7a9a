import { sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { stockLocations } from "./inventory";
import { organizations } from "./organizations";
import { products } from "./products";

export const stockDocumentKinds = ["receipt", "transfer", "issue", "stocktake", "call_off", "sell_out"] as const;
export type StockDocumentKind = (typeof stockDocumentKinds)[number];
export const stockDocumentKind = pgEnum("stock_document_kind", stockDocumentKinds);

/**
 * The paperwork behind moves: receipts (入库), transfers (调拨), other issues (出库), stocktakes (盘点),
 * partner call-offs and sell-out reports. One table, because they share numbering, status, approval
 * and audit; each kind's workflow is defined in packages/domain.
 */
export const stockDocuments = pgTable(
  "stock_documents",
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: stockDocumentKind().notNull(),
    number: text().notNull(),
    status: text().notNull(),
    fromLocationId: uuid().references(() => stockLocations.id),
    toLocationId: uuid().references(() => stockLocations.id),
    /** The partner a call-off or sell-out belongs to (tenant key for the portal). */
    organizationId: uuid().references(() => organizations.id),
    /** Issue reason (sample, internal_use, scrap) or the supplier's delivery note. */
    reason: text(),
    note: text(),
    /** Cost value in fen that drives approval thresholds. */
    valueFen: bigint({ mode: "bigint" }).notNull().default(sql`0`),
    /** Call-off delivery address, snapshot at request time. */
    deliveryAddress: jsonb(),
    createdBy: uuid(),
    approvedBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("stock_documents_number_idx").on(t.number),
    index("stock_documents_kind_status_created_at_idx").on(t.kind, t.status, t.createdAt),
    index("stock_documents_organization_id_created_at_idx").on(t.organizationId, t.createdAt),
  ],
);

export const stockDocumentLines = pgTable(
  "stock_document_lines",
  {
    id: uuid().primaryKey().defaultRandom(),
    documentId: uuid()
      .notNull()
      .references(() => stockDocuments.id, { onDelete: "cascade" }),
    productId: uuid()
      .notNull()
      .references(() => products.id),
    /** Planned quantity (ordered, to transfer, to issue; the stocktake's expected snapshot). */
    quantity: integer().notNull(),
    /** Shipped (transfers), received (receipts) or counted (stocktakes), as the workflow fills it. */
    quantityDone: integer().notNull().default(0),
    /** Received at the destination (transfers), to explain discrepancies. */
    quantityReceived: integer().notNull().default(0),
    counted: integer(),
    /** A receipt line's purchase cost per unit (fen, before VAT like products.cost): what the goods are valued at. */
    unitCostFen: bigint({ mode: "bigint" }),
    serials: text().array().notNull().default(sql`'{}'::text[]`),
    note: text(),
  },
  (t) => [
    check("stock_document_lines_quantities", sql`${t.quantity} >= 0 and ${t.quantityDone} >= 0 and ${t.quantityReceived} >= 0`),
    check("stock_document_lines_unit_cost", sql`${t.unitCostFen} is null or ${t.unitCostFen} >= 0`),
    index("stock_document_lines_document_id_idx").on(t.documentId),
  ],
);

export type StockDocument = typeof stockDocuments.$inferSelect;
export type StockDocumentLine = typeof stockDocumentLines.$inferSelect;

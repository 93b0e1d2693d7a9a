import { sql } from "drizzle-orm";
import { bigint, check, date, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { stockLocations } from "./inventory";
import { orderLines, orders } from "./orders";
import { organizations } from "./organizations";
import { products } from "./products";
import { users } from "./users";

export const shipmentStatuses = ["shipped", "delivered"] as const;
export const shipmentStatus = pgEnum("shipment_status", shipmentStatuses);

/** One departure of goods for an order from one location; an order may ship in several. */
export const shipments = pgTable(
  "shipments",
  {
    id: uuid().primaryKey().defaultRandom(),
    number: text().notNull(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    ownerBranchId: uuid().references(() => organizations.id),
    /** Null: the distributor shipped; else the master distributor that did. */
    supplierId: uuid().references(() => organizations.id),
    fromLocationId: uuid()
      .notNull()
      .references(() => stockLocations.id),
    status: shipmentStatus().notNull().default("shipped"),
    carrier: text(),
    trackingNumber: text(),
    shippedBy: uuid().references(() => users.id),
    shippedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("shipments_number_idx").on(t.number),
    index("shipments_order_id_idx").on(t.orderId),
    index("shipments_organization_id_shipped_at_idx").on(t.organizationId, t.shippedAt),
    // the survey pass: deliveries of the last days (docs/decisions/038)
    index("shipments_delivered_at_idx").on(t.deliveredAt).where(sql`${t.status} = 'delivered'`),
  ],
);

export const shipmentLines = pgTable(
  "shipment_lines",
  {
    id: uuid().primaryKey().defaultRandom(),
    shipmentId: uuid()
      .notNull()
      .references(() => shipments.id),
    orderLineId: uuid()
      .notNull()
      .references(() => orderLines.id),
    productId: uuid()
      .notNull()
      .references(() => products.id),
    quantity: integer().notNull(),
    serials: text().array().notNull().default(sql`'{}'::text[]`),
    /** Cost of goods when it shipped: the ledger's value of our goods leaving (null: a master distributor's goods). */
    unitCostFen: bigint({ mode: "bigint" }),
    costFen: bigint({ mode: "bigint" }),
  },
  (t) => [index("shipment_lines_shipment_id_idx").on(t.shipmentId), check("shipment_lines_quantity", sql`${t.quantity} > 0`)],
);

export const invoiceKinds = ["invoice", "credit_note"] as const;
export type InvoiceKind = (typeof invoiceKinds)[number];
export const invoiceKind = pgEnum("invoice_kind", invoiceKinds);

/**
 * Invoices (one per shipment) and credit notes (one per received return), both with positive
 * amounts; `settled_fen` is what payments and credit notes have allocated to an invoice, or what a
 * credit note has given away. Receivable = invoices − credit notes − payments.
 */
export const invoices = pgTable(
  "invoices",
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: invoiceKind().notNull(),
    number: text().notNull(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    ownerBranchId: uuid().references(() => organizations.id),
    orderId: uuid().references(() => orders.id),
    shipmentId: uuid().references(() => shipments.id),
    /** A credit note's return request. */
    returnId: uuid(),
    /** A credit note's original invoice. */
    originalInvoiceId: uuid(),
    issuedOn: date().notNull(),
    dueOn: date().notNull(),
    netFen: bigint({ mode: "bigint" }).notNull(),
    taxFen: bigint({ mode: "bigint" }).notNull(),
    totalFen: bigint({ mode: "bigint" }).notNull(),
    settledFen: bigint({ mode: "bigint" }).notNull().default(sql`0`),
    /** The buyer as the tax platform receives it, taken when issued (null on invoices from before migration 0031). */
    buyerName: text(),
    /** The buyer's unified social credit code (GB 32100) when issued. */
    buyerTaxId: text(),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("invoices_number_idx").on(t.number),
    index("invoices_organization_id_issued_on_idx").on(t.organizationId, t.issuedOn),
    index("invoices_open_idx").on(t.organizationId, t.dueOn).where(sql`${t.settledFen} < ${t.totalFen}`),
    uniqueIndex("invoices_shipment_id_idx").on(t.shipmentId).where(sql`${t.kind} = 'invoice'`),
    index("invoices_order_id_idx").on(t.orderId),
    // The analyses read invoices by issue date across partners (docs/decisions/033).
    index("invoices_issued_on_idx").on(t.issuedOn, t.organizationId),
    check("invoices_amounts", sql`${t.netFen} + ${t.taxFen} = ${t.totalFen} and ${t.totalFen} >= 0 and ${t.settledFen} between 0 and ${t.totalFen}`),
  ],
);

export const invoiceLines = pgTable(
  "invoice_lines",
  {
    id: uuid().primaryKey().defaultRandom(),
    invoiceId: uuid()
      .notNull()
      .references(() => invoices.id),
    orderLineId: uuid().references(() => orderLines.id),
    productId: uuid()
      .notNull()
      .references(() => products.id),
    quantity: integer().notNull(),
    /** Tax-inclusive unit price; gross = unit × quantity; tax = round_half_up(gross × rate / (1 + rate)). */
    unitPriceFen: bigint({ mode: "bigint" }).notNull(),
    grossFen: bigint({ mode: "bigint" }).notNull(),
    netFen: bigint({ mode: "bigint" }).notNull(),
    taxFen: bigint({ mode: "bigint" }).notNull(),
    /** The product's rate when invoiced (a credit note: its original line's). */
    taxRateBp: integer().notNull().default(1300),
    /** Cost of the goods invoiced (or credited) and margin = net − cost; null where the cost is not ours to know. */
    costFen: bigint({ mode: "bigint" }),
    marginFen: bigint({ mode: "bigint" }),
  },
  (t) => [
    index("invoice_lines_invoice_id_idx").on(t.invoiceId),
    check("invoice_lines_amounts", sql`${t.netFen} + ${t.taxFen} = ${t.grossFen} and ${t.quantity} > 0`),
  ],
);

/**
 * `rebate`: the partner paid part of an order from its rebate balance at checkout; `coupon`: a coupon
 * took part of an order off at checkout (docs/decisions/024). Both are prepayments tied to their order
 * (payments.order_id), allocated to its invoices as they are issued.
 */
export const paymentMethods = ["bank_transfer", "acceptance_bill", "cash", "other", "rebate", "coupon"] as const;
export const paymentMethod = pgEnum("payment_method", paymentMethods);

/** Money received (回款); what is not allocated to invoices stays as the partner's credit. */
export const payments = pgTable(
  "payments",
  {
    id: uuid().primaryKey().defaultRandom(),
    number: text().notNull(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    ownerBranchId: uuid().references(() => organizations.id),
    receivedOn: date().notNull(),
    method: paymentMethod().notNull(),
    reference: text(),
    /** A rebate payment's order: it is allocated to that order's invoices as they are issued. */
    orderId: uuid().references(() => orders.id),
    amountFen: bigint({ mode: "bigint" }).notNull(),
    unallocatedFen: bigint({ mode: "bigint" }).notNull(),
    note: text(),
    recordedBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("payments_number_idx").on(t.number),
    index("payments_organization_id_received_on_idx").on(t.organizationId, t.receivedOn),
    index("payments_order_id_idx").on(t.orderId).where(sql`${t.orderId} is not null`),
    // A rebate (coupon) payment whose order was cancelled before anything was invoiced gave everything
    // back to the rebate balance (the coupon's use back): it paid nothing, and its amount says so
    // (docs/decisions/016, 024). (::text:
    // migrations run in one transaction with the one that added the enum value, unusable there.)
    check("payments_amounts", sql`(${t.amountFen} > 0 or (${t.method}::text in ('rebate', 'coupon') and ${t.amountFen} = 0)) and ${t.unallocatedFen} between 0 and ${t.amountFen}`),
  ],
);

export const paymentNoticeStatuses = ["pending", "confirmed", "rejected"] as const;
export type PaymentNoticeStatus = (typeof paymentNoticeStatuses)[number];
export const paymentNoticeStatus = pgEnum("payment_notice_status", paymentNoticeStatuses);

/**
 * A partner saying it has paid (付款通知): amount, date, bank reference and the transfer receipt.
 * Finance confirms it into a recorded payment (`paymentId`) or rejects it with a reason; until then
 * it is only a claim and moves no balance.
 */
export const paymentNotices = pgTable(
  "payment_notices",
  {
    id: uuid().primaryKey().defaultRandom(),
    number: text().notNull(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    ownerBranchId: uuid().references(() => organizations.id),
    amountFen: bigint({ mode: "bigint" }).notNull(),
    paidOn: date().notNull(),
    reference: text().notNull(),
    payerAccount: text(),
    note: text(),
    /** The receipt image, relative to the uploads dir (never the web root); its type is what its bytes say. */
    receiptPath: text(),
    receiptMime: text(),
    receiptSize: integer(),
    status: paymentNoticeStatus().notNull().default("pending"),
    paymentId: uuid().references(() => payments.id),
    rejectReason: text(),
    notifiedBy: uuid()
      .notNull()
      .references(() => users.id),
    decidedBy: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("payment_notices_number_idx").on(t.number),
    index("payment_notices_organization_id_created_at_idx").on(t.organizationId, t.createdAt),
    index("payment_notices_pending_idx").on(t.createdAt).where(sql`${t.status} = 'pending'`),
    check(
      "payment_notices_state",
      sql`${t.amountFen} > 0 and (${t.status} <> 'confirmed' or ${t.paymentId} is not null) and (${t.status} <> 'rejected' or ${t.rejectReason} is not null)`,
    ),
  ],
);

/** Settles an invoice from a payment or from a credit note (exactly one source). */
export const paymentAllocations = pgTable(
  "payment_allocations",
  {
    id: bigint({ mode: "bigint" }).primaryKey().generatedAlwaysAsIdentity(),
    invoiceId: uuid()
      .notNull()
      .references(() => invoices.id),
    paymentId: uuid().references(() => payments.id),
    creditNoteId: uuid().references(() => invoices.id),
    amountFen: bigint({ mode: "bigint" }).notNull(),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("payment_allocations_invoice_id_idx").on(t.invoiceId),
    index("payment_allocations_payment_id_idx").on(t.paymentId),
    check("payment_allocations_source", sql`(${t.paymentId} is null) <> (${t.creditNoteId} is null)`),
    check("payment_allocations_amount", sql`${t.amountFen} > 0`),
  ],
);

export type Invoice = typeof invoices.$inferSelect;
export type Payment = typeof payments.$inferSelect;
export type Shipment = typeof shipments.$inferSelect;

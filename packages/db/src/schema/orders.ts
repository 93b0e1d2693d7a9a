import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { addresses } from "./contacts";
import { dealRegistrations } from "./deals";
import { organizations } from "./organizations";
import { divisions, products } from "./products";
import { users } from "./users";

export const orderStatuses = [
  "submitted",
  "pending_approval",
  "confirmed",
  "partially_shipped",
  "shipped",
  "completed",
  "rejected",
  "cancelled",
] as const;
export type OrderStatus = (typeof orderStatuses)[number];
export const orderStatus = pgEnum("order_status", orderStatuses);


/**
 * A partner's order. `organization_id` is the buyer (tenant key); `supplier_id` is null when the
 * distributor fulfils it, else the master distributor that supplies the buyer's sub-tree for the
 * order's division. `owner_branch_id` is copied from the buyer so the desk's lists filter on one table.
 */
export const orders = pgTable(
  "orders",
  {
    id: uuid().primaryKey().defaultRandom(),
    number: text().notNull(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    ownerBranchId: uuid().references(() => organizations.id),
    supplierId: uuid().references(() => organizations.id),
    divisionId: uuid().references(() => divisions.id),
    status: orderStatus().notNull(),
    /** Why it waits for approval: credit_limit, discount, … (empty when none). */
    approvalReasons: text().array().notNull().default(sql`'{}'::text[]`),
    placedBy: uuid().references(() => users.id),
    poNumber: text(),
    shipToAddressId: uuid().references(() => addresses.id),
    /** The address as it was at submission, so later edits of the address book do not rewrite orders. */
    shipTo: jsonb().notNull(),
    requestedDate: date(),
    notes: text(),
    currency: text().notNull().default("CNY"),
    /** Tax-inclusive total, and the VAT inside it: sums of the rounded lines. */
    totalFen: bigint({ mode: "bigint" }).notNull(),
    taxFen: bigint({ mode: "bigint" }).notNull(),
    /** Paid from the rebate balance at checkout (a `rebate` payment for this order). */
    rebateAppliedFen: bigint({ mode: "bigint" }).notNull().default(sql`0`),
    /** Taken off the goods by a coupon at checkout (an order-level discount like the rebate: the lines keep their VAT). */
    couponDiscountFen: bigint({ mode: "bigint" }).notNull().default(sql`0`),
    /** The deal registration (报备) the buyer named at checkout: its end customer, its special prices. */
    dealRegistrationId: uuid().references(() => dealRegistrations.id),
    version: integer().notNull().default(1),
    submittedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    confirmedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("orders_number_idx").on(t.number),
    index("orders_organization_id_submitted_at_idx").on(t.organizationId, t.submittedAt),
    // The order desk: one branch, one status, newest first.
    index("orders_owner_branch_id_status_submitted_at_idx").on(t.ownerBranchId, t.status, t.submittedAt),
    index("orders_status_submitted_at_idx").on(t.status, t.submittedAt),
    // The desk's "all orders" tab and date ranges without a status: newest first across statuses.
    index("orders_submitted_at_idx").on(t.submittedAt),
    index("orders_deal_registration_id_idx").on(t.dealRegistrationId).where(sql`${t.dealRegistrationId} is not null`),
    index("orders_supplier_id_submitted_at_idx").on(t.supplierId, t.submittedAt).where(sql`${t.supplierId} is not null`),
    check("orders_total", sql`${t.totalFen} >= 0 and ${t.taxFen} >= 0 and ${t.taxFen} <= ${t.totalFen}`),
    check("orders_rebate_applied", sql`${t.rebateAppliedFen} between 0 and ${t.totalFen}`),
    check("orders_coupon_discount", sql`${t.couponDiscountFen} >= 0 and ${t.couponDiscountFen} + ${t.rebateAppliedFen} <= ${t.totalFen}`),
  ],
);

/**
 * One product on an order, priced by the server with the rule that won (`price_reason`). Quantities
 * move between buckets as the order lives: reserved → shipped; backordered → reserved as stock
 * arrives; cancelled for what will never ship; returned after shipping.
 */
export const orderLines = pgTable(
  "order_lines",
  {
    id: uuid().primaryKey().defaultRandom(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    lineNo: integer().notNull(),
    productId: uuid()
      .notNull()
      .references(() => products.id),
    quantity: integer().notNull(),
    listPriceFen: bigint({ mode: "bigint" }).notNull(),
    /** Tax-inclusive unit price after the pricing rule and any approved discount. */
    unitPriceFen: bigint({ mode: "bigint" }).notNull(),
    priceRule: text().notNull(),
    priceReason: jsonb().notNull(),
    /** Manual discount granted by staff, in basis points off the rule's price. */
    discountBp: integer().notNull().default(0),
    lineTotalFen: bigint({ mode: "bigint" }).notNull(),
    taxFen: bigint({ mode: "bigint" }).notNull(),
    quantityReserved: integer().notNull().default(0),
    quantityBackordered: integer().notNull().default(0),
    quantityShipped: integer().notNull().default(0),
    quantityCancelled: integer().notNull().default(0),
    quantityReturned: integer().notNull().default(0),
    /** Extended-warranty service lines: the device serials the units cover, one per unit (docs/decisions/006). */
    coveredSerials: text().array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [
    uniqueIndex("order_lines_order_id_line_no_idx").on(t.orderId, t.lineNo),
    index("order_lines_product_id_idx").on(t.productId),
    index("order_lines_backordered_idx").on(t.productId).where(sql`${t.quantityBackordered} > 0`),
    check("order_lines_quantity", sql`${t.quantity} > 0`),
    check("order_lines_discount", sql`${t.discountBp} >= 0 and ${t.discountBp} < 10000`),
    check(
      "order_lines_buckets",
      sql`${t.quantityReserved} >= 0 and ${t.quantityBackordered} >= 0 and ${t.quantityShipped} >= 0 and ${t.quantityCancelled} >= 0
          and ${t.quantityReserved} + ${t.quantityBackordered} + ${t.quantityShipped} + ${t.quantityCancelled} <= ${t.quantity}
          and ${t.quantityReturned} between 0 and ${t.quantityShipped}`,
    ),
  ],
);

/** The order's timeline: every state change and edit, with who and why. */
export const orderEvents = pgTable(
  "order_events",
  {
    id: bigint({ mode: "bigint" }).primaryKey().generatedAlwaysAsIdentity(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id),
    /** The order's buyer, copied so row-level security needs no look-up of an order inserted by the same statement. */
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    action: text().notNull(),
    fromStatus: orderStatus(),
    toStatus: orderStatus(),
    actorId: uuid(),
    comment: text(),
    details: jsonb(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("order_events_order_id_id_idx").on(t.orderId, t.id)],
);

/**
 * A checkout's idempotency key, unique per buying organization and claimed in the order's own
 * transaction: a replay returns the orders it made; the same key with another request is refused.
 */
export const orderSubmissions = pgTable(
  "order_submissions",
  {
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    key: text().notNull(),
    requestHash: text().notNull(),
    orderIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    userId: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.key] })],
);

/** The cart, per user, in the database; what the user saw when adding is kept to show changes at checkout. */
export const cartItems = pgTable(
  "cart_items",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    productId: uuid()
      .notNull()
      .references(() => products.id),
    quantity: integer().notNull(),
    seenUnitPriceFen: bigint({ mode: "bigint" }).notNull(),
    seenAvailable: integer(),
    addedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.productId] }), check("cart_items_quantity", sql`${t.quantity} > 0`)],
);

export const orderTemplates = pgTable(
  "order_templates",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    name: text().notNull(),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("order_templates_organization_id_name_idx").on(t.organizationId, t.name)],
);

export const orderTemplateLines = pgTable(
  "order_template_lines",
  {
    templateId: uuid()
      .notNull()
      .references(() => orderTemplates.id, { onDelete: "cascade" }),
    productId: uuid()
      .notNull()
      .references(() => products.id),
    quantity: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.templateId, t.productId] }), check("order_template_lines_quantity", sql`${t.quantity} > 0`)],
);

/**
 * Who supplies whom: a master distributor supplies its own sub-tree of the channel for a division,
 * from its own stock. Configured by the distributor; without a route the distributor supplies.
 */
export const supplyRoutes = pgTable(
  "supply_routes",
  {
    id: uuid().primaryKey().defaultRandom(),
    supplierId: uuid()
      .notNull()
      .references(() => organizations.id),
    divisionId: uuid()
      .notNull()
      .references(() => divisions.id),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("supply_routes_supplier_id_division_id_idx").on(t.supplierId, t.divisionId)],
);

export type Order = typeof orders.$inferSelect;
export type OrderLine = typeof orderLines.$inferSelect;

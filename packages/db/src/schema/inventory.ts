import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { organizations } from "./organizations";
import { products } from "./products";

export const locationKinds = [
  "warehouse",
  "transit",
  "supplier",
  "customer",
  "loss",
  "partner_virtual",
  "partner_consignment",
  "station_parts",
  "quarantine",
] as const;
export type LocationKind = (typeof locationKinds)[number];
export const locationKind = pgEnum("location_kind", locationKinds);

/** Kinds whose balances we hold; supplier, customer and loss are the world outside (Odoo's virtual locations). */
export const internalLocationKinds: readonly LocationKind[] = [
  "warehouse",
  "transit",
  "partner_virtual",
  "partner_consignment",
  "station_parts",
  "quarantine",
];

export const moveReasons = [
  "receipt",
  "shipment",
  "transfer_out",
  "transfer_in",
  "adjustment",
  "issue",
  "sell_out",
  "call_off",
  "parts_use",
  "return",
] as const;
export type MoveReason = (typeof moveReasons)[number];
export const moveReason = pgEnum("move_reason", moveReasons);

export const moveStates = ["draft", "done", "cancelled"] as const;
export const moveState = pgEnum("move_state", moveStates);

/** The distributor's own stock has no owner organization; levels key it by this nil id. */
export const DISTRIBUTOR_OWNER = "00000000-0000-0000-0000-000000000000";

export const stockLocations = pgTable(
  "stock_locations",
  {
    id: uuid().primaryKey().defaultRandom(),
    code: text().notNull(),
    kind: locationKind().notNull(),
    nameZh: text().notNull(),
    nameEn: text().notNull(),
    /** Branch a warehouse serves (and whose staff run it). */
    branchId: uuid().references(() => organizations.id),
    /** Partner owning a virtual, consignment or station-parts location. */
    organizationId: uuid().references(() => organizations.id),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("stock_locations_code_idx").on(t.code),
    index("stock_locations_branch_id_idx").on(t.branchId),
    index("stock_locations_organization_id_idx").on(t.organizationId),
  ],
);

/** The ledger: done moves are never updated or deleted; corrections are new moves. */
export const stockMoves = pgTable(
  "stock_moves",
  {
    id: bigint({ mode: "bigint" }).primaryKey().generatedAlwaysAsIdentity(),
    productId: uuid()
      .notNull()
      .references(() => products.id),
    quantity: integer().notNull(),
    fromLocationId: uuid()
      .notNull()
      .references(() => stockLocations.id),
    toLocationId: uuid()
      .notNull()
      .references(() => stockLocations.id),
    /** Who owns the goods moved (null: the distributor). */
    ownerId: uuid().references(() => organizations.id),
    reason: moveReason().notNull(),
    referenceType: text().notNull(),
    referenceId: text().notNull(),
    state: moveState().notNull().default("done"),
    actorId: uuid(),
    /**
     * Our own goods (owner null) touching a location of ours: the moving-average unit cost the move
     * was valued at and its value (docs/decisions/023). Null for goods partners own.
     */
    unitCostFen: bigint({ mode: "bigint" }),
    valueFen: bigint({ mode: "bigint" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("stock_moves_quantity_positive", sql`${t.quantity} > 0`),
    check("stock_moves_value", sql`(${t.valueFen} is null) = (${t.unitCostFen} is null) and coalesce(${t.valueFen}, 0) >= 0 and coalesce(${t.unitCostFen}, 0) >= 0`),
    check("stock_moves_distinct_locations", sql`${t.fromLocationId} <> ${t.toLocationId}`),
    index("stock_moves_product_id_created_at_idx").on(t.productId, t.createdAt),
    index("stock_moves_from_location_id_created_at_idx").on(t.fromLocationId, t.createdAt),
    index("stock_moves_to_location_id_created_at_idx").on(t.toLocationId, t.createdAt),
    index("stock_moves_reference_idx").on(t.referenceType, t.referenceId),
    // The portal's movement history of one partner's goods, newest first.
    index("stock_moves_owner_id_created_at_idx").on(t.ownerId, t.createdAt),
  ],
);

/**
 * On hand and reserved per location × owner × product, changed only together with a move (or a
 * reservation) in the same transaction. The CHECK is the last line against overselling.
 */
export const stockLevels = pgTable(
  "stock_levels",
  {
    locationId: uuid()
      .notNull()
      .references(() => stockLocations.id),
    ownerId: uuid().notNull().default(sql`'00000000-0000-0000-0000-000000000000'::uuid`),
    productId: uuid()
      .notNull()
      .references(() => products.id),
    onHand: integer().notNull().default(0),
    reserved: integer().notNull().default(0),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.locationId, t.ownerId, t.productId] }),
    check("stock_levels_on_hand_not_negative", sql`${t.onHand} >= 0`),
    check("stock_levels_reserved_within_on_hand", sql`${t.reserved} >= 0 and ${t.reserved} <= ${t.onHand}`),
    index("stock_levels_product_id_idx").on(t.productId),
    // Goods held for one partner (owner) across our warehouses.
    index("stock_levels_owner_id_idx").on(t.ownerId),
  ],
);

/**
 * The moving-average valuation of our own stock of a product, across all our locations: quantity
 * and value change only with a valued move, in its transaction, under this row's lock. Value is
 * the sum of the moves' values in minus out; average = round_half_up(value / quantity).
 */
export const stockValuations = pgTable(
  "stock_valuations",
  {
    productId: uuid()
      .primaryKey()
      .references(() => products.id),
    quantity: integer().notNull().default(0),
    valueFen: bigint({ mode: "bigint" }).notNull().default(sql`0`),
    averageCostFen: bigint({ mode: "bigint" }).notNull().default(sql`0`),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      "stock_valuations_amounts",
      sql`${t.quantity} >= 0 and ${t.valueFen} >= 0 and ${t.averageCostFen} >= 0 and (${t.quantity} > 0 or ${t.valueFen} = 0)`,
    ),
  ],
);

/** Reservations held against levels, by the document that asked (an order), released or fulfilled later. */
export const stockReservations = pgTable(
  "stock_reservations",
  {
    id: bigint({ mode: "bigint" }).primaryKey().generatedAlwaysAsIdentity(),
    referenceType: text().notNull(),
    referenceId: text().notNull(),
    productId: uuid()
      .notNull()
      .references(() => products.id),
    locationId: uuid()
      .notNull()
      .references(() => stockLocations.id),
    ownerId: uuid().notNull(),
    quantity: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("stock_reservations_quantity_positive", sql`${t.quantity} > 0`),
    index("stock_reservations_reference_idx").on(t.referenceType, t.referenceId),
  ],
);

/** Reorder point per product × warehouse for the low-stock view. */
export const reorderPoints = pgTable(
  "reorder_points",
  {
    locationId: uuid()
      .notNull()
      .references(() => stockLocations.id),
    productId: uuid()
      .notNull()
      .references(() => products.id),
    minimum: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.locationId, t.productId] }), check("reorder_points_minimum", sql`${t.minimum} >= 0`)],
);

export const serialStatuses = ["in_stock", "in_transit", "shipped", "sold", "scrapped"] as const;
export const serialStatus = pgEnum("serial_status", serialStatuses);

export const serialNumbers = pgTable(
  "serial_numbers",
  {
    id: uuid().primaryKey().defaultRandom(),
    productId: uuid()
      .notNull()
      .references(() => products.id),
    serial: text().notNull(),
    status: serialStatus().notNull(),
    locationId: uuid().references(() => stockLocations.id),
    ownerId: uuid().references(() => organizations.id),
    /** The order that sold it, once the ordering issue lands; and the end customer's purchase date from sell-out. */
    soldReference: text(),
    soldAt: timestamp({ withTimezone: true }),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("serial_numbers_product_id_serial_idx").on(t.productId, t.serial), index("serial_numbers_serial_idx").on(t.serial)],
);

export const serialMoves = pgTable(
  "serial_moves",
  {
    moveId: bigint({ mode: "bigint" })
      .notNull()
      .references(() => stockMoves.id),
    serialId: uuid()
      .notNull()
      .references(() => serialNumbers.id),
  },
  (t) => [primaryKey({ columns: [t.moveId, t.serialId] }), index("serial_moves_serial_id_idx").on(t.serialId)],
);

export type StockLocation = typeof stockLocations.$inferSelect;
export type StockMove = typeof stockMoves.$inferSelect;
export type StockValuation = typeof stockValuations.$inferSelect;

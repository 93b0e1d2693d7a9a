import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { endCustomers } from "./contacts";
import { stockMoves } from "./inventory";
import { orderLines } from "./orders";
import { organizations } from "./organizations";
import { divisions, products } from "./products";
import { users } from "./users";

// ---------------------------------------------------------------------------------------------
// Enums. The repair workflow's transitions are defined once in packages/domain/src/service.
// ---------------------------------------------------------------------------------------------

export const repairStatuses = [
  "submitted",
  "accepted",
  "received",
  "diagnosing",
  "awaiting_parts",
  "repairing",
  "ready",
  "returned",
  "closed",
  "cancelled",
] as const;
export type RepairStatus = (typeof repairStatuses)[number];
export const repairStatus = pgEnum("repair_status", repairStatuses);

export const repairPriorities = ["low", "normal", "high", "urgent"] as const;
export type RepairPriority = (typeof repairPriorities)[number];
export const repairPriority = pgEnum("repair_priority", repairPriorities);

export const serviceModes = ["pickup", "drop_off"] as const;
export type ServiceMode = (typeof serviceModes)[number];
export const serviceMode = pgEnum("service_mode", serviceModes);

/** `unknown`: serial not found in our records — accepted, flagged for a manual check by the desk. */
export const warrantyStatuses = ["in_warranty", "extended", "expired", "unknown"] as const;
export type WarrantyStatus = (typeof warrantyStatuses)[number];
export const warrantyStatus = pgEnum("warranty_status", warrantyStatuses);

export const warrantyKinds = ["standard", "extended"] as const;
export type WarrantyKind = (typeof warrantyKinds)[number];
export const warrantyKind = pgEnum("warranty_kind", warrantyKinds);

export const warrantySources = ["sell_out", "registration", "shipment_grace", "extended_order"] as const;
export type WarrantySource = (typeof warrantySources)[number];
export const warrantySource = pgEnum("warranty_source", warrantySources);

export const deviceStatuses = ["verified", "unverified", "flagged"] as const;
export type DeviceStatus = (typeof deviceStatuses)[number];
export const deviceStatus = pgEnum("device_status", deviceStatuses);

export const quoteStatuses = ["pending", "approved", "refused"] as const;
export type QuoteStatus = (typeof quoteStatuses)[number];
export const quoteStatus = pgEnum("quote_status", quoteStatuses);

export const claimStatuses = ["submitted", "approved", "adjusted", "rejected"] as const;
export type ClaimStatus = (typeof claimStatuses)[number];
export const claimStatus = pgEnum("claim_status", claimStatuses);

export const claimLineKinds = ["labour", "part"] as const;
export type ClaimLineKind = (typeof claimLineKinds)[number];
export const claimLineKind = pgEnum("claim_line_kind", claimLineKinds);

export const settlementStatuses = ["issued", "paid"] as const;
export type SettlementStatus = (typeof settlementStatuses)[number];
export const settlementStatus = pgEnum("settlement_status", settlementStatuses);

// ---------------------------------------------------------------------------------------------
// Settings, stations and technicians
// ---------------------------------------------------------------------------------------------

/** One row (id = 1): service-wide settings the desk may change without a deploy. */
export const serviceSettings = pgTable(
  "service_settings",
  {
    id: smallint().primaryKey().default(1),
    /** Warranty starts at the distributor's shipment date plus these days when no purchase date is known. */
    shipmentGraceDays: integer().notNull().default(90),
    /** Optional override of the SLA hours per priority ({ response: {...}, resolution: {...} }). */
    slaPolicy: jsonb(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("service_settings_singleton", sql`${t.id} = 1`), check("service_settings_grace", sql`${t.shipmentGraceDays} >= 0`)],
);

/** The service profile of an organization of kind `repair_station`. */
export const repairStations = pgTable(
  "repair_stations",
  {
    organizationId: uuid()
      .primaryKey()
      .references(() => organizations.id),
    cities: text().array().notNull().default(sql`'{}'::text[]`),
    /** Divisions the station is skilled for. */
    divisionIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    capacityPerDay: integer().notNull().default(10),
    /** { mon: [["09:00","18:00"]], …, sun: [] } in Asia/Shanghai. */
    openingHours: jsonb().notNull().default(sql`'{}'::jsonb`),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("repair_stations_capacity", sql`${t.capacityPerDay} >= 0`),
    index("repair_stations_cities_idx").using("gin", t.cities),
  ],
);

export const stationTechnicians = pgTable(
  "station_technicians",
  {
    stationId: uuid()
      .notNull()
      .references(() => repairStations.organizationId),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.stationId, t.userId] }), index("station_technicians_user_id_idx").on(t.userId)],
);

// ---------------------------------------------------------------------------------------------
// Devices and warranty contracts
// ---------------------------------------------------------------------------------------------

/** An end customer's registration of a serial; one active registration per product × serial. */
export const devices = pgTable(
  "devices",
  {
    id: uuid().primaryKey().defaultRandom(),
    productId: uuid()
      .notNull()
      .references(() => products.id),
    serial: text().notNull(),
    endCustomerId: uuid()
      .notNull()
      .references(() => endCustomers.id),
    purchasedOn: date(),
    /** Proof of purchase, stored outside the web root (path relative to the uploads dir). */
    proofPath: text(),
    proofMime: text(),
    proofSize: integer(),
    status: deviceStatus().notNull().default("unverified"),
    /** Why it is flagged or unverified: a translation key such as service.device.unknownSerial. */
    statusReason: text(),
    active: boolean().notNull().default(true),
    registeredBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("devices_product_id_serial_active_idx").on(t.productId, t.serial).where(sql`${t.active}`),
    index("devices_end_customer_id_created_at_idx").on(t.endCustomerId, t.createdAt),
    index("devices_serial_idx").on(t.serial),
  ],
);

/** Warranty coverage of one serial: the standard one and any extended contracts sold for it. */
export const warrantyContracts = pgTable(
  "warranty_contracts",
  {
    id: uuid().primaryKey().defaultRandom(),
    productId: uuid()
      .notNull()
      .references(() => products.id),
    serial: text().notNull(),
    kind: warrantyKind().notNull(),
    startsOn: date().notNull(),
    endsOn: date().notNull(),
    source: warrantySource().notNull(),
    /** The service product's order line for an extended warranty sold through ordering. */
    orderLineId: uuid().references(() => orderLines.id),
    deviceId: uuid().references(() => devices.id),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("warranty_contracts_dates", sql`${t.endsOn} >= ${t.startsOn}`),
    index("warranty_contracts_product_id_serial_ends_on_idx").on(t.productId, t.serial, t.endsOn),
    index("warranty_contracts_serial_idx").on(t.serial),
    uniqueIndex("warranty_contracts_order_line_id_serial_idx").on(t.orderLineId, t.serial).where(sql`${t.orderLineId} is not null`),
  ],
);

// ---------------------------------------------------------------------------------------------
// Repair requests
// ---------------------------------------------------------------------------------------------

export const repairRequests = pgTable(
  "repair_requests",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** RMA-yyyy-nnnnnn */
    number: text().notNull(),
    endCustomerId: uuid()
      .notNull()
      .references(() => endCustomers.id),
    /** Filing dealer when a dealer files on behalf of its customer; null when the customer filed. */
    organizationId: uuid().references(() => organizations.id),
    filedBy: uuid().references(() => users.id),
    deviceId: uuid().references(() => devices.id),
    productId: uuid()
      .notNull()
      .references(() => products.id),
    serial: text().notNull(),
    divisionId: uuid().references(() => divisions.id),
    symptoms: text().notNull(),
    serviceMode: serviceMode().notNull(),
    city: text().notNull(),
    pickupAddress: text(),
    contactPhone: text(),
    preferredStationId: uuid().references(() => organizations.id),
    stationId: uuid().references(() => organizations.id),
    assignedAt: timestamp({ withTimezone: true }),
    technicianId: uuid().references(() => users.id),
    priority: repairPriority().notNull().default("normal"),
    escalated: boolean().notNull().default(false),
    warrantyStatus: warrantyStatus().notNull(),
    /** Translation key of the reason, with its figures in warranty_details. */
    warrantyReason: text().notNull(),
    warrantyDetails: jsonb(),
    warrantyContractId: uuid().references(() => warrantyContracts.id),
    warrantyEndsOn: date(),
    needsManualCheck: boolean().notNull().default(false),
    status: repairStatus().notNull().default("submitted"),
    responseDueAt: timestamp({ withTimezone: true }).notNull(),
    resolutionDueAt: timestamp({ withTimezone: true }).notNull(),
    /** The deadline that runs now: response until accepted, then resolution; null once returned/closed/cancelled. */
    slaDueAt: timestamp({ withTimezone: true }),
    respondedAt: timestamp({ withTimezone: true }),
    resolvedAt: timestamp({ withTimezone: true }),
    diagnosis: text(),
    resolution: text(),
    quoteAmountFen: bigint({ mode: "bigint" }),
    quoteNote: text(),
    quoteStatus: quoteStatus(),
    quoteDecidedAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    check("repair_requests_quote", sql`${t.quoteAmountFen} is null or ${t.quoteAmountFen} >= 0`),
    uniqueIndex("repair_requests_number_idx").on(t.number),
    // Service desk list: status (+ station) filter, most urgent SLA first, keyset by id.
    index("repair_requests_status_station_id_sla_due_at_idx").on(t.status, t.stationId, t.slaDueAt, t.id),
    index("repair_requests_station_id_sla_due_at_idx").on(t.stationId, t.slaDueAt, t.id),
    index("repair_requests_sla_due_at_idx").on(t.slaDueAt, t.id),
    index("repair_requests_created_at_idx").on(t.createdAt, t.id),
    // A station's live queue: its open requests by SLA.
    index("repair_requests_station_queue_idx")
      .on(t.stationId, t.slaDueAt, t.id)
      .where(sql`${t.status} not in ('returned', 'closed', 'cancelled')`),
    // The live queue's version (count and latest change of the open requests), read index-only on each poll.
    index("repair_requests_station_queue_version_idx")
      .on(t.stationId, t.updatedAt)
      .where(sql`${t.status} not in ('returned', 'closed', 'cancelled')`),
    index("repair_requests_end_customer_id_created_at_idx").on(t.endCustomerId, t.createdAt),
    index("repair_requests_organization_id_created_at_idx").on(t.organizationId, t.createdAt),
    index("repair_requests_serial_idx").on(t.serial),
    index("repair_requests_city_status_idx").on(t.city, t.status),
    // the survey pass: requests closed in the last days (docs/decisions/038)
    index("repair_requests_closed_at_idx").on(t.closedAt).where(sql`${t.status} = 'closed'`),
  ],
);

/** The request's timeline: every transition and change, with who, when and why. */
export const repairEvents = pgTable(
  "repair_events",
  {
    id: bigint({ mode: "bigint" }).primaryKey().generatedAlwaysAsIdentity(),
    requestId: uuid()
      .notNull()
      .references(() => repairRequests.id),
    action: text().notNull(),
    fromStatus: repairStatus(),
    toStatus: repairStatus(),
    actorId: uuid(),
    comment: text(),
    details: jsonb(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("repair_events_request_id_id_idx").on(t.requestId, t.id)],
);

export const repairAttachments = pgTable(
  "repair_attachments",
  {
    id: uuid().primaryKey().defaultRandom(),
    requestId: uuid()
      .notNull()
      .references(() => repairRequests.id),
    /** Relative to the uploads dir (never the web root). */
    storedPath: text().notNull(),
    originalName: text().notNull(),
    mime: text().notNull(),
    sizeBytes: integer().notNull(),
    uploadedBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("repair_attachments_request_id_idx").on(t.requestId)],
);

/** Parts a station used on a request, each an out-move of its station_parts location. */
export const repairParts = pgTable(
  "repair_parts",
  {
    id: uuid().primaryKey().defaultRandom(),
    requestId: uuid()
      .notNull()
      .references(() => repairRequests.id),
    stationId: uuid()
      .notNull()
      .references(() => organizations.id),
    productId: uuid()
      .notNull()
      .references(() => products.id),
    quantity: integer().notNull(),
    stockMoveId: bigint({ mode: "bigint" })
      .notNull()
      .references(() => stockMoves.id),
    /** Cost per unit at the time of use, for claims and warranty cost. */
    unitCostFen: bigint({ mode: "bigint" }).notNull(),
    faultySerial: text(),
    replacementSerial: text(),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("repair_parts_quantity", sql`${t.quantity} > 0`),
    index("repair_parts_request_id_idx").on(t.requestId),
    index("repair_parts_product_id_created_at_idx").on(t.productId, t.createdAt),
    index("repair_parts_faulty_serial_idx").on(t.faultySerial),
    index("repair_parts_replacement_serial_idx").on(t.replacementSerial),
  ],
);

// ---------------------------------------------------------------------------------------------
// Station claims and settlements
// ---------------------------------------------------------------------------------------------

/** Monthly statement of approved claims payable to one station. */
export const stationSettlements = pgTable(
  "station_settlements",
  {
    id: uuid().primaryKey().defaultRandom(),
    number: text().notNull(),
    stationId: uuid()
      .notNull()
      .references(() => organizations.id),
    /** yyyy-mm (Asia/Shanghai) of the claims' approval. */
    period: text().notNull(),
    totalFen: bigint({ mode: "bigint" }).notNull(),
    claimCount: integer().notNull(),
    status: settlementStatus().notNull().default("issued"),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    paidAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("station_settlements_number_idx").on(t.number),
    uniqueIndex("station_settlements_station_id_period_idx").on(t.stationId, t.period),
  ],
);

/** A station's claim for labour and parts on in-warranty work; one live claim per request. */
export const stationClaims = pgTable(
  "station_claims",
  {
    id: uuid().primaryKey().defaultRandom(),
    number: text().notNull(),
    stationId: uuid()
      .notNull()
      .references(() => organizations.id),
    requestId: uuid()
      .notNull()
      .references(() => repairRequests.id),
    status: claimStatus().notNull().default("submitted"),
    claimedFen: bigint({ mode: "bigint" }).notNull(),
    approvedFen: bigint({ mode: "bigint" }),
    note: text(),
    submittedBy: uuid().references(() => users.id),
    decidedBy: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    decisionComment: text(),
    settlementId: uuid().references(() => stationSettlements.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("station_claims_amounts", sql`${t.claimedFen} >= 0 and (${t.approvedFen} is null or ${t.approvedFen} >= 0)`),
    uniqueIndex("station_claims_number_idx").on(t.number),
    uniqueIndex("station_claims_request_id_live_idx").on(t.requestId).where(sql`${t.status} <> 'rejected'`),
    index("station_claims_status_created_at_idx").on(t.status, t.createdAt),
    index("station_claims_station_id_status_decided_at_idx").on(t.stationId, t.status, t.decidedAt),
    index("station_claims_settlement_id_idx").on(t.settlementId),
  ],
);

export const stationClaimLines = pgTable(
  "station_claim_lines",
  {
    id: uuid().primaryKey().defaultRandom(),
    claimId: uuid()
      .notNull()
      .references(() => stationClaims.id, { onDelete: "cascade" }),
    kind: claimLineKind().notNull(),
    description: text().notNull(),
    repairPartId: uuid().references(() => repairParts.id),
    productId: uuid().references(() => products.id),
    quantity: integer().notNull().default(1),
    amountFen: bigint({ mode: "bigint" }).notNull(),
    approvedFen: bigint({ mode: "bigint" }),
  },
  (t) => [
    check("station_claim_lines_amounts", sql`${t.quantity} > 0 and ${t.amountFen} >= 0 and (${t.approvedFen} is null or ${t.approvedFen} >= 0)`),
    index("station_claim_lines_claim_id_idx").on(t.claimId),
  ],
);

export type RepairStation = typeof repairStations.$inferSelect;
export type Device = typeof devices.$inferSelect;
export type WarrantyContract = typeof warrantyContracts.$inferSelect;
export type RepairRequest = typeof repairRequests.$inferSelect;
export type RepairEvent = typeof repairEvents.$inferSelect;
export type RepairPart = typeof repairParts.$inferSelect;
export type StationClaim = typeof stationClaims.$inferSelect;
export type StationSettlement = typeof stationSettlements.$inferSelect;

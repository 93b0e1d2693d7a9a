import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { backorderPolicy, organizationKind, organizationStatus, partnerTier, region } from "./enums";
import { divisions } from "./products";
import { users } from "./users";

export const organizations = pgTable(
  "organizations",
  {
    id: uuid().primaryKey().defaultRandom(),
    code: text().notNull(),
    kind: organizationKind().notNull(),
    name: text().notNull(),
    shortName: text(),
    taxId: text(),
    /** Current channel parent (who supplies whom); history lives in organization_parents. */
    parentId: uuid().references((): AnyPgColumn => organizations.id),
    /** Branch that owns the relationship; a branch row points at itself. */
    ownerBranchId: uuid().references((): AnyPgColumn => organizations.id),
    tier: partnerTier(),
    region: region(),
    province: text(),
    city: text(),
    address: text(),
    phone: text(),
    status: organizationStatus().notNull().default("active"),
    creditLimitFen: bigint({ mode: "bigint" }).notNull().default(sql`0`),
    currency: text().notNull().default("CNY"),
    paymentTermsDays: integer().notNull().default(0),
    /** Credit hold (e.g. 90+ days overdue): no order is confirmed and no shipment released while set. */
    creditHold: boolean().notNull().default(false),
    creditHoldReason: text(),
    backorderPolicy: backorderPolicy().notNull().default("backorder"),
    /** The staff user who owns the relationship (account owner); optional. */
    accountOwnerId: uuid().references((): AnyPgColumn => users.id),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("organizations_code_idx").on(t.code),
    uniqueIndex("organizations_tax_id_idx").on(t.taxId),
    index("organizations_kind_name_idx").on(t.kind, t.name),
    index("organizations_owner_branch_id_name_idx").on(t.ownerBranchId, t.name),
    index("organizations_parent_id_idx").on(t.parentId),
    index("organizations_account_owner_id_name_idx").on(t.accountOwnerId, t.name),
    index("organizations_name_trgm_idx").using("gin", sql`${t.name} gin_trgm_ops`),
  ],
);

/** Effective-dated channel placement: flattening or moving never rewrites an earlier period. */
export const organizationParents = pgTable(
  "organization_parents",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    parentId: uuid().references(() => organizations.id),
    validFrom: date().notNull(),
    validTo: date(),
    changedBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("organization_parents_organization_id_valid_from_idx").on(t.organizationId, t.validFrom)],
);

/**
 * The product divisions (事业部) a partner deals in: what makes it "of a division" for staff limited
 * to divisions (docs/decisions/028). A partner with none is seen only by staff not limited to divisions.
 */
export const organizationDivisions = pgTable(
  "organization_divisions",
  {
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    divisionId: uuid()
      .notNull()
      .references(() => divisions.id),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.divisionId] }), index("organization_divisions_division_id_idx").on(t.divisionId)],
);

export type Organization = typeof organizations.$inferSelect;
export type NewOrganization = typeof organizations.$inferInsert;

import { sql } from "drizzle-orm";
import { bigint, check, date, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";
import { productLines, products } from "./products";
import { users } from "./users";

export const dealRegistrationStatuses = ["submitted", "approved", "rejected"] as const;
export type DealRegistrationStatus = (typeof dealRegistrationStatuses)[number];
export const dealRegistrationStatus = pgEnum("deal_registration_status", dealRegistrationStatuses);

/**
 * A partner's deal registration (报备): one end customer (by unified social credit code) and one
 * product line. While it waits for a decision, and once approved until `protectedUntil`, no other
 * registration of the same customer × product line is accepted (the check runs under an advisory
 * lock on that pair, docs/decisions/021). An approval may carry special prices (特价/SPA).
 */
export const dealRegistrations = pgTable(
  "deal_registrations",
  {
    id: uuid().primaryKey().defaultRandom(),
    number: text().notNull(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    ownerBranchId: uuid().references(() => organizations.id),
    customerName: text().notNull(),
    /** 统一社会信用代码, normalised to upper case. */
    customerCreditCode: text().notNull(),
    productLineId: uuid()
      .notNull()
      .references(() => productLines.id),
    expectedCloseOn: date().notNull(),
    competitor: text(),
    note: text(),
    status: dealRegistrationStatus().notNull().default("submitted"),
    protectedFrom: date(),
    protectedUntil: date(),
    /** Why the special prices were granted: shown in the price explanation of every line they price. */
    specialPriceReason: text(),
    decisionReason: text(),
    decidedBy: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("deal_registrations_number_idx").on(t.number),
    index("deal_registrations_organization_id_created_at_idx").on(t.organizationId, t.createdAt),
    index("deal_registrations_status_created_at_idx").on(t.status, t.createdAt),
    // The protection check: the same customer and product line, live registrations only.
    index("deal_registrations_credit_code_product_line_id_idx").on(t.customerCreditCode, t.productLineId).where(sql`${t.status} <> 'rejected'`),
    check("deal_registrations_protection", sql`${t.status} <> 'approved' or (${t.protectedFrom} is not null and ${t.protectedUntil} >= ${t.protectedFrom})`),
  ],
);

/** The products and quantities the partner expects to sell on the deal. */
export const dealRegistrationLines = pgTable(
  "deal_registration_lines",
  {
    registrationId: uuid()
      .notNull()
      .references(() => dealRegistrations.id),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    productId: uuid()
      .notNull()
      .references(() => products.id),
    quantity: integer().notNull(),
  },
  (t) => [uniqueIndex("deal_registration_lines_registration_id_product_id_idx").on(t.registrationId, t.productId), check("deal_registration_lines_quantity", sql`${t.quantity} > 0`)],
);

/**
 * A special price (特价/SPA) granted with an approval: checkout applies it to the partner's orders
 * naming the registration, while protected, up to `quantity` units in all. `quantityUsed` moves by
 * a conditional UPDATE at checkout and back when the order is cancelled or rejected.
 */
export const dealSpecialPrices = pgTable(
  "deal_special_prices",
  {
    id: uuid().primaryKey().defaultRandom(),
    registrationId: uuid()
      .notNull()
      .references(() => dealRegistrations.id),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    productId: uuid()
      .notNull()
      .references(() => products.id),
    unitPriceFen: bigint({ mode: "bigint" }).notNull(),
    quantity: integer().notNull(),
    quantityUsed: integer().notNull().default(0),
  },
  (t) => [
    uniqueIndex("deal_special_prices_registration_id_product_id_idx").on(t.registrationId, t.productId),
    check("deal_special_prices_amounts", sql`${t.unitPriceFen} > 0 and ${t.quantity} > 0 and ${t.quantityUsed} >= 0 and ${t.quantityUsed} <= ${t.quantity}`),
  ],
);

export type DealRegistration = typeof dealRegistrations.$inferSelect;
export type DealSpecialPrice = typeof dealSpecialPrices.$inferSelect;

import { sql } from "drizzle-orm";
import { bigint, boolean, check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organizationKind } from "./enums";
import { organizations } from "./organizations";
import { productLines, products } from "./products";

/** A price list for one kind of partner (master distributor, agent, dealer, key account), valid for a period. */
export const priceLists = pgTable(
  "price_lists",
  {
    id: uuid().primaryKey().defaultRandom(),
    code: text().notNull(),
    nameZh: text().notNull(),
    nameEn: text().notNull(),
    partnerKind: organizationKind().notNull(),
    validFrom: date().notNull(),
    validTo: date(),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("price_lists_code_idx").on(t.code), index("price_lists_partner_kind_valid_from_idx").on(t.partnerKind, t.validFrom)],
);

/** Tax-inclusive unit price from a minimum quantity on (volume breaks: one row per break, min 1 is the base). */
export const priceListItems = pgTable(
  "price_list_items",
  {
    priceListId: uuid()
      .notNull()
      .references(() => priceLists.id),
    productId: uuid()
      .notNull()
      .references(() => products.id),
    minQuantity: integer().notNull().default(1),
    unitPriceFen: bigint({ mode: "bigint" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.priceListId, t.productId, t.minQuantity] }),
    index("price_list_items_product_id_idx").on(t.productId),
    check("price_list_items_min_quantity", sql`${t.minQuantity} >= 1`),
    check("price_list_items_price", sql`${t.unitPriceFen} >= 0`),
  ],
);

/** A price negotiated with one organization (合同价), with its own breaks and period. */
export const contractPrices = pgTable(
  "contract_prices",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    productId: uuid()
      .notNull()
      .references(() => products.id),
    minQuantity: integer().notNull().default(1),
    unitPriceFen: bigint({ mode: "bigint" }).notNull(),
    contractNo: text(),
    validFrom: date().notNull(),
    validTo: date(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("contract_prices_organization_id_product_id_idx").on(t.organizationId, t.productId),
    check("contract_prices_min_quantity", sql`${t.minQuantity} >= 1`),
    check("contract_prices_price", sql`${t.unitPriceFen} >= 0`),
  ],
);

/**
 * A dated promotion on a product or a whole product line, optionally for one kind of partner:
 * either a percentage off (basis points) or a fixed promotional price.
 */
export const promotions = pgTable(
  "promotions",
  {
    id: uuid().primaryKey().defaultRandom(),
    code: text().notNull(),
    nameZh: text().notNull(),
    nameEn: text().notNull(),
    productId: uuid().references(() => products.id),
    productLineId: uuid().references(() => productLines.id),
    partnerKind: organizationKind(),
    discountBp: integer(),
    promoPriceFen: bigint({ mode: "bigint" }),
    minQuantity: integer().notNull().default(1),
    startsOn: date().notNull(),
    endsOn: date().notNull(),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("promotions_code_idx").on(t.code),
    index("promotions_product_id_idx").on(t.productId),
    index("promotions_product_line_id_idx").on(t.productLineId),
    check("promotions_target", sql`(${t.productId} is null) <> (${t.productLineId} is null)`),
    check("promotions_kind", sql`(${t.discountBp} is null) <> (${t.promoPriceFen} is null)`),
    check("promotions_discount", sql`${t.discountBp} is null or (${t.discountBp} > 0 and ${t.discountBp} < 10000)`),
    check("promotions_period", sql`${t.endsOn} >= ${t.startsOn}`),
  ],
);

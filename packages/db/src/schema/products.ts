import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const divisions = pgTable(
  "divisions",
  {
    id: uuid().primaryKey().defaultRandom(),
    code: text().notNull(),
    nameZh: text().notNull(),
    nameEn: text().notNull(),
  },
  (t) => [uniqueIndex("divisions_code_idx").on(t.code)],
);

export const productLines = pgTable(
  "product_lines",
  {
    id: uuid().primaryKey().defaultRandom(),
    divisionId: uuid()
      .notNull()
      .references(() => divisions.id),
    code: text().notNull(),
    nameZh: text().notNull(),
    nameEn: text().notNull(),
    /** Lowest margin (basis points of the net price) a line may be sold at without approval; null: no floor (docs/decisions/032). */
    marginFloorBp: integer(),
  },
  (t) => [
    uniqueIndex("product_lines_code_idx").on(t.code),
    index("product_lines_division_id_idx").on(t.divisionId),
    check("product_lines_margin_floor_bp", sql`${t.marginFloorBp} is null or ${t.marginFloorBp} between 0 and 10000`),
  ],
);

export const products = pgTable(
  "products",
  {
    id: uuid().primaryKey().defaultRandom(),
    productLineId: uuid()
      .notNull()
      .references(() => productLines.id),
    sku: text().notNull(),
    nameZh: text().notNull(),
    nameEn: text().notNull(),
    unit: text().notNull().default("pcs"),
    /** Tax-inclusive list price (含税价) in fen. */
    listPriceFen: bigint({ mode: "bigint" }).notNull(),
    costFen: bigint({ mode: "bigint" }).notNull(),
    currency: text().notNull().default("CNY"),
    serialized: boolean().notNull().default(false),
    warrantyMonths: integer().notNull().default(12),
    /** Set on an extended-warranty service product: the months one unit adds to the serial it covers (docs/decisions/006). */
    extendedWarrantyMonths: integer(),
    active: boolean().notNull().default(true),
    // Tax (docs/decisions/034): the 19-digit 税收分类编码 the tax platform files the product under (null:
    // not classified yet, so not exportable), and the VAT rate in basis points each invoice line takes.
    taxCode: text(),
    taxRateBp: integer().notNull().default(1300),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("products_sku_idx").on(t.sku),
    index("products_product_line_id_sku_idx").on(t.productLineId, t.sku),
    index("products_name_zh_trgm_idx").using("gin", sql`${t.nameZh} gin_trgm_ops`),
    index("products_name_en_trgm_idx").using("gin", sql`${t.nameEn} gin_trgm_ops`),
    index("products_sku_trgm_idx").using("gin", sql`${t.sku} gin_trgm_ops`),
    check("products_tax_code", sql`${t.taxCode} is null or ${t.taxCode} ~ '^[1-6][0-9]{18}$'`),
    check("products_tax_rate_bp", sql`${t.taxRateBp} in (1300, 900, 600, 0)`),
    check("products_extended_warranty_months", sql`${t.extendedWarrantyMonths} is null or ${t.extendedWarrantyMonths} between 1 and 120`),
  ],
);

export type Product = typeof products.$inferSelect;

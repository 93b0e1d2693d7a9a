import { sql } from "drizzle-orm";
import { check, customType, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { products } from "./products";
import { users } from "./users";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

/**
 * A picture of a product (docs/decisions/035): its place among the product's pictures and the
 * sizes made from the upload, kept in the database (a few tens of kB each) so every app instance
 * serves them without shared disk. A new upload is a new row, so its URL never changes meaning and
 * can be cached for good.
 */
export const productImages = pgTable(
  "product_images",
  {
    id: uuid().primaryKey().defaultRandom(),
    productId: uuid()
      .notNull()
      .references(() => products.id),
    /** 0 is the picture the catalogue shows. */
    position: integer().notNull(),
    /** Of the stored sizes (all one type), not of the upload. */
    contentType: text().notNull(),
    /** What was uploaded, for the audit and the product master; never served. */
    originalName: text().notNull(),
    originalBytes: integer().notNull(),
    uploadedBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("product_images_product_id_position_idx").on(t.productId, t.position),
    check("product_images_position", sql`${t.position} >= 0`),
  ],
);

/** One size of a product picture: square, `width` px on each side. */
export const productImageSizes = pgTable(
  "product_image_sizes",
  {
    imageId: uuid()
      .notNull()
      .references(() => productImages.id, { onDelete: "cascade" }),
    width: integer().notNull(),
    height: integer().notNull(),
    bytes: bytea().notNull(),
  },
  (t) => [primaryKey({ name: "product_image_sizes_pk", columns: [t.imageId, t.width] })],
);

export type ProductImage = typeof productImages.$inferSelect;

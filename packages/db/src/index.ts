export * from "./schema";
export * from "./client";
export { knownMigrations, migrateDatabase, migrationsTable, type MigrationId } from "./migrate";
export { withSessionSettings, type SessionSettings } from "./session-settings";
export { PRODUCT_IMAGE_TYPE, PRODUCT_IMAGE_WIDTHS, type ProductImageWidth } from "./product-image-widths";
export { renderProductImageSizes } from "./product-image-sizes";

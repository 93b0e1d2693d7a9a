export * from "./schema";
export * from "./client";
export { migrateDatabase } from "./migrate";
export { startEmbeddedPostgres, ensureDatabase, type EmbeddedServer } from "./embedded";
export { resolveDatabase } from "./resolve";

export * from "./schema";
export * from "./client";
export { knownMigrations, migrateDatabase, migrationsTable, type MigrationId } from "./migrate";
export { withSessionSettings, type SessionSettings } from "./session-settings";

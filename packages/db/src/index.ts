export * from "./schema";
export * from "./client";
export { migrateDatabase } from "./migrate";
export { withSessionSettings, type SessionSettings } from "./session-settings";

export * from "./schema";
export * from "./client";
export { migrateDatabase } from "./migrate";

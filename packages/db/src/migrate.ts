import { fileURLToPath } from "node:url";
import { resolve } from "node:path";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { createDatabase } from "./client";

export const migrationsFolder = resolve(fileURLToPath(import.meta.url), "../../../../drizzle");

export async function migrateDatabase(url: string) {
  const db = createDatabase(url, { max: 1 });
  try {
    await migrate(db, { migrationsFolder });
  } finally {
    await db.$client.end();
  }
}

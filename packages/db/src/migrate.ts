import { fileURLToPath } from "node:url";
import { resolve } from "node:path";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { PgDialect } from "drizzle-orm/pg-core";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { createDatabase } from "./client";

export const migrationsFolder = resolve(fileURLToPath(import.meta.url), "../../../../drizzle");

/** Where drizzle's migrator records what it applied (its defaults, which we do not override). */
export const migrationsTable = { schema: "drizzle", table: "__drizzle_migrations" } as const;

export type MigrationId = { hash: string; createdAt: number };

/** The migrations this code ships, oldest first, identified as the migrator records them. */
export function knownMigrations(): MigrationId[] {
  return readMigrationFiles({ migrationsFolder }).map((m) => ({ hash: m.hash, createdAt: m.folderMillis }));
}

/**
 * Applies the pending migrations; with `upTo` (a migration's createdAt) none newer than it, so a
 * restore can rebuild exactly the schema a backup was taken from before loading its rows.
 */
export async function migrateDatabase(url: string, options: { upTo?: number } = {}) {
  const db = createDatabase(url, { max: 1 });
  try {
    const { upTo } = options;
    if (upTo === undefined) await migrate(db, { migrationsFolder });
    else {
      // drizzle's migrate() always applies everything; its dialect step (what migrate() calls) takes
      // the list we give it. The cast only bridges the schema generics, which migrate() never reads.
      const migrations = readMigrationFiles({ migrationsFolder }).filter((m) => m.folderMillis <= upTo);
      const session = db._.session as unknown as Parameters<PgDialect["migrate"]>[1];
      await new PgDialect().migrate(migrations, session, { migrationsFolder });
    }
  } finally {
    await db.$client.end();
  }
}

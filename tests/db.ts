import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { createDatabase, type Database } from "@cs/db/client";
import type { TestDatabaseContext } from "./setup/context";
import { quoteIdentifier, withDatabase } from "./setup/names";

export { quoteIdentifier, withDatabase };

/**
 * Per-test-file PostgreSQL databases for `*.integration.test.ts`.
 *
 * `tests/setup/global-db.ts` migrates one template database per run; `tests/setup/per-file-db.ts`
 * copies it for each test file (`CREATE DATABASE … TEMPLATE …`, a file-level copy that takes
 * milliseconds) in `beforeAll` and drops the copy in `afterAll`. Files therefore never see each
 * other's rows and may run in parallel.
 */

type FileDatabase = { name: string; url: string; db: Database };

let current: FileDatabase | undefined;

/** The Drizzle client of this test file's own database. Call it inside tests or hooks. */
export function testDb(): Database {
  return requireCurrent().db;
}

/** The connection URL of this test file's own database (for code that opens its own pool). */
export function testDatabaseUrl(): string {
  return requireCurrent().url;
}

function requireCurrent(): FileDatabase {
  if (!current) {
    throw new Error(
      "No test database yet: testDb()/testDatabaseUrl() work in tests and hooks of *.integration.test.ts " +
        "files (the per-file setup creates the database in beforeAll), not at module scope.",
    );
  }
  return current;
}

function context(): TestDatabaseContext {
  const provided = inject("testDatabase");
  if (!provided) throw new Error("tests/setup/global-db.ts did not run: use the vitest `integration` project.");
  return provided;
}

async function withAdmin<T>(run: (sql: Database["$client"]) => Promise<T>): Promise<T> {
  const admin = createDatabase(context().adminUrl, { max: 1 }).$client;
  try {
    return await run(admin);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

/**
 * A new database copied from the migrated template, with a name unique across workers and files.
 * The per-file setup uses it; a test may use it too, to get a second, independent database.
 */
export async function createDatabaseFromTemplate(): Promise<FileDatabase & { drop: () => Promise<void> }> {
  const { template, filePrefix, adminUrl } = context();
  const worker = process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? "0";
  const name = `${filePrefix}_w${worker}_${randomBytes(4).toString("hex")}`;
  await withAdmin((sql) => sql.unsafe(`create database ${quoteIdentifier(name)} template ${quoteIdentifier(template)}`));
  const url = withDatabase(adminUrl, name);
  const db = createDatabase(url, { max: 4 });
  const drop = async () => {
    await db.$client.end({ timeout: 5 });
    await withAdmin((sql) => sql.unsafe(`drop database if exists ${quoteIdentifier(name)} with (force)`));
  };
  return { name, url, db, drop };
}

let dropCurrent: (() => Promise<void>) | undefined;

export async function setUpFileDatabase(): Promise<void> {
  const created = await createDatabaseFromTemplate();
  current = { name: created.name, url: created.url, db: created.db };
  dropCurrent = created.drop;
}

export async function tearDownFileDatabase(): Promise<void> {
  const drop = dropCurrent;
  current = undefined;
  dropCurrent = undefined;
  await drop?.();
}

import { sql } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { documentSequences } from "@cs/db";
import { createDatabaseFromTemplate, testDatabaseUrl, testDb } from "./db";

describe("integration database plumbing", () => {
  it("gives this file its own database, not the template", async () => {
    const [row] = await testDb().execute<{ name: string }>(sql`select current_database() as name`);
    const { template, filePrefix } = inject("testDatabase");
    expect(row?.name).not.toBe(template);
    expect(row?.name.startsWith(`${filePrefix}_`)).toBe(true);
    expect(new URL(testDatabaseUrl()).pathname).toBe(`/${row?.name}`);
  });

  it("copies a fully migrated schema", async () => {
    const rows = await testDb().execute<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = 'public'`,
    );
    const tables = rows.map((r) => r.table_name);
    expect(tables).toEqual(
      expect.arrayContaining(["organizations", "users", "sessions", "audit_log", "products", "document_sequences"]),
    );
    const migrations = await testDb().execute<{ count: number }>(
      sql`select count(*)::int as count from drizzle.__drizzle_migrations`,
    );
    expect(migrations[0]?.count).toBeGreaterThan(0);
  });

  it("has the pg_trgm extension", async () => {
    const rows = await testDb().execute<{ extname: string }>(
      sql`select extname from pg_extension where extname = 'pg_trgm'`,
    );
    expect(rows).toHaveLength(1);
    const [similar] = await testDb().execute<{ score: number }>(sql`select similarity('ThinkPad X1', 'thinkpad x1 carbon') as score`);
    expect(similar?.score).toBeGreaterThan(0.5);
  });

  it("keeps rows written here out of every other database", async () => {
    const db = testDb();
    await db.insert(documentSequences).values({ prefix: "SO", year: 2026, lastValue: 41 });
    const mine = await db.select().from(documentSequences);
    expect(mine).toEqual([{ prefix: "SO", year: 2026, lastValue: 41 }]);

    // Another file's database is another copy of the same template: it must not see the row.
    const other = await createDatabaseFromTemplate();
    try {
      expect(other.name).not.toBe(inject("testDatabase").template);
      expect(await other.db.select().from(documentSequences)).toEqual([]);
      await other.db.insert(documentSequences).values({ prefix: "SO", year: 2026, lastValue: 7 });
      expect(await db.select().from(documentSequences)).toEqual([{ prefix: "SO", year: 2026, lastValue: 41 }]);
    } finally {
      await other.drop();
    }
  });
});

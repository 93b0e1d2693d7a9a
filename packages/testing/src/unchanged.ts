import { sql } from "drizzle-orm";
import { expect } from "vitest";
import type { Database } from "@cs/db";

/**
 * Proof that a refused call changed nothing: a fingerprint of the rows it could have touched, taken
 * before and after. By default that is every table of the schema (row count and a sum of 64-bit
 * hashes of each row's full text, which no order of rows changes; audit log and idempotency keys
 * included), so a refusal that writes a stray row, bumps a version, reserves stock or records an
 * audit entry fails, whichever table it lands in. Test-only.
 */

export type Fingerprint = Record<string, string>;
export type FingerprintOptions = {
  /** Only these tables (SQL names); default: every base table of the `public` schema. */
  tables?: readonly string[];
  /** Tables a refusal may write on purpose (a throttle counting failed attempts, say). */
  except?: readonly string[];
};

const tablesOf = new WeakMap<Database, Promise<string[]>>();

async function allTables(db: Database): Promise<string[]> {
  let tables = tablesOf.get(db);
  if (!tables) {
    tables = db
      .execute<{ name: string }>(
        sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
      )
      .then((rows) => rows.map((r) => r.name));
    tablesOf.set(db, tables);
  }
  return tables;
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** `table → "rows:md5 of the rows' text in a stable order"` for the chosen tables. */
export async function fingerprint(db: Database, options: FingerprintOptions = {}): Promise<Fingerprint> {
  const except = new Set(options.except ?? []);
  const tables = (options.tables ?? (await allTables(db))).filter((t) => !except.has(t));
  if (tables.length === 0) return {};
  const parts = tables.map(
    (t) =>
      `select '${t.replaceAll("'", "''")}' as name, ` +
      `count(*)::text || ':' || coalesce(sum(hashtextextended(r::text, 0)::numeric), 0)::text as state from ${quoted(t)} r`,
  );
  const rows = await db.execute<{ name: string; state: string }>(sql.raw(parts.join(" union all ")));
  return Object.fromEntries(rows.map((r) => [r.name, r.state]));
}

/**
 * Runs `assertion` (which calls the refused function and checks its error, e.g. with
 * `expectDomainError`, `fieldErrorsOf` or `expect(…).rejects`) between two fingerprints and expects
 * them equal. Returns what `assertion` returned, so `const errors = await expectUnchanged(db, () =>
 * fieldErrorsOf(save(…)))` reads as before.
 */
export async function expectUnchanged<T>(db: Database, assertion: () => Promise<T>, options: FingerprintOptions = {}): Promise<T> {
  const before = await fingerprint(db, options);
  const result = await assertion();
  const after = await fingerprint(db, options);
  const changed = Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
  expect(changed, "tables written by a refused call").toEqual([]);
  return result;
}

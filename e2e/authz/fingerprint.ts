import { sql } from "drizzle-orm";
import type { Database } from "@cs/db";

/**
 * Tables whose rows change without any mutation of business data: a signed-in GET refreshes its
 * session. Everything else — the audit log included — must be byte-identical after refused requests.
 */
const volatile = new Set(["sessions", "__drizzle_migrations"]);

/** Row count and an md5 of all rows of every table of the public schema, by table. */
export async function fingerprint(db: Database): Promise<Map<string, string>> {
  const tables = await db.execute<{ name: string }>(
    sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
  );
  const names = tables.map((t) => t.name).filter((n) => !volatile.has(n));
  const parts = names.map((n) => `select '${n}' as name, count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as print from "${n}" t`);
  const rows = await db.execute<{ name: string; print: string }>(sql.raw(parts.join(" union all ")));
  return new Map(rows.map((r) => [r.name, r.print]));
}

/** Tables whose fingerprint differs, with their row counts before and after. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after].filter(([name, print]) => before.get(name) !== print).map(([name, print]) => `${name} (${before.get(name)?.split(":")[0]} → ${print.split(":")[0]} rows)`);
}

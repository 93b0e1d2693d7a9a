import { sql } from "drizzle-orm";
import type { Database } from "@cs/db";

/**
 * Tables whose rows change without any mutation of business data: a signed-in GET refreshes its
 * session. Everything else — the audit log included — must be byte-identical after refused requests.
 */
const volatile = new Set(["sessions", "__drizzle_migrations"]);

/**
 * The background worker (running beside the apps) delivers what earlier tests queued, at its own
 * pace on a busy machine: delivery state is its doing, not a request's. What was queued still counts.
 */
const rowsAsQueued = new Map([["email_outbox", "id, channel, to_address, locale, template, params, created_at"]]);

/** Row count and an md5 of all rows of every table of the public schema, by table. */
export async function fingerprint(db: Database): Promise<Map<string, string>> {
  const tables = await db.execute<{ name: string }>(
    sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
  );
  const names = tables.map((t) => t.name).filter((n) => !volatile.has(n));
  const parts = names.map((n) => {
    const rows = rowsAsQueued.has(n) ? `(select ${rowsAsQueued.get(n)} from "${n}")` : `"${n}"`;
    return `select '${n}' as name, count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as print from ${rows} t`;
  });
  const rows = await db.execute<{ name: string; print: string }>(sql.raw(parts.join(" union all ")));
  return new Map(rows.map((r) => [r.name, r.print]));
}

/** Tables whose fingerprint differs, with their row counts before and after. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after].filter(([name, print]) => before.get(name) !== print).map(([name, print]) => `${name} (${before.get(name)?.split(":")[0]} → ${print.split(":")[0]} rows)`);
}

/**
 * Waits (up to `limitMs`) until the worker has nothing due, so a delivery or a sweep started by an
 * earlier test does not land between two fingerprints.
 */
export async function workerSettled(db: Database, limitMs = 20_000): Promise<void> {
  const until = Date.now() + limitMs;
  for (;;) {
    const [row] = await db.execute<{ due: number }>(
      sql`select count(*)::int as due from email_outbox where status = 'pending' and next_attempt_at <= now()`,
    );
    if (!row?.due || Date.now() > until) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

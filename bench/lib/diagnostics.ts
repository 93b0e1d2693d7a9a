import { sql, TransactionRollbackError, type SQL } from "drizzle-orm";
import { createDatabase, type Database } from "@cs/db";

/**
 * Samples what the server's client backends are doing (pg_stat_activity wait events) every
 * `everyMs` until stopped; returns each event's share of the samples, largest first. `others` adds
 * background processes by their query (an autovacuum worker's table) when they are in pg_stat_activity.
 */
export function sampleWaits(url: string, everyMs = 100, others: readonly ("autovacuum worker" | "checkpointer")[] = []) {
  const db = createDatabase(url, { max: 1 });
  const counts = new Map<string, number>();
  let running = true;
  const loop = (async () => {
    while (running) {
      const rows = await db.execute<{ w: string }>(sql`
        select case when backend_type <> 'client backend' then left(coalesce(nullif(query, ''), backend_type), 60)
                    when state = 'active' then coalesce(wait_event_type || ':' || wait_event, 'CPU') else replace(state, 'transaction', 'tx') end as w
          from pg_stat_activity
         where ((datname = current_database() and backend_type = 'client backend') or backend_type in (${sql.raw(others.map((b) => `'${b}'`).join(",") || "''")}))
           and pid <> pg_backend_pid()`);
      for (const r of rows) counts.set(r.w, (counts.get(r.w) ?? 0) + 1);
      await new Promise((ok) => setTimeout(ok, everyMs));
    }
  })();
  return async (top = 6) => {
    running = false;
    await loop;
    await db.$client.end();
    const total = [...counts.values()].reduce((s, n) => s + n, 0) || 1;
    return Object.fromEntries(
      [...counts.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([k, n]) => [k, Math.round((n / total) * 1000) / 1000]),
    );
  };
}

/** EXPLAIN (ANALYZE, BUFFERS) of one statement, in a transaction that is rolled back. */
export async function explainStatement(db: Database, query: SQL): Promise<string> {
  let plan = "";
  await db
    .transaction(async (tx) => {
      const rows = await tx.execute(sql`explain (analyze, buffers, costs off) ${query}`);
      plan = rows.map((r) => String(Object.values(r)[0])).join("\n");
      tx.rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof TransactionRollbackError)) throw error;
    });
  return plan;
}

/** Planning and execution time from EXPLAIN ANALYZE text. */
export function planTimes(plan: string) {
  const ms = (label: string) => Number(new RegExp(`${label}: ([\\d.]+) ms`).exec(plan)?.[1] ?? Number.NaN);
  return { planning_ms: ms("Planning Time"), execution_ms: ms("Execution Time") };
}

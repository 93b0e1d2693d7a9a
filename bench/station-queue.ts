import { sql } from "drizzle-orm";
import type { Database } from "@cs/db";
import { seedUuid } from "@cs/db/seed";
import { buildActor, stationQueue, stationQueueVersion, type Ctx } from "@cs/domain";
import type { capturingDatabase } from "./lib/capture";
import { median, percentile, round } from "./lib/stats";

const summary = (samples: number[]) => ({
  samples: samples.length,
  median_ms: round(median(samples), 3),
  p95_ms: round(percentile(samples, 95), 3),
  max_ms: round(Math.max(...samples), 3),
});

/**
 * station_queue: 50 station sessions (technicians round robin over the stations) each doing what the
 * portal's live queue does every 10 s, all at the same moment: ask the queue's version with the one
 * shown (stationQueueVersion, the poll route's only query); when it moved, reload the list as the
 * page's loader does (the version, then stationQueue). Rounds alternate: in an "unchanged" round
 * nothing happened since the last poll; before a "changed" round one open request of every station is
 * touched, so every session sees a new version and reloads. Each refresh is timed whole and counted
 * under what it turned out to be. The pool has the app's size (packages/auth db.server.ts: 10).
 */
export async function stationQueueSessions(
  pool: Database,
  admin: Database,
  capture: ReturnType<typeof capturingDatabase>,
  options: { sessions: number; rounds: number; poolConnections: number },
) {
  const stations = await admin.execute<{ id: string }>(sql`select organization_id as id from repair_stations order by organization_id`);
  const sessions = Array.from({ length: options.sessions }, (_, i) => ({
    ctx: {
      db: pool,
      actor: buildActor({ userId: seedUuid(`bench-tech:${i}`), kind: "partner", displayName: `tech ${i}`, organizationId: stations[i % stations.length]!.id, endCustomerId: null, roles: ["technician"], branchIds: [], divisionIds: [] }),
    } satisfies Ctx,
    shown: "",
  }));
  const unchanged: number[] = [];
  const changed: number[] = [];
  let rows = 0;
  // round 0 loads every session's list once (not counted); then unchanged and changed rounds alternate
  for (let round = 0; round <= options.rounds * 2; round++) {
    const touch = round > 0 && round % 2 === 0;
    if (touch)
      await admin.execute(sql`
        update repair_requests r set updated_at = now()
          from (select distinct on (station_id) id from repair_requests
                 where station_id is not null and status not in ('returned', 'closed', 'cancelled')
                 order by station_id, sla_due_at nulls last) one
         where r.id = one.id`);
    await Promise.all(
      sessions.map(async (s) => {
        const t0 = performance.now();
        const version = await stationQueueVersion(s.ctx);
        const reloaded = version !== s.shown;
        if (reloaded) {
          // the page's loader: the version first, then the list
          s.shown = await stationQueueVersion(s.ctx);
          rows = Math.max(rows, (await stationQueue(s.ctx)).length);
        }
        const ms = performance.now() - t0;
        if (round > 0) (reloaded ? changed : unchanged).push(ms);
      }),
    );
  }
  const plans = async (fn: () => Promise<unknown>) => {
    const out = [];
    for (const st of await capture.record(fn)) {
      const plan = await capture.explain(st);
      out.push({ sql: st.sql, execution_ms: Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? Number.NaN), plan: plan.split("\n") });
    }
    return out;
  };
  const actor = sessions[0]!.ctx.actor;
  return {
    sessions: options.sessions,
    rounds_each: options.rounds,
    pool_connections: options.poolConnections,
    largest_queue_rows: rows,
    unchanged: { ...summary(unchanged), what: "poll answered 304: stationQueueVersion only" },
    changed: { ...summary(changed), what: "poll saw a new version, then the loader: stationQueueVersion + stationQueue" },
    units: "ms per session refresh, all sessions firing together each round",
    version_statements: await plans(() => stationQueueVersion({ db: capture.db, actor })),
    list_statements: await plans(() => stationQueue({ db: capture.db, actor })),
  };
}

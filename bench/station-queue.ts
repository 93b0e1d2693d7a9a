import { sql } from "drizzle-orm";
import type { Database } from "@cs/db";
import { seedUuid } from "@cs/seed";
import { buildActor, stationQueue, stationQueueVersion, type Ctx } from "@cs/domain";
import type { capturingDatabase } from "./lib/capture";
import { overRounds, round } from "./lib/stats";

/** Samples kept per round, so the figure says how much the rounds differ. */
const summary = (byRound: Map<number, number[]>) => {
  const rounds = [...byRound.values()].filter((r) => r.length > 0);
  const all = rounds.flat();
  return { samples: all.length, ...overRounds(rounds), max_ms: round(Math.max(...all), 3) };
};

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
  const unchanged = new Map<number, number[]>();
  const changed = new Map<number, number[]>();
  let rows = 0;
  // round 0 loads every session's list once (not counted); then unchanged and changed rounds alternate
  for (let step = 0; step <= options.rounds * 2; step++) {
    const touch = step > 0 && step % 2 === 0;
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
        if (step > 0) {
          const kind = reloaded ? changed : unchanged;
          kind.set(step, [...(kind.get(step) ?? []), ms]);
        }
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
  const check = await checkQueues(admin, [...new Map(sessions.map((x) => [x.ctx.actor.organizationId, x.ctx])).values()]);
  return {
    sessions: options.sessions,
    rounds_each: options.rounds,
    pool_connections: options.poolConnections,
    largest_queue_rows: rows,
    unchanged: { ...summary(unchanged), what: "poll answered 304: stationQueueVersion only" },
    changed: { ...summary(changed), what: "poll saw a new version, then the loader: stationQueueVersion + stationQueue" },
    units: "ms per session refresh, all sessions firing together each round",
    result_check: check,
    version_statements: await plans(() => stationQueueVersion({ db: capture.db, actor })),
    list_statements: await plans(() => stationQueue({ db: capture.db, actor })),
  };
}

/**
 * Correctness beside speed, for every station the sessions stand for: each queue row is one of the
 * station's own open requests (read back by id), the rows come most urgent first (SLA due ascending,
 * none last, then id) as the page promises, and there are as many as the station has open, up to the
 * list's limit of 100.
 */
async function checkQueues(admin: Database, ctxs: Ctx[]) {
  let foreign = 0;
  let closed = 0;
  let outOfOrder = 0;
  let rows = 0;
  let expectedRows = 0;
  for (const ctx of ctxs) {
    const stationId = ctx.actor.organizationId!;
    const queue = await stationQueue(ctx);
    rows += queue.length;
    const ids = queue.map((r) => r.id);
    const truth = ids.length
      ? await admin.execute<{ id: string; station_id: string | null; status: string }>(
          sql`select id, station_id, status from repair_requests where id = any(${`{${ids.join(",")}}`}::uuid[])`,
        )
      : [];
    const byId = new Map(truth.map((t) => [t.id, t]));
    for (const id of ids) {
      const t = byId.get(id);
      if (!t || t.station_id !== stationId) foreign++;
      else if (["returned", "closed", "cancelled"].includes(t.status)) closed++;
    }
    for (let i = 1; i < queue.length; i++) {
      const [a, b] = [queue[i - 1]!, queue[i]!];
      const [da, db] = [a.slaDueAt?.getTime() ?? Infinity, b.slaDueAt?.getTime() ?? Infinity];
      if (da > db || (da === db && a.id > b.id)) outOfOrder++;
    }
    const [open] = await admin.execute<{ n: number }>(
      sql`select count(*)::int as n from repair_requests where station_id = ${stationId} and status not in ('returned', 'closed', 'cancelled')`,
    );
    expectedRows += Math.min(100, Number(open?.n ?? 0));
  }
  return {
    what: "queue rows are the station's own open requests, SLA due ascending (none last, then id), min(open, 100) of them",
    stations: ctxs.length,
    expected: { foreign_rows: 0, closed_rows: 0, out_of_order: 0, rows: expectedRows },
    actual: { foreign_rows: foreign, closed_rows: closed, out_of_order: outOfOrder, rows },
  };
}

import { loadavg } from "node:os";
import { eq, sql } from "drizzle-orm";
import { createDatabase, organizations } from "@cs/db";
import { seedLargeOrders, seedUuid } from "@cs/seed";
import { loadActor, type Ctx } from "@cs/domain";
import { countOrderQueues, listOrderQueue, orderQueueQuery, TOTAL_CAP } from "@cs/domain/orders/queues";
import { capturingDatabase } from "./lib/capture";
import { overRounds, percentile, round, timedRounds } from "./lib/stats";

export const AIM_P95_MS = 100;
const ORDERS = 1_000_000;
const WARMUP = 10;
/** The order desk of the demo: Beijing and Shanghai. */
const DESK_LOGIN = "orderdesk@demo.cn";
const BRANCH_CODE = "BJ";
const STATUS = "completed";
const PAGE = 50;
/** The DataTable's default page size (listQuerySchema). */
const SIZE = 20;

const timed = (runs: number, fn: () => Promise<unknown>) => timedRounds(runs, fn, { warmup: WARMUP });

/**
 * order_list_1m: with 1,000,000 orders (generated once, set-based, kept between runs), the median
 * and p95 of the order desk's list — one branch, one status, newest first, page 50 — over `runs`
 * calls, and the EXPLAIN (ANALYZE, BUFFERS) of every statement the list sends.
 */
export async function orderListBench(url: string, options: { runs: number; log: (m: string) => void }) {
  const admin = createDatabase(url, { max: 2 });
  const capture = capturingDatabase(url, 4);
  try {
    const generated = await seedLargeOrders(admin, { count: ORDERS });
    options.log(
      generated.inserted > 0
        ? `order_list_1m: generated ${generated.inserted.toLocaleString("en")} orders in ${(generated.milliseconds / 1000).toFixed(1)} s`
        : `order_list_1m: ${generated.existing.toLocaleString("en")} generated orders already there${generated.lines > 0 ? `, added ${generated.lines} lines to the open ones` : ""}`,
    );
    const [branch] = await admin.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, BRANCH_CODE));
    if (!branch) throw new Error(`branch ${BRANCH_CODE} missing: the demo seed did not run`);
    const actor = await loadActor(admin, seedUuid(`user:${DESK_LOGIN}`));
    if (!actor) throw new Error(`${DESK_LOGIN} missing: the demo seed did not run`);
    const [stats] = await admin.execute<{ total: number; matching: number; statuses: Record<string, number> }>(sql`
      select (select count(*)::int from orders) as total,
             (select count(*)::int from orders where status = ${STATUS} and owner_branch_id = ${branch.id}) as matching,
             (select jsonb_object_agg(status, n) from (select status, count(*)::int as n from orders group by status) s) as statuses`);

    const ctx: Ctx = { db: capture.db, actor };
    // the desk's list as its page reads the URL: all queues, one status, one branch, newest first
    const query = orderQueueQuery.parse({ queue: "all", status: STATUS, branch: branch.id, page: String(PAGE), size: String(SIZE), dir: "desc" });
    const first = await listOrderQueue(ctx, query);
    // correctness beside speed: the reported total against a count of the matching orders, and the
    // page's rows against the same page read straight from the table
    const direct = await admin.execute<{ id: string }>(sql`
      select id from orders where status = ${STATUS} and owner_branch_id = ${branch.id}
       order by submitted_at desc, id desc limit ${SIZE} offset ${(PAGE - 1) * SIZE}`);
    const matching = stats?.matching ?? 0;
    const resultCheck = {
      what: "total = min(count(*) of the branch's orders in the status, the list's cap); the page = the same page read straight from orders",
      expected: { total: Math.min(matching, TOTAL_CAP), total_capped: matching > TOTAL_CAP, page_ids: direct.map((r) => r.id) },
      actual: { total: first.total, total_capped: first.totalCapped, page_ids: first.rows.map((r) => r.id) },
    };
    const sampleRounds = await timed(options.runs, () => listOrderQueue(ctx, query));
    const samples = sampleRounds.flat();
    // the page also shows the queue tabs' sizes for the same branch, loaded beside the list
    const withCounts = overRounds(await timed(options.runs, () => Promise.all([listOrderQueue(ctx, query), countOrderQueues(ctx, { branch: branch.id })])));
    const statements = [
      ...(await capture.record(() => listOrderQueue(ctx, query))),
      ...(await capture.record(() => countOrderQueues(ctx, { branch: branch.id }))),
    ];
    const plans = [];
    for (const s of statements) {
      const plan = await capture.explain(s);
      plans.push({ sql: s.sql, execution_ms: Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? Number.NaN), plan: plan.split("\n") });
    }
    const p95 = percentile(samples, 95);
    const timing = overRounds(sampleRounds);
    return {
      /** 1-minute load average after the runs: the machine may be shared, which moves every figure. */
      load_average_after: round(loadavg()[0]!),
      orders: stats?.total ?? 0,
      statuses: stats?.statuses ?? {},
      generated_now: generated.inserted,
      generation_s: generated.inserted > 0 ? round(generated.milliseconds / 1000, 1) : null,
      query: { queue: query.queue, status: STATUS, branch: BRANCH_CODE, page: PAGE, size: SIZE, sort: "submittedAt desc", actor: DESK_LOGIN, matching_orders: stats?.matching ?? 0 },
      function: "listOrderQueue (packages/domain/src/orders/queues.ts)",
      runs: options.runs,
      rows_per_page: first.rows.length,
      total_reported: first.total,
      result_check: resultCheck,
      median_ms: timing.median_ms,
      p95_ms: timing.p95_ms,
      rounds: timing,
      max_ms: round(Math.max(...samples), 3),
      aim_p95_ms: AIM_P95_MS,
      ok: p95 < AIM_P95_MS,
      with_queue_counts_median_ms: withCounts.median_ms,
      with_queue_counts_p95_ms: withCounts.p95_ms,
      with_queue_counts_rounds: withCounts,
      statements: plans,
      units: { median_ms: "ms per listOrderQueue() call (page rows, total, line sums)", with_queue_counts_median_ms: "ms for listOrderQueue() and countOrderQueues() side by side, as the desk page loads them" },
    };
  } finally {
    await capture.end();
    await admin.$client.end();
  }
}

import { and, count, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { createDatabase, orders, organizations } from "@cs/db";
import { seedLargeOrders, seedUuid } from "@cs/db/seed";
import { loadActor, orderScope, type Ctx } from "@cs/domain";
import { capturingDatabase } from "./lib/capture";
import { median, percentile, round } from "./lib/stats";

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

const buyer = alias(organizations, "buyer");

/**
 * The order desk's list as the page calls it: status and branch filters, newest first, one page, plus
 * the total for the pager. Stand-in until packages/domain/src/orders/queues.ts exports the desk's own.
 */
async function orderDeskList(ctx: Ctx, q: { status: string; branch: string; page: number; size: number }) {
  const where = and(orderScope(ctx.actor), eq(orders.status, q.status as never), eq(orders.ownerBranchId, q.branch));
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        id: orders.id,
        number: orders.number,
        status: orders.status,
        submittedAt: orders.submittedAt,
        totalFen: orders.totalFen,
        approvalReasons: orders.approvalReasons,
        buyerId: orders.organizationId,
        buyerName: buyer.name,
      })
      .from(orders)
      .innerJoin(buyer, eq(buyer.id, orders.organizationId))
      .where(where)
      .orderBy(desc(orders.submittedAt), desc(orders.id))
      .limit(q.size)
      .offset((q.page - 1) * q.size),
    ctx.db.select({ n: count() }).from(orders).where(where),
  ]);
  return { rows, total: total?.n ?? 0, page: q.page, size: q.size };
}

/**
 * order_list_1m: with 1,000,000 orders (generated once, set-based, kept between runs), the median
 * and p95 of the order desk's list — one branch, one status, newest first, page 50 — over `runs`
 * calls, and the EXPLAIN (ANALYZE, BUFFERS) of every statement the list sends.
 */
export async function orderListBench(url: string, options: { runs: number; log: (m: string) => void }) {
  const admin = createDatabase(url, { max: 2 });
  const capture = capturingDatabase(url, 2);
  try {
    const generated = await seedLargeOrders(admin, { count: ORDERS });
    options.log(
      generated.inserted > 0
        ? `order_list_1m: generated ${generated.inserted.toLocaleString("en")} orders in ${(generated.milliseconds / 1000).toFixed(1)} s`
        : `order_list_1m: ${generated.existing.toLocaleString("en")} generated orders already there`,
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
    const query = { status: STATUS, branch: branch.id, page: PAGE, size: SIZE };
    const samples: number[] = [];
    let rows = 0;
    for (let i = 0; i < WARMUP + options.runs; i++) {
      const t0 = performance.now();
      const page = await orderDeskList(ctx, query);
      const ms = performance.now() - t0;
      if (i < WARMUP) continue;
      samples.push(ms);
      rows = page.rows.length;
    }
    const statements = await capture.record(() => orderDeskList(ctx, query));
    const plans = [];
    for (const s of statements) {
      const plan = await capture.explain(s);
      plans.push({ sql: s.sql, execution_ms: Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? Number.NaN), plan: plan.split("\n") });
    }
    const p95 = percentile(samples, 95);
    return {
      orders: stats?.total ?? 0,
      statuses: stats?.statuses ?? {},
      generated_now: generated.inserted,
      generation_s: generated.inserted > 0 ? round(generated.milliseconds / 1000, 1) : null,
      query: { ...query, branch: BRANCH_CODE, sort: "submittedAt desc", actor: DESK_LOGIN, matching_orders: stats?.matching ?? 0 },
      function: "stand-in (bench/order-list.ts)",
      runs: options.runs,
      rows_per_page: rows,
      median_ms: round(median(samples), 3),
      p95_ms: round(p95, 3),
      max_ms: round(Math.max(...samples), 3),
      aim_p95_ms: AIM_P95_MS,
      ok: p95 < AIM_P95_MS,
      statements: plans,
      units: { median_ms: "ms per list call (rows and total, as the page loads them)" },
    };
  } finally {
    await capture.end();
    await admin.$client.end();
  }
}

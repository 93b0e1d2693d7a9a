import { loadavg } from "node:os";
import { and, eq, gte, inArray, sql } from "drizzle-orm";
import { createDatabase, orderLines, orders, orderSubmissions, stockLevels, type Database } from "@cs/db";
import { verifyStockLevels } from "@cs/domain";
import { fillCart, priceBook, submitCheckout } from "./lib/checkout";
import { cpuMeter } from "./lib/cpu";
import { benchProducts, DEALER_PASSWORD, ensureDealers, topUpStock, type BenchDealer } from "./lib/dealers";
import { sampleWaits } from "./lib/diagnostics";
import { PortalClient } from "./lib/http-client";
import { startPortal } from "./lib/portal";
import type { Scratch } from "./lib/scratch";
import { median, percentile, round, seededRandom } from "./lib/stats";

export const AIM_P95_MS = 150;
export const AIM_RATIO = 0.25;
const LINES_PER_ORDER = 5;
const MAX_QUANTITY = 5;
/** Distinct products the dealers draw their lines from: popular enough to collide now and then, not a hot-row test. */
const PRODUCTS = 1_000;
const TRIVIAL_PATH = "/account";

type Phase = { ok: number; errors: number; latencies: number[]; seconds: number; firstErrors: string[] };

/**
 * `clients` loops, each calling `step` until the deadline. A step returns the milliseconds of what it
 * measures (its own request, not its preparation) or throws; a throw counts as an error.
 */
async function drive(clients: PortalClient[], seconds: number, step: (client: PortalClient, i: number, n: number) => Promise<number>): Promise<Phase> {
  const phase: Phase = { ok: 0, errors: 0, latencies: [], seconds: 0, firstErrors: [] };
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    clients.map(async (client, i) => {
      for (let n = 0; performance.now() < deadline; n++) {
        try {
          phase.latencies.push(await step(client, i, n));
          phase.ok++;
        } catch (e) {
          phase.errors++;
          if (phase.firstErrors.length < 5) phase.firstErrors.push((e as Error).message.slice(0, 300));
        }
      }
    }),
  );
  phase.seconds = (performance.now() - started) / 1000;
  return phase;
}

const trivialStep = async (client: PortalClient) => {
  const t0 = performance.now();
  const r = await client.get(TRIVIAL_PATH);
  if (r.status !== 200) throw new Error(`${TRIVIAL_PATH}: ${r.status} ${r.location ?? ""}`);
  return performance.now() - t0;
};

/** What the run left in the database: its orders, their keys and lines, and the stock they hold. */
async function verifyRun(db: Database, dealers: BenchDealer[], since: Date, productIds: string[], reservedBefore: number) {
  const orgIds = dealers.map((d) => d.organizationId);
  const [placed] = await db
    .select({ orders: sql<number>`count(*)::int`, numbers: sql<number>`count(distinct ${orders.number})::int` })
    .from(orders)
    .where(and(inArray(orders.organizationId, orgIds), gte(orders.submittedAt, since)));
  const [keys] = await db
    .select({ n: sql<number>`count(*)::int`, orders: sql<number>`coalesce(sum(cardinality(${orderSubmissions.orderIds})), 0)::int` })
    .from(orderSubmissions)
    .where(and(inArray(orderSubmissions.organizationId, orgIds), gte(orderSubmissions.createdAt, since)));
  const [lines] = await db
    .select({ n: sql<number>`count(*)::int`, reserved: sql<number>`coalesce(sum(${orderLines.quantityReserved}), 0)::int`, backordered: sql<number>`coalesce(sum(${orderLines.quantityBackordered}), 0)::int` })
    .from(orderLines)
    .innerJoin(orders, eq(orders.id, orderLines.orderId))
    .where(and(inArray(orders.organizationId, orgIds), gte(orders.submittedAt, since)));
  const reservedAfter = await reservedOf(db, productIds);
  const differences = await verifyStockLevels(db);
  return {
    orders: Number(placed?.orders ?? 0),
    distinct_numbers: Number(placed?.numbers ?? 0),
    submission_keys: Number(keys?.n ?? 0),
    orders_by_keys: Number(keys?.orders ?? 0),
    lines: Number(lines?.n ?? 0),
    units_reserved_by_lines: Number(lines?.reserved ?? 0),
    units_backordered: Number(lines?.backordered ?? 0),
    reserved_increase: reservedAfter - reservedBefore,
    ledger_matches_levels: differences.length === 0,
  };
}

async function reservedOf(db: Database, productIds: string[]) {
  const [row] = await db.select({ n: sql<number>`coalesce(sum(${stockLevels.reserved}), 0)::int` }).from(stockLevels).where(inArray(stockLevels.productId, productIds));
  return Number(row?.n ?? 0);
}

/**
 * order_place_http: `clients` signed-in dealers (distinct partner organizations) submit 5-line orders
 * through the portal's checkout form on the production build for `seconds`; the same clients load a
 * trivial signed-in page (/account) for comparison in the same run. Every response must be the
 * success redirect; afterwards the database must hold exactly one order per success and the stock
 * ledger must still explain every level.
 */
export async function orderPlaceHttp(
  url: string,
  scratch: Scratch,
  options: {
    clients: number;
    seconds: number;
    port: number;
    postgresDataDir: string | null;
    log: (m: string) => void;
    /** Added to the portal's environment (rls_overhead: PORTAL_RLS). */
    portalEnv?: Record<string, string>;
    /** Length of the trivial-page phase (default: `seconds`). */
    trivialSeconds?: number;
  },
) {
  const { clients: count, seconds, log } = options;
  const db = createDatabase(url, { max: Math.max(2, count) });
  const portal = await (async () => {
    const dealers = await ensureDealers(db, count);
    const items = await benchProducts(db, PRODUCTS);
    const stock = await topUpStock(db, scratch, items.map((p) => p.id), dealers.map((d) => d.branchId));
    log(`order_place_http: ${dealers.length} dealers, ${items.length} products, stock topped up by ${stock.receipts} receipts in ${stock.warehouses.length} warehouses`);
    return { dealers, items, stock, server: await startPortal(url, options.port, log, "portal", options.portalEnv) };
  })();
  const { dealers, items, server } = portal;
  try {
    const clients = dealers.map(() => new PortalClient(server.base));
    for (const [i, client] of clients.entries()) await client.signIn(dealers[i]!.login, DEALER_PASSWORD);
    const productIds = items.map((p) => p.id);
    const book = await priceBook(db, dealers, productIds, MAX_QUANTITY);
    const runId = Date.now().toString(36);
    let ordersPlaced = 0;
    const orderStep = (label: string) => async (client: PortalClient, i: number, n: number) => {
      const rand = seededRandom(n * 131 + i);
      const lines = rand.sample(productIds, LINES_PER_ORDER).map((productId) => ({ productId, quantity: rand.int(1, MAX_QUANTITY) }));
      await fillCart(db, book, dealers[i]!, lines);
      const { ms, placed } = await submitCheckout(client, dealers[i]!, `bench-${runId}-${label}-${i}-${n}`);
      if (label === "run") ordersPlaced += placed;
      return ms;
    };

    log(`order_place_http: warming up (${TRIVIAL_PATH} and checkout) …`);
    await drive(clients, 2, trivialStep);
    await drive(clients, 2, orderStep("warmup"));

    const meter = options.postgresDataDir ? cpuMeter(server.pid, options.postgresDataDir) : null;
    const trivialSeconds = options.trivialSeconds ?? seconds;
    log(`order_place_http: ${count} clients on ${TRIVIAL_PATH} for ${trivialSeconds} s …`);
    meter?.reset();
    const trivial = await drive(clients, trivialSeconds, trivialStep);
    const trivialCpu = meter?.per(trivial.ok) ?? null;

    const reservedBefore = await reservedOf(db, productIds);
    // warm-up orders are all committed by now; the run's transactions all start after this instant
    const since = new Date();
    log(`order_place_http: ${count} clients submitting ${LINES_PER_ORDER}-line orders for ${seconds} s …`);
    const stopSampling = sampleWaits(url);
    meter?.reset();
    const run = await drive(clients, seconds, orderStep("run"));
    const checkoutCpu = meter?.per(run.ok) ?? null;
    const waits = await stopSampling();
    const check = await verifyRun(db, dealers, since, productIds, reservedBefore);
    const ordersPerS = run.ok / run.seconds;
    const pagesPerS = trivial.ok / trivial.seconds;
    const p95 = percentile(run.latencies, 95);
    const ratio = ordersPerS / pagesPerS;
    // one key per success; a checkout places one order per supplier (the redirect says how many)
    const consistent =
      check.submission_keys === run.ok &&
      check.orders === ordersPlaced &&
      check.distinct_numbers === ordersPlaced &&
      check.orders_by_keys === ordersPlaced &&
      check.reserved_increase === check.units_reserved_by_lines &&
      check.ledger_matches_levels;
    return {
      /** 1-minute load average after the runs: the machine may be shared, which moves every figure. */
      load_average_after: round(loadavg()[0]!),
      clients: count,
      seconds: round(run.seconds, 1),
      lines_per_order: LINES_PER_ORDER,
      products: items.length,
      portal_build: server.builtAt,
      orders: run.ok,
      orders_created: ordersPlaced,
      orders_per_s: round(ordersPerS, 1),
      latency_median_ms: round(median(run.latencies)),
      latency_p95_ms: round(p95),
      errors: run.errors,
      first_errors: run.firstErrors,
      trivial_page: TRIVIAL_PATH,
      trivial_pages: trivial.ok,
      trivial_pages_per_s: round(pagesPerS, 1),
      trivial_latency_median_ms: round(median(trivial.latencies)),
      trivial_latency_p95_ms: round(percentile(trivial.latencies, 95)),
      trivial_errors: trivial.errors,
      ratio: round(ratio, 3),
      aim_p95_ms: AIM_P95_MS,
      aim_ratio: AIM_RATIO,
      ok: p95 < AIM_P95_MS && ratio >= AIM_RATIO && run.errors === 0 && consistent,
      database_check: { ...check, consistent },
      waits_during_orders: waits,
      /** CPU time per request of the portal process and of the whole PostgreSQL server (embedded only). */
      cpu_per_request: { checkout: checkoutCpu, trivial_page: trivialCpu },
      /** Each checkout's milliseconds, for callers that pool several runs (not written to results.json). */
      latencies: run.latencies,
      units: { orders_per_s: "checkouts accepted per second (success redirects); orders_created counts one order per supplier", latency: "ms per checkout POST", ratio: "orders/s ÷ trivial signed-in pages/s" },
    };
  } finally {
    await server.stop();
    await db.$client.end();
  }
}

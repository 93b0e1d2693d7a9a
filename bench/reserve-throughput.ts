import { loadavg } from "node:os";
import { createDatabase, type Database } from "@cs/db";
import { reserve, reserveStatement } from "@cs/domain";
import { explainStatement, planTimes, sampleWaits } from "./lib/diagnostics";
import { initPgbench, runPgbench, type PgbenchResult } from "./lib/pgbench";
import { BENCH_REF, releaseBenchReservations, resetStock, warmPool, type Scratch } from "./lib/scratch";
import { median, percentile, round, seededRandom } from "./lib/stats";

export const AIM_RATIO = 0.5;
/** Per product and warehouse: far more than 32 clients can reserve in the run, so no order backorders. */
const STOCK_PER_WAREHOUSE = 1_000_000;
const LINES_PER_ORDER = 3;

type Load = { orders: number; units: number; backordered: number; errors: number; latencies: number[]; seconds: number };

/** Each client: 3 distinct random products (1–3 units each), reserve() in its own transaction, commit, repeat. */
async function load(db: Database, scratch: Scratch, clients: number, seconds: number, label: string): Promise<Load> {
  const deadline = performance.now() + seconds * 1000;
  const result: Load = { orders: 0, units: 0, backordered: 0, errors: 0, latencies: [], seconds: 0 };
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      const rand = seededRandom(1000 + client);
      // half the clients prefer warehouse A, half B, so both warehouses' rows are hot
      const warehouses = client % 2 === 0 ? [scratch.warehouseA, scratch.warehouseB] : [scratch.warehouseB, scratch.warehouseA];
      for (let n = 0; performance.now() < deadline; n++) {
        const lines = rand.sample(scratch.productIds, LINES_PER_ORDER).map((productId) => ({ productId, quantity: rand.int(1, 3) }));
        const ref = { referenceType: `${BENCH_REF}-tp`, referenceId: `${label}-${client}-${n}` };
        const t0 = performance.now();
        try {
          const got = await db.transaction((tx) => reserve(tx, ref, lines, warehouses));
          result.latencies.push(performance.now() - t0);
          result.orders++;
          for (const l of got) {
            result.units += l.reserved;
            result.backordered += l.backorder;
          }
        } catch (error) {
          result.errors++;
          if (result.errors <= 3) console.error(`reserve failed: ${(error as Error).message}`);
        }
      }
    }),
  );
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

export async function reserveThroughput(
  url: string,
  scratch: Scratch,
  options: { clients: number; seconds: number; pgbench: string | null; pgbenchThreads: number; pgbenchScale: number; log: (m: string) => void },
) {
  const { clients, seconds, log } = options;
  const warehouses = [scratch.warehouseA, scratch.warehouseB];
  const db = createDatabase(url, { max: clients });
  let ours: Load;
  let waits: Record<string, number>;
  let plan: string;
  try {
    await resetStock(db, scratch, scratch.productIds, warehouses, STOCK_PER_WAREHOUSE);
    await warmPool(db, clients);
    await load(db, scratch, clients, Math.min(2, seconds / 5), "warmup");
    log(`reserve_throughput: ${clients} clients for ${seconds} s …`);
    const stopSampling = sampleWaits(url);
    ours = await load(db, scratch, clients, seconds, `run-${Date.now()}`);
    waits = await stopSampling();
    // reserve()'s one statement, as the run left the table (after its updates), for whoever tunes it
    const lines = scratch.productIds.slice(0, LINES_PER_ORDER).map((productId) => ({ productId, quantity: 2 }));
    plan = await explainStatement(
      db,
      reserveStatement({ referenceType: `${BENCH_REF}-explain`, referenceId: "x" }, lines.map((l) => l.productId), lines.map((l) => l.quantity), warehouses),
    );
    await releaseBenchReservations(db, scratch.productIds);
  } finally {
    await db.$client.end();
  }
  const ordersPerS = ours.orders / ours.seconds;
  const loadOurs = loadavg()[0]!;

  let baseline: PgbenchResult | null = null;
  let baselineNote: string | null = null;
  let loadPgbench: number | null = null;
  if (options.pgbench) {
    try {
      log(`pgbench: initialising (scale ${options.pgbenchScale}) and running -c ${clients} -j ${options.pgbenchThreads} -T ${seconds} …`);
      const pgbenchUrl = await initPgbench(options.pgbench, url, options.pgbenchScale);
      baseline = await runPgbench(options.pgbench, pgbenchUrl, { clients, threads: options.pgbenchThreads, seconds });
      loadPgbench = loadavg()[0]!;
    } catch (error) {
      baselineNote = `pgbench failed: ${(error as Error).message.split("\n").slice(0, 3).join(" ")}`;
      log(baselineNote);
    }
  } else {
    baselineNote = "pgbench not installed: baseline missing";
  }

  return {
    clients,
    seconds: round(ours.seconds, 1),
    lines_per_order: LINES_PER_ORDER,
    products: scratch.productIds.length,
    warehouses: warehouses.length,
    orders: ours.orders,
    orders_per_s: round(ordersPerS, 1),
    lines_per_s: round((ours.orders * LINES_PER_ORDER) / ours.seconds, 1),
    units_reserved: ours.units,
    backordered_units: ours.backordered,
    errors: ours.errors,
    latency_median_ms: round(median(ours.latencies)),
    latency_p95_ms: round(percentile(ours.latencies, 95)),
    pgbench_tps: baseline ? round(baseline.tps, 1) : null,
    pgbench_latency_ms: baseline?.latency_ms ?? null,
    pgbench_command: baseline?.command ?? null,
    pgbench_scale: options.pgbenchScale,
    baseline_note: baselineNote,
    ratio: baseline ? round(ordersPerS / baseline.tps, 3) : null,
    aim: AIM_RATIO,
    /** 1-minute load average right after each run: the machine may be shared, which moves both figures. */
    load_average_after: { ours: round(loadOurs), pgbench: loadPgbench === null ? null : round(loadPgbench) },
    waits_during_ours: waits,
    reserve_statement: { ...planTimes(plan), plan_after_run: plan.split("\n") },
    units: { orders_per_s: "committed 3-line reservations per second", pgbench_tps: "TPC-B transactions per second", latency: "ms per order", waits_during_ours: "share of pg_stat_activity samples of our backends" },
  };
}

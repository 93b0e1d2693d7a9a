import { loadavg } from "node:os";
import { createDatabase, type Database } from "@cs/db";
import { reserve, reserveStatement } from "@cs/domain";
import { explainStatement, planTimes, sampleWaits } from "./lib/diagnostics";
import { initPgbench, runPgbench, type PgbenchResult } from "./lib/pgbench";
import { BENCH_REF, releaseBenchReservations, resetStock, warmPool, type Scratch } from "./lib/scratch";
import { median, percentile, round, seededRandom } from "./lib/stats";

export const AIM_RATIO = 0.5;
const ANCHOR_ROUNDS = 3;
/** The scale the anchor used before it ran one branch per client. */
const OLD_SCALE = 10;

type Anchor = { tps: number; spread: number; latency_ms: number | null; command: string; scale: number; rounds: PgbenchResult[] };

function anchor(rounds: PgbenchResult[], scale: number): Anchor {
  const tps = rounds.map((r) => r.tps);
  const mid = median(tps);
  const middle = rounds.find((r) => r.tps === mid) ?? rounds[0]!;
  return { tps: mid, spread: (Math.max(...tps) - Math.min(...tps)) / mid, latency_ms: middle.latency_ms, command: middle.command, scale, rounds };
}
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

  let baseline: Anchor | null = null;
  let oldAnchor: PgbenchResult | null = null;
  let baselineNote: string | null = null;
  let loadPgbench: number | null = null;
  if (options.pgbench) {
    try {
      // One branch per client: TPC-B updates its branch row in every transaction, so at scale 10 32 clients
      // queue on 10 rows and pgbench measured that contention (1,094 to 3,533 TPS on one machine), not the
      // machine's write limit. Each scale gets its own database so neither re-initialises the other.
      const scale = Math.max(options.pgbenchScale, clients);
      log(`pgbench: initialising (scale ${scale}) and running -c ${clients} -j ${options.pgbenchThreads} -T ${seconds}, ${ANCHOR_ROUNDS} rounds …`);
      const anchorUrl = await initPgbench(options.pgbench, url, scale, `pgbench_s${scale}`);
      const rounds: PgbenchResult[] = [];
      for (let round = 0; round < ANCHOR_ROUNDS; round++) rounds.push(await runPgbench(options.pgbench, anchorUrl, { clients, threads: options.pgbenchThreads, seconds }));
      baseline = anchor(rounds, scale);
      loadPgbench = loadavg()[0]!;
      log(`pgbench: the old anchor, scale ${OLD_SCALE} (${clients} clients on ${OLD_SCALE} branch rows), once …`);
      const oldUrl = await initPgbench(options.pgbench, url, OLD_SCALE, "pgbench");
      oldAnchor = await runPgbench(options.pgbench, oldUrl, { clients, threads: options.pgbenchThreads, seconds });
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
    /** The anchor: the median of three pgbench rounds at one branch per client, the machine's write limit. */
    pgbench_tps: baseline ? round(baseline.tps, 1) : null,
    pgbench_rounds_tps: baseline?.rounds.map((r) => round(r.tps, 1)) ?? null,
    /** (max − min) / median of the rounds: how far one machine's write limit moved during the run. */
    pgbench_spread: baseline ? round(baseline.spread, 3) : null,
    pgbench_latency_ms: baseline?.latency_ms ?? null,
    pgbench_command: baseline?.command ?? null,
    pgbench_scale: baseline?.scale ?? null,
    /** The anchor before issue 12 (scale 10: 32 clients contending on 10 branch rows), kept for comparison. */
    pgbench_old_anchor: oldAnchor ? { scale: OLD_SCALE, tps: round(oldAnchor.tps, 1), ratio: round(ordersPerS / oldAnchor.tps, 3), command: oldAnchor.command } : null,
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

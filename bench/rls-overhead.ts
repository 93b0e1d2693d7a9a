import { orderPlaceHttp } from "./order-place-http";
import type { Scratch } from "./lib/scratch";
import { median, percentile, round } from "./lib/stats";

/** Checkouts per second with row-level security on, as a share of the same run without it. */
export const AIM_RLS_RATIO = 0.8;
/**
 * On a shared machine the load drifts during a run, and runs at some positions came out faster than
 * others whatever the mode (off, on, on, off gave 0.62; on, off, off, on 1.45 on the same machine):
 * ABBA then BAAB puts each mode at every kind of position once.
 */
const ORDER = ["off", "on", "on", "off", "on", "off", "off", "on"] as const;
const TRIVIAL_SECONDS = 3;

type Options = { clients: number; seconds: number; port: number; postgresDataDir: string | null; log: (m: string) => void };
type Run = Awaited<ReturnType<typeof orderPlaceHttp>>;

/**
 * rls_overhead: order_place_http eight times in one run (ORDER), the portal started with
 * PORTAL_RLS=0 (every query as the connecting role, no tenant settings) or with row-level security on
 * (each transaction as cs_portal with the tenant set, docs/decisions/019). Same dealers, products and
 * stock top-up; each run has its own warm-up. Per mode the checkouts of its runs are pooled: orders/s
 * is all successes over all seconds, median and p95 over all checkout latencies. The ratio is
 * orders/s on ÷ orders/s off.
 */
export async function rlsOverheadBench(url: string, scratch: Scratch, options: Options) {
  const runs: Record<"off" | "on", Run[]> = { off: [], on: [] };
  for (const [i, mode] of ORDER.entries()) {
    options.log(`rls_overhead: run ${i + 1}/${ORDER.length}, row-level security ${mode} …`);
    runs[mode].push(await orderPlaceHttp(url, scratch, { ...options, trivialSeconds: TRIVIAL_SECONDS, portalEnv: { PORTAL_RLS: mode === "on" ? "1" : "0" } }));
  }
  const pooled = (rs: Run[]) => {
    const latencies = rs.flatMap((r) => r.latencies);
    const seconds = rs.reduce((s, r) => s + r.seconds, 0);
    const orders = rs.reduce((s, r) => s + r.orders, 0);
    return {
      orders_per_s: round(orders / seconds, 1),
      median_ms: round(median(latencies)),
      p95_ms: round(percentile(latencies, 95)),
      seconds: round(seconds, 1),
      orders,
      errors: rs.reduce((s, r) => s + r.errors, 0),
      first_errors: rs.flatMap((r) => r.first_errors).slice(0, 5),
      per_run_orders_per_s: rs.map((r) => r.orders_per_s),
      account_page_median_ms: rs.map((r) => r.trivial_latency_median_ms),
      consistent: rs.every((r) => r.database_check.consistent),
      load_average_after: rs.map((r) => r.load_average_after),
    };
  };
  const off = pooled(runs.off);
  const on = pooled(runs.on);
  const ratio = off.orders_per_s > 0 ? round(on.orders_per_s / off.orders_per_s, 3) : null;
  return {
    clients: options.clients,
    order: ORDER,
    rls_off: off,
    rls_on: on,
    ratio,
    aim_ratio: AIM_RLS_RATIO,
    ok: ratio !== null && ratio >= AIM_RLS_RATIO && on.errors === 0 && off.errors === 0 && on.consistent && off.consistent,
    units: { orders_per_s: "checkouts accepted per second", latency: "ms per checkout POST", ratio: "orders/s with RLS ÷ orders/s without" },
  };
}

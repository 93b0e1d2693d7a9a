import { orderPlaceHttp } from "./order-place-http";
import type { Scratch } from "./lib/scratch";
import { round } from "./lib/stats";

/** Checkouts per second with row-level security on, as a share of the same run without it. */
export const AIM_RLS_RATIO = 0.8;

type Options = { clients: number; seconds: number; port: number; postgresDataDir: string | null; log: (m: string) => void };

/**
 * rls_overhead: order_place_http twice in one run, the portal started first with PORTAL_RLS=0 (every
 * query as the connecting role, no tenant settings) and then with row-level security on (each
 * transaction as cs_portal with the tenant set, docs/decisions/017). Same dealers, products and
 * stock top-up; each run has its own warm-up. The ratio is orders/s on ÷ orders/s off.
 */
export async function rlsOverheadBench(url: string, scratch: Scratch, options: Options) {
  const runs = { off: undefined as Awaited<ReturnType<typeof orderPlaceHttp>> | undefined, on: undefined as Awaited<ReturnType<typeof orderPlaceHttp>> | undefined };
  for (const mode of ["off", "on"] as const) {
    options.log(`rls_overhead: order_place_http with row-level security ${mode} …`);
    runs[mode] = await orderPlaceHttp(url, scratch, { ...options, portalEnv: { PORTAL_RLS: mode === "on" ? "1" : "0" } });
  }
  const summary = (r: Awaited<ReturnType<typeof orderPlaceHttp>>) => ({
    orders_per_s: r.orders_per_s,
    median_ms: r.latency_median_ms,
    p95_ms: r.latency_p95_ms,
    seconds: r.seconds,
    orders: r.orders,
    errors: r.errors,
    first_errors: r.first_errors,
    account_page_median_ms: r.trivial_latency_median_ms,
    account_pages_per_s: r.trivial_pages_per_s,
    consistent: r.database_check.consistent,
    load_average_after: r.load_average_after,
  });
  const off = summary(runs.off!);
  const on = summary(runs.on!);
  const ratio = off.orders_per_s > 0 ? round(on.orders_per_s / off.orders_per_s, 3) : null;
  return {
    clients: options.clients,
    rls_off: off,
    rls_on: on,
    ratio,
    aim_ratio: AIM_RLS_RATIO,
    ok: ratio !== null && ratio >= AIM_RLS_RATIO && on.errors === 0 && off.errors === 0 && on.consistent && off.consistent,
    units: { orders_per_s: "checkouts accepted per second", latency: "ms per checkout POST", ratio: "orders/s with RLS ÷ orders/s without" },
  };
}

/**
 * `npm run bench`: the benchmarks of the inventory issue against the bench's own embedded PostgreSQL
 * (`.data/bench-postgres`, port 54332 or BENCH_PG_PORT) or DATABASE_URL. Prints a table and writes bench/results.json.
 * Env: BENCH_SECONDS (throughput run length, default 20), BENCH_ONLY (comma-separated benchmark names),
 * BENCH_EXPLAIN=1 (print reserve()'s EXPLAIN ANALYZE after the throughput run). With BENCH_ONLY the other
 * entries of results.json are kept.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { cpus, loadavg, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { createDatabase } from "@cs/db";
import { verifyStockLevels } from "@cs/domain";
import { availabilityBench } from "./availability";
import { catalogSearchBench } from "./catalog-search";
import { orderListBench } from "./order-list";
import { orderPlaceHttp } from "./order-place-http";
import { pageFloorBench } from "./page-floor";
import { rebateCalcBench } from "./rebate-calc";
import { rlsOverheadBench } from "./rls-overhead";
import { serviceBench } from "./service";
import { salesAnalysisBench } from "./sales-analysis";
import { scorecardPageBench } from "./scorecard-page";
import { homePagesBench } from "./home-pages";
import { leadImportBench } from "./lead-import";
import { lighthouseBench } from "./lighthouse";
import { customer360Bench } from "./customer-360";
import { campaignRoiBench } from "./campaign-roi";
import { soakBench } from "./soak";
import { BENCH_DIR, BENCH_PORT, prepareBenchDatabase, type BenchDatabase } from "./lib/database";
import { children, ensurePgbench } from "./lib/pgbench";
import { ensureScratch, releaseBenchReservations } from "./lib/scratch";
import { printTable, type Cell } from "./lib/table";
import { benchFailures } from "./lib/verdicts";
import { reserveHot } from "./reserve-hot";
import { reserveThroughput } from "./reserve-throughput";

const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const only = process.env.BENCH_ONLY?.split(",").map((s) => s.trim()).filter(Boolean);
const wanted = (name: string) => !only || only.includes(name);
const log = (m: string) => console.log(`· ${m}`);

let server: BenchDatabase | null = null;
let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  // clients still in flight fail as the server goes away: that is expected now, not worth a stack trace
  process.on("uncaughtException", () => {});
  process.on("unhandledRejection", () => {});
  for (const child of children) child.kill("SIGINT");
  if (server?.embedded) log("stopping the embedded PostgreSQL");
  await server?.stop().catch(() => {});
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(130));
process.on("SIGTERM", () => void shutdown(143));

async function main() {
  if (!Number.isFinite(seconds) || seconds <= 0) throw new Error("BENCH_SECONDS must be a positive number");
  log(process.env.DATABASE_URL ? "using DATABASE_URL" : `starting the embedded PostgreSQL in .data/bench-postgres (port ${BENCH_PORT})`);
  server = await prepareBenchDatabase(log);
  const url = server.url;
  const admin = createDatabase(url, { max: 2 });
  const scratch = await ensureScratch(admin);
  const results: Record<string, unknown> = {};

  if (wanted("reserve_hot")) {
    log("reserve_hot: 64 clients against one product …");
    results.reserve_hot = await reserveHot(url, scratch, { clients: 64 });
  }
  if (wanted("reserve_throughput")) {
    const pgbench = ensurePgbench(log);
    results.reserve_throughput = await reserveThroughput(url, scratch, { clients: 32, seconds, pgbench, pgbenchThreads: 2, pgbenchScale: 10, log });
  }
  if (wanted("availability_200")) {
    log("availability_200: 200-line order, 200 runs …");
    results.availability_200 = await availabilityBench(url, scratch, { runs: 200, lines: 200 });
  }

  if (wanted("catalog_search")) results.catalog_search = await catalogSearchBench(url, { runs: 200, log });
  if (wanted("order_list_1m")) {
    log("order_list_1m: the order desk's list over 1,000,000 orders, 200 runs …");
    results.order_list_1m = await orderListBench(url, { runs: 200, log });
  }

  if (wanted("service_desk_1m") || wanted("station_queue")) {
    log("service_desk_1m / station_queue: the service desk's list over 1,000,000 repair requests, 200 runs; 50 station sessions refreshing their queues …");
    const service = await serviceBench(url, { runs: 200, sessions: 50, rounds: 10, log });
    if (wanted("service_desk_1m")) results.service_desk_1m = service.service_desk_1m;
    if (wanted("station_queue")) results.station_queue = service.station_queue;
  }

  if (wanted("scorecard_page")) {
    log("scorecard_page: the channel scorecard for one branch and quarter on 5,000 partners / 2,000,000 invoice lines, 200 runs …");
    results.scorecard_page = await scorecardPageBench(url, { runs: 200, log });
  }

  if (wanted("sales_analysis")) {
    log("sales_analysis: the sales analysis by division for one quarter on 5,000 partners / 2,000,000 invoice lines, 50 runs …");
    results.sales_analysis = await salesAnalysisBench(url, { runs: 50, log });
  }

  if (wanted("home_pages")) {
    log("home_pages: every role's home page over HTTP, 100 runs each …");
    results.home_pages = await homePagesBench(url, { runs: 100, log });
  }
  if (wanted("customer_360")) {
    log("customer_360: the 360 page of a partner with 100,000 orders, 50,000 activities and 5,000 repairs, 100 runs …");
    results.customer_360 = await customer360Bench(url, { runs: 100, log });
  }
  if (wanted("lighthouse")) {
    log("lighthouse: the portal's home, catalogue and checkout at phone size, signed in as a dealer …");
    results.lighthouse = await lighthouseBench(url, { log });
  }

  if (wanted("rebate_calc")) {
    log("rebate_calc: one program over 5,000 partners and 2,000,000 invoice lines (the worker's run) beside a bare per-partner sum, 3 rounds …");
    results.rebate_calc = await rebateCalcBench(url, { rounds: 3, log });
  }

  if (wanted("campaign_roi")) {
    log("campaign_roi: the campaign ROI list for a quarter over HTTP on 500 campaigns, 5,000 partners and 2,000,000 invoice lines, 200 runs …");
    results.campaign_roi = await campaignRoiBench(url, { runs: 200, log });
  }

  if (wanted("lead_import")) {
    log("lead_import: a 100,000-row XLSX (2% bad rows, 5% duplicates) through the back-office's import …");
    results.lead_import = await leadImportBench(url, { rows: 100_000, log });
  }

  if (wanted("order_place_http")) {
    const port = Number(process.env.BENCH_PORTAL_PORT ?? 0);
    const { latencies: _latencies, ...placed } = await orderPlaceHttp(url, scratch, { clients: 16, seconds, port, postgresDataDir: server.embedded ? BENCH_DIR : null, log });
    results.order_place_http = placed;
  }

  if (wanted("page_floor")) {
    const port = Number(process.env.BENCH_PORTAL_PORT ?? 0);
    results.page_floor = await pageFloorBench(url, { clients: 16, seconds, rounds: 2, port, postgresDataDir: server.embedded ? BENCH_DIR : null, log });
  }

  if (wanted("rls_overhead")) {
    const port = Number(process.env.BENCH_PORTAL_PORT ?? 0);
    results.rls_overhead = await rlsOverheadBench(url, scratch, { clients: 16, seconds, port, postgresDataDir: server.embedded ? BENCH_DIR : null, log });
  }

  if (wanted("soak")) {
    const soakSeconds = Number(process.env.BENCH_SOAK_SECONDS ?? 600);
    log(`soak: a mixed workload on both apps for ${soakSeconds} s …`);
    results.soak = await soakBench(url, scratch, { seconds: soakSeconds, dealers: 8, staff: 2, log });
  }

  // Leave no bench reservation behind, and prove the ledger still explains every level.
  await releaseBenchReservations(admin, [scratch.hotProductId, ...scratch.productIds]);
  const differences = await verifyStockLevels(admin);
  await admin.$client.end();

  const cpu = cpus();
  const date = new Date().toISOString();
  // every entry says when, on which commit, under what load and on which server it was measured,
  // so one kept from an earlier run can never pass for this run's
  const run = { date, commit: commitOf(), load_avg_1m: Math.round(loadavg()[0]! * 100) / 100, cores: cpu.length, postgres_version: server.serverVersion };
  for (const [name, entry] of Object.entries(results)) if (entry && typeof entry === "object") results[name] = { ...entry, run };
  const output = {
    meta: {
      date,
      cores: cpu.length,
      cpu: cpu[0]?.model ?? "unknown",
      memory_gb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      postgres_version: server.serverVersion,
      database: server.embedded ? "embedded" : "external",
      bench_seconds: seconds,
      ledger_matches_levels: differences.length === 0,
    },
    ...results,
  };
  printSummary(output);
  const file = fileURLToPath(new URL("./results.json", import.meta.url));
  // BENCH_ONLY runs keep the other benchmarks' last figures, each marked on the entry itself
  const kept = only && existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>) : {};
  const earlier = Object.keys(kept).filter((k) => k !== "meta" && !Object.hasOwn(results, k));
  for (const k of earlier) {
    const entry = kept[k];
    if (entry && typeof entry === "object") kept[k] = { ...entry, kept_from_earlier_run: true, run: (entry as { run?: unknown }).run ?? { date: "unknown", commit: "unknown", note: "measured before entries carried their own stamp" } };
  }
  const merged = { ...kept, ...output, meta: { ...output.meta, ...(earlier.length ? { entries_from_earlier_runs: earlier } : {}) } };
  writeFileSync(file, JSON.stringify(merged, null, 2) + "\n");
  log(`wrote ${file}`);
  const failures = benchFailures(results, output.meta);
  if (failures.length) {
    console.error(`\nbench FAILED (${failures.length}):\n${failures.map((f) => `  ✗ ${f}`).join("\n")}`);
    return 1;
  }
  return 0;
}

function commitOf() {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}

type Row = [string, string, Cell, string, string];
function printSummary(output: { meta: Record<string, unknown> } & Record<string, unknown>) {
  const rows: Row[] = [];
  const hot = output.reserve_hot as Awaited<ReturnType<typeof reserveHot>> | undefined;
  if (hot) {
    const naive = hot.phases as Record<string, { naive: { oversold: number } }>;
    rows.push(
      ["reserve_hot", `succeeded, ${hot.on_hand} on hand, ${hot.clients}×1`, hot.succeeded, "reservations", `= ${Math.min(hot.clients, hot.on_hand)}`],
      ["reserve_hot", `succeeded, ${hot.scarce_on_hand} on hand, ${hot.clients}×1`, hot.scarce_succeeded, "reservations", `= ${hot.scarce_on_hand}`],
      ["reserve_hot", `succeeded, ${hot.drain_on_hand} on hand, ${hot.clients} clients until out`, hot.drain_succeeded, "reservations", `= ${hot.drain_on_hand}`],
      ["reserve_hot", "oversold by reserve() (all phases)", hot.oversold, "units", "= 0"],
      ["reserve_hot", `naive oversold, ${hot.scarce_on_hand} on hand, ${hot.clients}×1`, naive.scarce!.naive.oversold, "units", "> 0 shows the race"],
      ["reserve_hot", `naive oversold, ${hot.drain_on_hand} on hand, until out`, naive.drain!.naive.oversold, "units", "> 0 shows the race"],
      ["reserve_hot", "naive on stock_levels: refused by CHECK", hot.naive_on_stock_levels.rejected_by_check, "updates", "oversold 0"],
    );
  }
  const tp = output.reserve_throughput as Awaited<ReturnType<typeof reserveThroughput>> | undefined;
  if (tp) {
    rows.push(
      ["reserve_throughput", `${tp.clients} clients, 3-line orders, ${tp.seconds} s`, tp.orders_per_s, "orders/s", ""],
      ["reserve_throughput", "order latency median / p95", `${tp.latency_median_ms} / ${tp.latency_p95_ms}`, "ms", ""],
      ["reserve_throughput", "errors (deadlocks, failures)", tp.errors, "orders", "= 0"],
      ["reserve_throughput", "reserve() statement planning / execution", `${tp.reserve_statement.planning_ms} / ${tp.reserve_statement.execution_ms}`, "ms", "EXPLAIN ANALYZE"],
      ["reserve_throughput", "top waits of our backends", Object.entries(tp.waits_during_ours).slice(0, 3).map(([k, v]) => `${k} ${Math.round(v * 100)}%`).join(", "), "", ""],
      [
        "reserve_throughput",
        `pgbench TPC-B -c ${tp.clients} -j 2 -T ${Math.round(tp.seconds)}, scale ${tp.pgbench_scale ?? "?"}, median of ${tp.pgbench_rounds_tps?.length ?? 0}`,
        tp.pgbench_tps,
        "tps",
        tp.baseline_note ?? `rounds ${tp.pgbench_rounds_tps?.join(" / ")}, spread ${tp.pgbench_spread === null ? "?" : `${Math.round(tp.pgbench_spread * 100)}%`}`,
      ],
      ["reserve_throughput", "ratio ours / pgbench", tp.ratio, "", `≥ ${tp.aim}${tp.ratio === null ? "" : tp.ratio >= tp.aim ? " ok" : " MISSED"}`],
      ["reserve_throughput", `old anchor: pgbench scale ${tp.pgbench_old_anchor?.scale ?? 10}, ratio ${tp.pgbench_old_anchor?.ratio ?? "?"}`, tp.pgbench_old_anchor?.tps ?? null, "tps", "contention on 10 branch rows"],
    );
  }
  const av = output.availability_200 as Awaited<ReturnType<typeof availabilityBench>> | undefined;
  if (av) {
    rows.push(
      ["availability_200", `median, ${av.lines} lines × ${av.warehouses} warehouses`, av.median_ms, "ms", ""],
      ["availability_200", `p95 of ${av.runs} runs`, av.p95_ms, "ms", ""],
      ["availability_200", "availability() alone, median", av.availability_only_median_ms, "ms", ""],
    );
  }
  const ol = output.order_list_1m as Awaited<ReturnType<typeof orderListBench>> | undefined;
  if (ol) {
    rows.push(
      ["order_list_1m", `${ol.query.status}, branch ${ol.query.branch}, page ${ol.query.page} × ${ol.query.size}, median`, ol.median_ms, "ms", `${ol.orders.toLocaleString("en")} orders`],
      ["order_list_1m", `p95 of ${ol.runs} runs`, ol.p95_ms, "ms", `< ${ol.aim_p95_ms}${ol.ok ? " ok" : " MISSED"}`],
      ["order_list_1m", "with the queue tab counts beside it, median / p95", `${ol.with_queue_counts_median_ms} / ${ol.with_queue_counts_p95_ms}`, "ms", ""],
    );
  }
  const pf = output.page_floor as Awaited<ReturnType<typeof pageFloorBench>> | undefined;
  if (pf) {
    const cpu = (c: { server: number | null; postgres: number | null }) => `${c.server ?? "?"} / ${c.postgres ?? "?"}`;
    rows.push(
      ["page_floor", `ours ${pf.page.split(" (")[0]}: pages/s, ${pf.clients} clients, ${pf.seconds} s`, pf.pages_per_s, "pages/s", `median ${pf.median_ms} / p95 ${pf.p95_ms} ms`],
      ["page_floor", `floor (bare React Router, 20 rows): pages/s, ${pf.floor.seconds} s`, pf.floor.pages_per_s, "pages/s", `median ${pf.floor.median_ms} / p95 ${pf.floor.p95_ms} ms`],
      ["page_floor", "CPU per page ours: server / PostgreSQL", cpu(pf.ours.cpu_ms_per_page), "ms", `server ≤ ${pf.aim_server_cpu_ms}${pf.ok ? " ok" : " MISSED"}`],
      ["page_floor", "CPU per page floor: server / PostgreSQL", cpu(pf.floor.cpu_ms_per_page), "ms", ""],
      ["page_floor", "ratio ours / floor: server CPU, p95", `${pf.ratio.server_cpu_per_page ?? "?"} / ${pf.ratio.p95 ?? "?"}`, "", `errors ${pf.errors} / ${pf.floor.errors}`],
    );
  }
  const rls = output.rls_overhead as Awaited<ReturnType<typeof rlsOverheadBench>> | undefined;
  if (rls) {
    for (const [label, r] of [["off", rls.rls_off], ["on", rls.rls_on]] as const)
      rows.push(
        ["rls_overhead", `RLS ${label}: ${rls.clients} dealers, ${r.seconds} s`, r.orders_per_s, "orders/s", `${r.errors} errors${r.consistent ? "" : ", INCONSISTENT"}`],
        ["rls_overhead", `RLS ${label}: checkout median / p95`, `${r.median_ms} / ${r.p95_ms}`, "ms", ""],
      );
    rows.push(["rls_overhead", "ratio orders/s on / off", rls.ratio ?? "n/a", "", `≥ ${rls.aim_ratio}${rls.ok ? " ok" : " MISSED"}`]);
  }
  const oh = output.order_place_http as Awaited<ReturnType<typeof orderPlaceHttp>> | undefined;
  if (oh) {
    const db = oh.database_check;
    rows.push(
      ["order_place_http", `${oh.clients} dealers, ${oh.lines_per_order}-line checkouts, ${oh.seconds} s`, oh.orders_per_s, "orders/s", ""],
      ["order_place_http", "checkout POST median / p95", `${oh.latency_median_ms} / ${oh.latency_p95_ms}`, "ms", `p95 < ${oh.aim_p95_ms}${oh.latency_p95_ms < oh.aim_p95_ms ? " ok" : " MISSED"}`],
      ["order_place_http", `${oh.trivial_page} (signed in), same clients`, oh.trivial_pages_per_s, "pages/s", `median ${oh.trivial_latency_median_ms} ms`],
      ["order_place_http", "ratio orders / trivial pages", oh.ratio, "", `≥ ${oh.aim_ratio}${oh.ratio >= oh.aim_ratio ? " ok" : " MISSED"}`],
      ...(oh.cpu_per_request.checkout && oh.cpu_per_request.trivial_page
        ? [["order_place_http", "CPU per checkout / per page: portal, PostgreSQL", `${oh.cpu_per_request.checkout.portal_ms} / ${oh.cpu_per_request.trivial_page.portal_ms}, ${oh.cpu_per_request.checkout.postgres_ms} / ${oh.cpu_per_request.trivial_page.postgres_ms}`, "ms", ""] as Row]
        : []),
      ["order_place_http", "errors (checkout / trivial page)", `${oh.errors} / ${oh.trivial_errors}`, "requests", "= 0"],
      ["order_place_http", "orders in the database = successes, stock consistent", db.consistent, "", `${db.orders} orders, ${db.lines} lines`],
    );
  }
  const so = output.soak as Awaited<ReturnType<typeof soakBench>> | undefined;
  if (so)
    rows.push(
      ["soak", `${so.dealers} dealers + ${so.staff} staff, mixed, ${so.seconds} s: requests, median / p95`, so.requests, "requests", `${so.median_ms} / ${so.p95_ms} ms`],
      ["soak", "5xx and unanswered requests", `${so.server_errors} / ${so.unanswered}`, "requests", "= 0"],
      ["soak", "RSS growth after warm-up: portal / back-office", `${so.rss_growth.portal} / ${so.rss_growth.backoffice}`, "", `≤ 0.15${so.ok ? " ok" : " MISSED"}`],
    );
  const sd = output.service_desk_1m as Awaited<ReturnType<typeof serviceBench>>["service_desk_1m"] | undefined;
  if (sd) {
    rows.push(
      ["service_desk_1m", `${sd.query.status}, station ${sd.query.station}, by SLA due, page ${sd.query.size}, median`, sd.median_ms, "ms", `${sd.requests.toLocaleString("en")} requests`],
      ["service_desk_1m", `p95 of ${sd.runs} runs`, sd.p95_ms, "ms", `< ${sd.aim_p95_ms}${sd.ok ? " ok" : " MISSED"}`],
    );
  }
  const sq = output.station_queue as Awaited<ReturnType<typeof serviceBench>>["station_queue"] | undefined;
  if (sq)
    rows.push(
      ["station_queue", `${sq.sessions} concurrent sessions, unchanged (304), median / p95`, `${sq.unchanged.median_ms} / ${sq.unchanged.p95_ms}`, "ms", `${sq.unchanged.samples} polls`],
      ["station_queue", `${sq.sessions} concurrent sessions, changed (reload), median / p95`, `${sq.changed.median_ms} / ${sq.changed.p95_ms}`, "ms", `${sq.changed.samples} reloads`],
    );
  const sa = output.sales_analysis as Awaited<ReturnType<typeof salesAnalysisBench>> | undefined;
  if (sa)
    rows.push(
      ["sales_analysis", `GET by division, one quarter, median`, sa.median_ms, "ms", `${sa.invoice_lines.toLocaleString("en")} invoice lines`],
      ["sales_analysis", `p95 of ${sa.runs} page loads over HTTP`, sa.p95_ms, "ms", `< ${sa.aim_p95_ms}${sa.ok ? " ok" : " MISSED"}`],
      ["sales_analysis", "domain by division / by partner, median", `${sa.by_division_median_ms} / ${sa.by_partner_median_ms}`, "ms", ""],
      ["sales_analysis", "anchor: bare sum over the quarter's lines, median", sa.anchor_median_ms, "ms", `ratio ${sa.ratio_to_anchor}`],
    );
  const sc = output.scorecard_page as Awaited<ReturnType<typeof scorecardPageBench>> | undefined;
  if (sc) {
    rows.push(
      ["scorecard_page", `GET, quarter, branch ${sc.query.branch} (${sc.query.branch_partners} partners), median`, sc.median_ms, "ms", `${sc.invoice_lines.toLocaleString("en")} invoice lines`],
      ["scorecard_page", `p95 of ${sc.runs} page loads over HTTP`, sc.p95_ms, "ms", `< ${sc.aim_p95_ms}${sc.ok ? " ok" : " MISSED"}`],
      ["scorecard_page", "loader's domain calls alone, median / p95", `${sc.loader_median_ms} / ${sc.loader_p95_ms}`, "ms", ""],
      ["scorecard_page", "rebuildPartnerMonthStats over the bench months", sc.rebuild_stats_s, "s", `${sc.stats_rows_in_quarter.toLocaleString("en")} rows in the quarter`],
    );
  }
  const hp = output.home_pages as Awaited<ReturnType<typeof homePagesBench>> | undefined;
  if (hp)
    rows.push(
      ["home_pages", `GET / for ${Object.keys(hp.pages).length} roles, ${hp.runs_per_page} runs each, median / p95`, `${hp.median_ms} / ${hp.p95_ms}`, "ms", `anchor /login p95 ${hp.anchor_login_page.portal?.p95_ms} / ${hp.anchor_login_page.backoffice?.p95_ms}`],
      ["home_pages", "slowest role's p95", hp.worst_page_p95_ms, "ms", `< ${hp.aim_p95_ms}${hp.ok ? " ok" : " MISSED"}`],
    );
  const rc = output.rebate_calc as Awaited<ReturnType<typeof rebateCalcBench>> | undefined;
  if (rc) {
    rows.push(
      ["rebate_calc", `bare sum per partner, ${rc.invoice_lines.toLocaleString("en")} lines, median`, rc.bare_sum_ms, "ms", ""],
      ["rebate_calc", `program run for ${rc.partners.toLocaleString("en")} partners (calculation + ${rc.statements} statements), median`, rc.run_ms, "ms", `calculation alone ${rc.calculation_query_ms} ms`],
      ["rebate_calc", "ratio run / bare sum", rc.ratio, "", `≤ ${rc.aim_ratio}${rc.ok ? " ok" : " MISSED"}`],
    );
  }
  const roi = output.campaign_roi as Awaited<ReturnType<typeof campaignRoiBench>> | undefined;
  if (roi) {
    rows.push(
      ["campaign_roi", `ROI list ${roi.query.quarter}, ${roi.campaigns_in_quarter} campaigns, page of ${roi.query.size}, median`, roi.median_ms, "ms", `${roi.attributed_orders.toLocaleString("en")} attributed orders`],
      ["campaign_roi", `p95 of ${roi.runs} GETs over HTTP`, roi.p95_ms, "ms", `< ${roi.aim_p95_ms}${roi.ok ? " ok" : " MISSED"}`],
      ["campaign_roi", "loader functions alone, median / p95", `${roi.loader_median_ms} / ${roi.loader_p95_ms}`, "ms", ""],
      ["campaign_roi", "anchor: GET /login of the same server, p95", roi.anchor_login_page.p95_ms, "ms", `ratio ${roi.ratio_p95_to_anchor ?? "?"}`],
    );
  }
  const li = output.lead_import as Awaited<ReturnType<typeof leadImportBench>> | undefined;
  if (li) {
    rows.push(
      ["lead_import", `${li.rows.toLocaleString("en")}-row XLSX (${li.bad_rows} bad, ${li.duplicate_rows} duplicates), read + import`, li.seconds, "s", `< ${li.aim_seconds}${li.seconds < li.aim_seconds ? " ok" : " MISSED"}`],
      ["lead_import", "rows per second", li.rows_per_s, "rows/s", `streamed read + import, RSS growth ${li.rss_growth_mb} MB`],
      ["lead_import", "peak resident memory of the process", li.peak_rss_mb, "MB", `< ${li.aim_rss_mb}${li.peak_rss_mb < li.aim_rss_mb ? " ok" : " MISSED"}`],
    );
  }
  // correctness beside speed: each entry's own result check (benchFailures fails the run on a mismatch)
  for (const [name, entry] of Object.entries(output)) {
    const check = entry && typeof entry === "object" ? (entry as { result_check?: { expected: unknown; actual: unknown } }).result_check : undefined;
    if (check) rows.push([name, "results checked against the database (result_check)", JSON.stringify(check.expected) === JSON.stringify(check.actual) ? "ok" : "FAILED", "", "= expected"]);
  }
  if (ol && process.env.BENCH_EXPLAIN === "1") for (const s of ol.statements) console.log(`\norder_list_1m statement:\n${s.plan.join("\n")}`);
  if (tp && process.env.BENCH_EXPLAIN === "1") console.log(`\nreserve() statement after the run:\n${tp.reserve_statement.plan_after_run.join("\n")}`);
  const m = output.meta;
  printTable(
    `Benchmarks — ${m.date} · ${m.cores} cores · PostgreSQL ${m.postgres_version} (${m.database}) · ledger = levels: ${m.ledger_matches_levels}`,
    ["benchmark", "figure", "value", "unit", "aim"],
    rows,
  );
}

main()
  .then((code) => shutdown(code))
  .catch((error) => {
    console.error(error);
    void shutdown(1);
  });

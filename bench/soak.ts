import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { createDatabase } from "@cs/db";
import { verifyStockLevels } from "@cs/domain";
import { fillCart, priceBook, submitCheckout } from "./lib/checkout";
import { benchProducts, DEALER_PASSWORD, ensureDealers, topUpStock } from "./lib/dealers";
import { PortalClient } from "./lib/http-client";
import { startPortal, type Portal } from "./lib/portal";
import type { Scratch } from "./lib/scratch";
import { ensureStaffUser } from "./lib/staff";
import { median, percentile, round, seededRandom } from "./lib/stats";

export const AIM_RSS_GROWTH = 0.15;
const STAFF_LOGIN = "bench.soak@bench.cn";
const STAFF_PASSWORD = "Bench@2026-soak";
const PRODUCTS = 500;
const SEARCHES = ["联想", "ThinkPad", "打印机", "显示器", "华为", "路由器", "SSD", "内存"];
/** Lists a management user reads (shipping belongs to the warehouse role and answers it 404). */
const STAFF_LISTS = ["/orders/queue/all", "/organizations", "/stock", "/finance/invoices", "/service/requests", "/rebates/statements"];

/** Resident set size of a process in bytes, from /proc (Linux). */
function rssOf(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

type Kind = "browse" | "search" | "cart_checkout" | "my_orders" | "my_repairs" | "staff_list";
type Tally = { ok: number; server_errors: number; other_errors: number; latencies: number[] };

/**
 * soak: a mixed workload on both production builds for BENCH_SOAK_SECONDS (default 600): dealers
 * browse and search the catalogue, fill the cart and check out, read their orders and repairs; staff
 * page through the order, organization, stock, invoice, repair and rebate lists. Aims: no 5xx at
 * all, and each server's RSS at the end within 15% of its RSS after the warm-up. The anchor of
 * the same run is the warm-up's own latency of the signed-in /account page.
 */
export async function soakBench(url: string, scratch: Scratch, options: { seconds: number; dealers: number; staff: number; log: (m: string) => void }) {
  const { log } = options;
  const db = createDatabase(url, { max: 4 });
  const servers: Portal[] = [];
  try {
    const dealers = await ensureDealers(db, options.dealers);
    const items = await benchProducts(db, PRODUCTS);
    await topUpStock(db, scratch, items.map((p) => p.id), dealers.map((d) => d.branchId));
    await ensureStaffUser(db, STAFF_LOGIN, STAFF_PASSWORD, "基准 巡检");
    const portal = await startPortal(url, 0, log, "portal");
    servers.push(portal);
    const backoffice = await startPortal(url, 0, log, "backoffice");
    servers.push(backoffice);

    const dealerClients = dealers.map(() => new PortalClient(portal.base));
    for (const [i, c] of dealerClients.entries()) await c.signIn(dealers[i]!.login, DEALER_PASSWORD);
    const staffClients = Array.from({ length: options.staff }, () => new PortalClient(backoffice.base));
    for (const c of staffClients) await c.signIn(STAFF_LOGIN, STAFF_PASSWORD);
    const productIds = items.map((p) => p.id);
    const book = await priceBook(db, dealers, productIds, 3);
    const runId = Date.now().toString(36);

    const tallies = new Map<Kind, Tally>();
    const tally = (kind: Kind) => {
      let t = tallies.get(kind);
      if (!t) tallies.set(kind, (t = { ok: 0, server_errors: 0, other_errors: 0, latencies: [] }));
      return t;
    };
    const firstErrors: string[] = [];
    const record = (kind: Kind, status: number, ms: number, what: string) => {
      const t = tally(kind);
      if (status >= 500) t.server_errors++;
      else if (status >= 400) t.other_errors++;
      else t.ok++;
      t.latencies.push(ms);
      if (status >= 400 && firstErrors.length < 10) firstErrors.push(`${status} ${what}`);
    };
    let unanswered = 0;
    const noAnswer = (e: Error) => {
      unanswered++;
      if (firstErrors.length < 10) firstErrors.push(`no answer: ${e.message.slice(0, 200)}`);
    };
    const timedGet = async (kind: Kind, client: PortalClient, path: string) => {
      const t0 = performance.now();
      const r = await client.get(path);
      record(kind, r.status, performance.now() - t0, path);
    };

    const dealerStep = async (i: number, n: number) => {
      const rand = seededRandom(n * 7919 + i);
      const client = dealerClients[i]!;
      const roll = rand.int(1, 100);
      if (roll <= 35) return timedGet("browse", client, `/catalog?page=${rand.int(1, 10)}`);
      if (roll <= 60) return timedGet("search", client, `/catalog?q=${encodeURIComponent(SEARCHES[rand.int(0, SEARCHES.length - 1)]!)}`);
      if (roll <= 75) return timedGet("my_orders", client, "/orders");
      if (roll <= 85) return timedGet("my_repairs", client, "/service/requests");
      const lines = rand.sample(productIds, 3).map((productId) => ({ productId, quantity: rand.int(1, 3) }));
      await fillCart(db, book, dealers[i]!, lines);
      try {
        const { ms } = await submitCheckout(client, dealers[i]!, `soak-${runId}-${i}-${n}`);
        record("cart_checkout", 302, ms, "checkout");
      } catch (e) {
        const status = Number(/\b([45]\d\d)\b/.exec((e as Error).message)?.[1] ?? 500);
        record("cart_checkout", status, 0, `checkout: ${(e as Error).message.slice(0, 200)}`);
      }
    };
    const staffStep = async (i: number, n: number) => {
      const rand = seededRandom(n * 104729 + i);
      const path = STAFF_LISTS[rand.int(0, STAFF_LISTS.length - 1)]!;
      return timedGet("staff_list", staffClients[i]!, `${path}${rand.int(1, 3) > 1 ? `?page=${rand.int(1, 5)}` : ""}`);
    };

    // Warm-up (a quarter of the run, at most 150 s): the anchor page, then the same mix, untallied.
    // A first run showed V8's heaps growing for about two minutes before they level off.
    const warmupSeconds = Math.min(150, Math.max(5, options.seconds / 4));
    log(`soak: warming up for ${warmupSeconds} s …`);
    const anchor: number[] = [];
    for (let k = 0; k < 50; k++) {
      const t0 = performance.now();
      await dealerClients[k % dealerClients.length]!.get("/account");
      anchor.push(performance.now() - t0);
    }
    await runFor(warmupSeconds, dealerClients.length, staffClients.length, dealerStep, staffStep, noAnswer);
    tallies.clear();
    firstErrors.length = 0;
    unanswered = 0;
    const rssWarm = { portal: rssOf(portal.pid), backoffice: rssOf(backoffice.pid) };

    log(`soak: ${dealerClients.length} dealers and ${staffClients.length} staff for ${options.seconds} s …`);
    const rssSamples: { t: number; portal: number | null; backoffice: number | null }[] = [];
    const started = performance.now();
    const sampler = setInterval(() => rssSamples.push({ t: round((performance.now() - started) / 1000, 0), portal: rssOf(portal.pid), backoffice: rssOf(backoffice.pid) }), 10_000);
    const seconds = await runFor(options.seconds, dealerClients.length, staffClients.length, dealerStep, staffStep, noAnswer);
    clearInterval(sampler);
    const rssEnd = { portal: rssOf(portal.pid), backoffice: rssOf(backoffice.pid) };
    const growth = (app: "portal" | "backoffice") => (rssWarm[app] && rssEnd[app] ? rssEnd[app]! / rssWarm[app]! - 1 : null);

    const all = [...tallies.values()];
    const latencies = all.flatMap((t) => t.latencies);
    const serverErrors = all.reduce((s, t) => s + t.server_errors, 0);
    const requests = all.reduce((s, t) => s + t.ok + t.server_errors + t.other_errors, 0);
    const ledger = await verifyStockLevels(db);
    const mb = (b: number | null) => (b === null ? null : round(b / 2 ** 20, 1));
    const growths = [growth("portal"), growth("backoffice")];
    return {
      load_average_after: round(loadavg()[0]!),
      seconds: round(seconds, 1),
      dealers: dealerClients.length,
      staff: staffClients.length,
      requests,
      requests_per_s: round(requests / seconds, 1),
      median_ms: round(median(latencies)),
      p95_ms: round(percentile(latencies, 95)),
      server_errors: serverErrors,
      unanswered,
      client_errors: all.reduce((s, t) => s + t.other_errors, 0),
      first_errors: firstErrors,
      by_kind: Object.fromEntries(
        [...tallies].map(([k, t]) => [k, { requests: t.ok + t.server_errors + t.other_errors, server_errors: t.server_errors, median_ms: round(median(t.latencies)), p95_ms: round(percentile(t.latencies, 95)) }]),
      ),
      anchor_account_page: { median_ms: round(median(anchor)), p95_ms: round(percentile(anchor, 95)) },
      rss_mb: { portal_after_warmup: mb(rssWarm.portal), portal_end: mb(rssEnd.portal), backoffice_after_warmup: mb(rssWarm.backoffice), backoffice_end: mb(rssEnd.backoffice) },
      rss_growth: { portal: growths[0] === null ? null : round(growths[0]!, 3), backoffice: growths[1] === null ? null : round(growths[1]!, 3) },
      rss_samples_mb: rssSamples.map((s) => ({ t: s.t, portal: mb(s.portal), backoffice: mb(s.backoffice) })),
      ledger_matches_levels: ledger.length === 0,
      aim: `no 5xx; RSS at the end within ${AIM_RSS_GROWTH * 100}% of after warm-up`,
      ok: serverErrors === 0 && unanswered === 0 && ledger.length === 0 && growths.every((g) => g !== null && g <= AIM_RSS_GROWTH),
    };
  } finally {
    for (const s of servers) await s.stop();
    await db.$client.end();
  }
}

/** Every dealer and staff client loops on its step until the deadline; returns the seconds it took. */
async function runFor(
  seconds: number,
  dealers: number,
  staff: number,
  dealerStep: (i: number, n: number) => Promise<void>,
  staffStep: (i: number, n: number) => Promise<void>,
  onFailure: (e: Error) => void,
) {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const loop = async (step: (i: number, n: number) => Promise<void>, i: number) => {
    for (let n = 0; performance.now() < deadline; n++) {
      try {
        await step(i, n);
      } catch (e) {
        // a refused or reset connection: the server did not answer at all, which counts as a failure
        onFailure(e as Error);
      }
    }
  };
  await Promise.all([...Array.from({ length: dealers }, (_, i) => loop(dealerStep, i)), ...Array.from({ length: staff }, (_, i) => loop(staffStep, i))]);
  return (performance.now() - started) / 1000;
}

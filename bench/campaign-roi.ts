import { loadavg } from "node:os";
import { sql } from "drizzle-orm";
import { createDatabase } from "@cs/db";
import { seedUuid } from "@cs/seed";
import { campaignRoiQuery, listCampaignRoi, loadActor, marketingChoices, type Ctx } from "@cs/domain";
import { capturingDatabase } from "./lib/capture";
import { CAMPAIGNS, ROI_QUARTER, seedCampaignRoi } from "./lib/campaign-seed";
import { seedChannelBench } from "./lib/channel-seed";
import { PortalClient } from "./lib/http-client";
import { startPortal } from "./lib/portal";
import { ensureStaffUser } from "./lib/staff";
import { overRounds, round, timedRounds } from "./lib/stats";

export const AIM_P95_MS = 200;
const WARMUP = 10;
const LOGIN = "manager@demo.cn";
const HTTP_LOGIN = "bench.channel@bench.cn";
const HTTP_PASSWORD = "Bench@2026-channel";

const timed = async (runs: number, fn: () => Promise<unknown>) => overRounds(await timedRounds(runs, fn, { warmup: WARMUP }));

/**
 * campaign_roi: on the channel bench data (5,000 partners, 2,000,000 invoice lines) with 500
 * campaigns of one quarter whose leads became 2,000 registrations and 10,000 invoiced orders
 * (bench/lib/campaign-seed.ts), the campaign ROI list — the quarter, sorted by ROI, first page of
 * 20, every row's leads, registrations, orders won, revenue, margin, cost and ROI computed — timed
 * over HTTP from the back-office's production build by a signed-in management session, beside its
 * loader's domain calls alone, with the EXPLAIN (ANALYZE, BUFFERS) of the list statement kept. The
 * anchor, in the same run and server: the back-office's anonymous sign-in page.
 */
export async function campaignRoiBench(url: string, options: { runs: number; log: (m: string) => void }) {
  const started = performance.now();
  const admin = createDatabase(url, { max: 2 });
  const capture = capturingDatabase(url, 4);
  try {
    const channel = await seedChannelBench(admin, options.log);
    const seed = await seedCampaignRoi(admin, options.log);
    const actor = await loadActor(admin, seedUuid(`user:${LOGIN}`));
    if (!actor) throw new Error(`${LOGIN} missing: the demo seed did not run`);
    const ctx: Ctx = { db: capture.db, actor };
    const query = campaignRoiQuery.parse({ quarter: ROI_QUARTER });
    const first = await listCampaignRoi(ctx, query);
    const loaderSamples = await timed(options.runs, () => Promise.all([listCampaignRoi(ctx, query), marketingChoices(ctx)]));
    await ensureStaffUser(admin, HTTP_LOGIN, HTTP_PASSWORD, "基准 渠道经理");
    const server = await startPortal(url, Number(process.env.BENCH_BACKOFFICE_PORT ?? 0), options.log, "backoffice");
    let http: ReturnType<typeof overRounds>;
    let anchor: ReturnType<typeof overRounds>;
    try {
      // the anchor, same run and server: the back-office's anonymous sign-in page
      const anonymous = new PortalClient(server.base);
      anchor = await timed(options.runs, async () => {
        const r = await anonymous.get("/login");
        if (r.status !== 200) throw new Error(`/login: ${r.status}`);
      });
      const client = new PortalClient(server.base);
      await client.signIn(HTTP_LOGIN, HTTP_PASSWORD);
      const path = `/marketing/campaigns/roi?quarter=${ROI_QUARTER}`;
      const probe = await client.get(path);
      if (probe.status !== 200 || !probe.body.includes(first.rows[0]?.number ?? "\u0000")) throw new Error(`campaign ROI page: ${probe.status} ${probe.location ?? probe.body.slice(0, 200)}`);
      http = await timed(options.runs, async () => {
        const r = await client.get(path);
        if (r.status !== 200) throw new Error(`campaign ROI page: ${r.status}`);
      });
    } finally {
      await server.stop();
    }
    const statements = await capture.record(() => listCampaignRoi(ctx, query));
    const plans = [];
    for (const s of statements) {
      const plan = await capture.explain(s);
      plans.push({ execution_ms: Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? Number.NaN), plan: plan.split("\n") });
    }
    const [counts] = await admin.execute<{ attributed_orders: number; attributed_lines: number }>(sql`
      select count(distinct o.id)::int as attributed_orders, count(l.id)::int as attributed_lines
        from orders o join invoices i on i.order_id = o.id join invoice_lines l on l.invoice_id = i.id where o.deal_registration_id is not null`);
    const p95 = http.p95_ms;
    return {
      load_average_after: round(loadavg()[0]!),
      partners: channel.partners,
      invoice_lines: channel.lines,
      campaigns: CAMPAIGNS,
      campaigns_in_quarter: first.total,
      attributed_orders: counts?.attributed_orders ?? 0,
      attributed_invoice_lines: counts?.attributed_lines ?? 0,
      seed_s: round(seed.milliseconds / 1000, 2),
      query: { quarter: ROI_QUARTER, sort: "roi desc", size: query.size, actor: LOGIN },
      top_row: first.rows[0] ? { number: first.rows[0].number, leads: first.rows[0].leads, orders_won: first.rows[0].ordersWon, roi_bp: first.rows[0].roiBp } : null,
      page: "GET /marketing/campaigns/roi (back-office production build, signed-in management session, server-rendered HTML)",
      runs: options.runs,
      median_ms: http.median_ms,
      p95_ms: p95,
      rounds: http,
      loader_function: "listCampaignRoi + marketingChoices (packages/domain/src/marketing), as the loader calls them",
      loader_median_ms: loaderSamples.median_ms,
      loader_p95_ms: loaderSamples.p95_ms,
      anchor_login_page: { median_ms: anchor.median_ms, p95_ms: anchor.p95_ms },
      ratio_p95_to_anchor: anchor.p95_ms > 0 ? round(p95 / anchor.p95_ms, 2) : null,
      seconds: round((performance.now() - started) / 1000, 1),
      aim_p95_ms: AIM_P95_MS,
      ok: p95 < AIM_P95_MS,
      statements: plans,
    };
  } finally {
    await capture.end();
    await admin.$client.end();
  }
}

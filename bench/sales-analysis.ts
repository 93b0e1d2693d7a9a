import { loadavg } from "node:os";
import { sql } from "drizzle-orm";
import { createDatabase } from "@cs/db";
import { seedUuid } from "@cs/seed";
import { loadActor, salesAnalysis, type Ctx } from "@cs/domain";
import { ensureStaffUser } from "./lib/staff";
import { PortalClient } from "./lib/http-client";
import { startPortal } from "./lib/portal";
import { CHANNEL_QUARTER_START, seedChannelBench } from "./lib/channel-seed";
import { overRounds, round, timedRounds } from "./lib/stats";

export const AIM_P95_MS = 300;
const WARMUP = 5;
const LOGIN = "manager@demo.cn";
const HTTP_LOGIN = "bench.analytics@bench.cn";
const HTTP_PASSWORD = "Bench@2026-analytics";

const timed = async (runs: number, fn: () => Promise<unknown>) => overRounds(await timedRounds(runs, fn, { warmup: WARMUP }));

/**
 * sales_analysis: on the channel bench data (5,000 partners, 2,000,000 invoice lines in one quarter;
 * bench/lib/channel-seed.ts), the sales analysis page by division for that quarter over HTTP from the
 * back-office's production build (a signed-in management session), beside its domain call alone and
 * the by-partner breakdown. The anchor, measured in the same run on the same rows: one bare
 * `sum(net_fen)` over the quarter's invoice lines — the least any direct query must read.
 */
export async function salesAnalysisBench(url: string, options: { runs: number; log: (m: string) => void }) {
  const admin = createDatabase(url, { max: 4 });
  try {
    const seed = await seedChannelBench(admin, options.log);
    await admin.execute(sql`analyze invoices`);
    await admin.execute(sql`analyze invoice_lines`);
    const actor = await loadActor(admin, seedUuid(`user:${LOGIN}`));
    if (!actor) throw new Error(`${LOGIN} missing: the demo seed did not run`);
    const ctx: Ctx = { db: admin, actor };
    const month = CHANNEL_QUARTER_START.slice(0, 7);
    const query = { dim: "division", grain: "quarter", from: month, to: month };
    const anchor = await timed(options.runs, () =>
      admin.execute(sql`select sum(il.net_fen) from invoices i join invoice_lines il on il.invoice_id = i.id
                         where i.issued_on >= ${CHANNEL_QUARTER_START}::date and i.issued_on < (${CHANNEL_QUARTER_START}::date + interval '3 months')`),
    );
    const byDivision = await timed(options.runs, () => salesAnalysis(ctx, query));
    const byPartner = await timed(options.runs, () => salesAnalysis(ctx, { ...query, dim: "partner" }));
    await ensureStaffUser(admin, HTTP_LOGIN, HTTP_PASSWORD, "基准 分析");
    const server = await startPortal(url, Number(process.env.BENCH_BACKOFFICE_PORT ?? 0), options.log, "backoffice");
    let http: ReturnType<typeof overRounds>;
    try {
      const client = new PortalClient(server.base);
      await client.signIn(HTTP_LOGIN, HTTP_PASSWORD);
      const path = `/analytics/sales?dim=division&grain=quarter&from=${month}&to=${month}`;
      const probe = await client.get(path);
      if (probe.status !== 200) throw new Error(`sales analysis page: ${probe.status} ${probe.location ?? probe.body.slice(0, 200)}`);
      http = await timed(options.runs, async () => {
        const r = await client.get(path);
        if (r.status !== 200) throw new Error(`sales analysis page: ${r.status}`);
      });
    } finally {
      await server.stop();
    }
    return {
      load_average_after: round(loadavg()[0]!),
      partners: seed.partners,
      invoice_lines: seed.lines,
      query: { ...query, actor: LOGIN },
      page: "GET /analytics/sales (back-office production build, signed-in management session, server-rendered HTML)",
      runs: options.runs,
      median_ms: http.median_ms,
      p95_ms: http.p95_ms,
      rounds: http,
      by_division_median_ms: byDivision.median_ms,
      by_division_p95_ms: byDivision.p95_ms,
      by_partner_median_ms: byPartner.median_ms,
      by_partner_p95_ms: byPartner.p95_ms,
      anchor: "bare sum(net_fen) over the quarter's invoice lines, same run",
      anchor_median_ms: anchor.median_ms,
      anchor_p95_ms: anchor.p95_ms,
      ratio_to_anchor: round(byDivision.median_ms / anchor.median_ms, 2),
      aim_p95_ms: AIM_P95_MS,
      ok: http.p95_ms < AIM_P95_MS,
    };
  } finally {
    await admin.$client.end();
  }
}

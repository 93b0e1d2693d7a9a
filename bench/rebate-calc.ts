import { loadavg } from "node:os";
import { eq, sql } from "drizzle-orm";
import { createDatabase, rebatePrograms, rebateRuns, type Database } from "@cs/db";
import { calculateProgramRows, claimRebateRun, processRebateRun, REBATE_RUN_CHUNK, rebuildPartnerMonthStats } from "@cs/domain";
import { seedChannelBench, CHANNEL_QUARTER_END, CHANNEL_QUARTER_START } from "./lib/channel-seed";
import { sampleWaits } from "./lib/diagnostics";
import { median, round } from "./lib/stats";

export const AIM_RATIO = 3;
const PROGRAM_CODE = "BENCH-RB-Q";

/** The bench program: the 5,000 bench partners, retroactive 80/100/120 % tiers, on-time multiplier, a cap. */
async function ensureProgram(db: Database, partnerIds: string[]) {
  const values = {
    code: PROGRAM_CODE,
    name: "基准测试季度返利",
    status: "active" as const,
    periodStart: CHANNEL_QUARTER_START,
    periodEnd: CHANNEL_QUARTER_END,
    basis: "invoiced" as const,
    method: "retroactive" as const,
    eligibleOrganizationIds: [...partnerIds].sort(),
    tiers: [
      { minCompletionBp: 8000, rateBp: 100 },
      { minCompletionBp: 10000, rateBp: 200 },
      { minCompletionBp: 12000, rateBp: 300 },
    ],
    multiplierTiers: [
      { minOnTimeBp: 0, multiplierBp: 9000 },
      { minOnTimeBp: 9000, multiplierBp: 11000 },
    ],
    capFen: 50_000_00n,
  };
  await db.insert(rebatePrograms).values(values).onConflictDoUpdate({ target: rebatePrograms.code, set: values });
  const [p] = await db.select().from(rebatePrograms).where(eq(rebatePrograms.code, PROGRAM_CODE));
  return p!;
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}

/**
 * rebate_calc: one program over 5,000 partners and 2,000,000 invoice lines in a quarter, run by the
 * worker's own function (processRebateRun: the set-based calculation, then 5,000 statements with
 * their explained lines in chunks with progress), against a bare per-partner sum over the same lines
 * in the same run. Each round starts from no statements, so every round writes all of them.
 */
export async function rebateCalcBench(url: string, options: { rounds: number; log: (m: string) => void }) {
  const db = createDatabase(url, { max: 4 });
  try {
    const seed = await seedChannelBench(db, options.log);
    const program = await ensureProgram(db, seed.partnerIds);
    // the on-time multiplier reads partner_month_stats; the bench seed writes documents in bulk, past its upserts
    const [monthStats] = await db.execute<{ n: number }>(sql`select count(*)::int as n from partner_month_stats where month between ${CHANNEL_QUARTER_START}::date and ${CHANNEL_QUARTER_END}::date and due_fen > 0`);
    if ((monthStats?.n ?? 0) === 0) {
      options.log("rebate_calc: rebuilding partner_month_stats for the bench quarter …");
      await rebuildPartnerMonthStats(db, { from: CHANNEL_QUARTER_START, to: CHANNEL_QUARTER_END });
    }
    const bare = () =>
      db.execute(sql`
        select i.organization_id, sum(l.gross_fen) from invoice_lines l join invoices i on i.id = l.invoice_id
         where i.issued_on between ${CHANNEL_QUARTER_START}::date and ${CHANNEL_QUARTER_END}::date group by 1`);
    await bare(); // warm the cache for both sides
    const bareMs: number[] = [];
    const calcMs: number[] = [];
    const runMs: number[] = [];
    const runSteps: { steps: string; waits: Record<string, number> }[] = [];
    let last = null as Awaited<ReturnType<typeof processRebateRun>> | null;
    for (let i = 0; i < options.rounds; i++) {
      await db.execute(sql`delete from rebate_statements where program_id = ${program.id}`);
      // outside the timing: each round writes into tables as autovacuum keeps them, not over the last round's dead rows
      await db.execute(sql`vacuum (analyze) rebate_statements, rebate_statement_lines`);
      bareMs.push((await timed(bare))[1]);
      calcMs.push((await timed(() => calculateProgramRows(db, program)))[1]);
      const [queued] = await db.insert(rebateRuns).values({ programId: program.id }).returning();
      const steps: string[] = [];
      const trace = (step: string, stepMs: number) => steps.push(`${step} ${Math.round(stepMs)}`);
      const waits = sampleWaits(url, 50, ["autovacuum worker"]);
      const [done, ms] = await timed(async () => processRebateRun(db, (await claimRebateRun(db, queued!.id))!, { trace }));
      const waited = await waits(8);
      runSteps.push({ steps: steps.join(", "), waits: waited });
      if (done.status !== "done") throw new Error(`bench run ${done.status}: ${done.error}`);
      runMs.push(ms);
      last = done;
      options.log(`rebate_calc round ${i + 1}: bare ${Math.round(bareMs[i]!)} ms, calculation ${Math.round(calcMs[i]!)} ms, full run ${Math.round(ms)} ms (${steps.join(", ")}; waits ${JSON.stringify(waited)})`);
    }
    const [stats] = await db.execute<{ statements: number; lines: number; earning: number; total: string }>(sql`
      select count(*)::int as statements, (select count(*)::int from rebate_statement_lines l join rebate_statements s on s.id = l.statement_id where s.program_id = ${program.id}) as lines,
             count(*) filter (where amount_fen > 0)::int as earning, sum(amount_fen)::text as total
        from rebate_statements where program_id = ${program.id}`);
    const bareMedian = median(bareMs);
    const runMedian = median(runMs);
    return {
      partners: seed.partners,
      invoice_lines: seed.lines,
      quarter: `${CHANNEL_QUARTER_START}..${CHANNEL_QUARTER_END}`,
      rounds: options.rounds,
      bare_sum_ms: round(bareMedian),
      calculation_query_ms: round(median(calcMs)),
      run_ms: round(runMedian),
      ratio: round(runMedian / bareMedian, 2),
      /** Each round's run / bare sum: the aim should hold in every round, not only in the median. */
      round_ratios: runMs.map((r, i) => round(r / bareMs[i]!, 2)),
      round_bare_ms: bareMs.map((v) => Math.round(v)),
      round_calculation_ms: calcMs.map((v) => Math.round(v)),
      round_run_ms: runMs.map((v) => Math.round(v)),
      chunk_size: REBATE_RUN_CHUNK,
      /** Inside each round's run: the calculation and each chunk's write (ms), and the server's wait events sampled every 50 ms. */
      round_run_steps: runSteps,
      load_average_after: round(loadavg()[0]!),
      aim_ratio: AIM_RATIO,
      ok: runMedian / bareMedian <= AIM_RATIO,
      statements: stats?.statements ?? 0,
      statement_lines: stats?.lines ?? 0,
      partners_earning: stats?.earning ?? 0,
      total_rebate_fen: stats?.total ?? "0",
      progress_reported: `${last?.progressDone}/${last?.progressTotal}`,
      seed_ms: seed.milliseconds,
    };
  } finally {
    await db.$client.end();
  }
}

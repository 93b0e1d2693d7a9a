import { sql } from "drizzle-orm";
import { ALL_DIVISIONS, type RebateTier } from "@cs/db";
import { authorize } from "../access/authorize";
import type { Ctx } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { shanghaiToday } from "../shared/dates";
import { completionBp, currentPeriod, periodKinds, periodRange, type PeriodKind } from "./periods";

export type ProgressRow = {
  periodKind: PeriodKind;
  periodStart: string;
  periodEnd: string;
  divisionId: string | null;
  divisionZh: string | null;
  divisionEn: string | null;
  netFen: bigint;
  targetFen: bigint;
  completionBp: number;
};

export type NextRebateTier = {
  programCode: string;
  programName: string;
  programNameEn: string | null;
  periodStart: string;
  periodEnd: string;
  completionBp: number;
  currentRateBp: number;
  nextRateBp: number;
  nextMinCompletionBp: number;
  remainingFen: bigint;
};

/**
 * The signed-in partner's own progress to its targets this month, quarter and year (all divisions
 * and per division), and, for each active rebate program that covers it today, what it still has to
 * buy to reach the program's next tier. Read-only; only the actor's organization.
 */
export async function myPerformance(ctx: Ctx, today = shanghaiToday()) {
  authorize(ctx.actor, "own_performance:read");
  const orgId = ctx.actor.kind === "partner" ? ctx.actor.organizationId : null;
  if (!orgId) throw new NotFoundError("organization");
  const periods = periodKinds.map((k) => periodRange(k, currentPeriod(k, today)));
  const progress: ProgressRow[] = [];
  for (const p of periods) {
    const rows = await ctx.db.execute<{ division_id: string | null; name_zh: string | null; name_en: string | null; target: string; net: string }>(sql`
      select t.division_id, d.name_zh, d.name_en, t.amount_fen::text as target,
             coalesce((select sum(s.purchases_fen - s.returns_fen) from partner_month_stats s
                        where s.organization_id = t.organization_id and s.month >= ${p.start}::date and s.month < ${p.end}::date
                          and s.division_id = coalesce(t.division_id, ${ALL_DIVISIONS}::uuid)), 0)::text as net
        from partner_targets t left join divisions d on d.id = t.division_id
       where t.organization_id = ${orgId} and t.period_kind = ${p.kind} and t.period_start = ${p.start}::date
       order by t.division_id nulls first, d.code`);
    for (const r of rows) {
      const net = BigInt(r.net);
      const target = BigInt(r.target);
      progress.push({ periodKind: p.kind, periodStart: p.start, periodEnd: p.end, divisionId: r.division_id, divisionZh: r.name_zh, divisionEn: r.name_en, netFen: net, targetFen: target, completionBp: completionBp(net, target) ?? 0 });
    }
  }
  return { progress, nextTiers: await nextRebateTiers(ctx, orgId, today) };
}

/** The months between two dates, as a period kind when it is a calendar month, quarter or year. */
function kindOfSpan(start: string, endInclusive: string): PeriodKind | null {
  for (const kind of periodKinds) {
    const r = periodRange(kind, start);
    const last = new Date(`${r.end}T00:00:00Z`);
    last.setUTCDate(last.getUTCDate() - 1);
    if (r.start === currentPeriod(kind, start) && last.toISOString().slice(0, 10) === endInclusive) return kind;
  }
  return null;
}

/** For each active rebate program covering the partner today, what it still has to buy to reach the next tier. */
export async function nextRebateTiers(ctx: Ctx, orgId: string, today: string): Promise<NextRebateTier[]> {
  const programs = await ctx.db.execute<{ code: string; name: string; name_en: string | null; period_start: string; period_end: string; division_id: string | null; tiers: RebateTier[] }>(sql`
    select p.code, p.name, p.name_en, p.period_start::text as period_start, p.period_end::text as period_end, p.division_id, p.tiers
      from rebate_programs p, organizations o
     where o.id = ${orgId} and p.status = 'active' and p.period_start <= ${today}::date and p.period_end >= ${today}::date
       and p.product_line_id is null
       and (cardinality(p.eligible_tiers) > 0 or cardinality(p.eligible_branch_ids) > 0 or cardinality(p.eligible_organization_ids) > 0)
       and (cardinality(p.eligible_tiers) = 0 or o.tier = any(p.eligible_tiers))
       and (cardinality(p.eligible_branch_ids) = 0 or o.owner_branch_id = any(p.eligible_branch_ids))
       and (cardinality(p.eligible_organization_ids) = 0 or o.id = any(p.eligible_organization_ids))
     order by p.period_end, p.code
     limit 10`);
  const out: NextRebateTier[] = [];
  for (const p of programs) {
    const kind = kindOfSpan(p.period_start, p.period_end);
    if (!kind) continue;
    const [row] = await ctx.db.execute<{ target: string | null; net: string }>(sql`
      select (select amount_fen::text from partner_targets where organization_id = ${orgId} and period_kind = ${kind}
                and period_start = ${p.period_start}::date and division_id is not distinct from ${p.division_id}::uuid) as target,
             coalesce((select sum(purchases_fen - returns_fen) from partner_month_stats where organization_id = ${orgId}
                and month >= ${p.period_start}::date and month <= ${p.period_end}::date
                and division_id = coalesce(${p.division_id}::uuid, ${ALL_DIVISIONS}::uuid)), 0)::text as net`);
    if (!row?.target) continue;
    const target = BigInt(row.target);
    const net = BigInt(row.net);
    const done = completionBp(net, target) ?? 0;
    const tiers = [...p.tiers].sort((a, b) => a.minCompletionBp - b.minCompletionBp);
    const current = tiers.filter((t) => t.minCompletionBp <= done).pop();
    const next = tiers.find((t) => t.minCompletionBp > done);
    if (!next) continue;
    // The purchases at which completion first reaches the tier: ceil(target × bp / 10000).
    const needed = (target * BigInt(next.minCompletionBp) + 9999n) / 10000n;
    out.push({
      programCode: p.code,
      programName: p.name,
      programNameEn: p.name_en,
      periodStart: p.period_start,
      periodEnd: p.period_end,
      completionBp: done,
      currentRateBp: current?.rateBp ?? 0,
      nextRateBp: next.rateBp,
      nextMinCompletionBp: next.minCompletionBp,
      remainingFen: needed - net,
    });
  }
  return out;
}

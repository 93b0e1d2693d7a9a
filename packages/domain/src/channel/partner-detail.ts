import { and, eq, sql } from "drizzle-orm";
import { ALL_DIVISIONS, organizations } from "@cs/db";
import { authorize } from "../access/authorize";
import type { Ctx } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { isUuid } from "../shared/parse";
import { addMonths, shanghaiToday } from "../shared/dates";
import { evaluationSql, toScorecardRow } from "./evaluation";
import { currentPeriod, periodKinds, type PeriodKind } from "./periods";
import { channelPartnerScope } from "./scope";

export type TrendPoint = { month: string; netFen: bigint; targetFen: bigint | null; onTimeBp: number | null };

/** Net purchases, the monthly all-divisions target and the on-time rate of the 12 months up to `today`'s. */
export async function monthlyTrend(ctx: Ctx, organizationId: string, today = shanghaiToday()): Promise<TrendPoint[]> {
  const last = currentPeriod("month", today);
  const first = addMonths(last, -11);
  const rows = await ctx.db.execute<{ month: string; net: string; target: string | null; due: string; on_time: string }>(sql`
    select m.month::date::text as month,
           coalesce(sum(s.purchases_fen - s.returns_fen), 0)::text as net,
           coalesce(sum(s.due_fen), 0)::text as due, coalesce(sum(s.paid_on_time_fen), 0)::text as on_time,
           (select t.amount_fen::text from partner_targets t where t.organization_id = ${organizationId} and t.period_kind = 'month'
             and t.period_start = m.month::date and t.division_id is null) as target
      from generate_series(${first}::date, ${last}::date, interval '1 month') as m(month)
      left join partner_month_stats s on s.organization_id = ${organizationId} and s.month = m.month::date and s.division_id = ${ALL_DIVISIONS}::uuid
     group by m.month order by m.month`);
  return rows.map((r) => {
    const due = BigInt(r.due);
    return { month: r.month, netFen: BigInt(r.net), targetFen: r.target === null ? null : BigInt(r.target), onTimeBp: due > 0n ? Number((BigInt(r.on_time) * 10000n) / due) : null };
  });
}

/** A partner's evaluation page: who it is, this month/quarter/year's figures and its 12-month trend. */
export async function getPartnerEvaluation(ctx: Ctx, id: string) {
  authorize(ctx.actor, "channel:read");
  if (!isUuid(id)) throw new NotFoundError("organization");
  const scope = channelPartnerScope(ctx.actor);
  const [partner] = await ctx.db
    .select({ id: organizations.id, code: organizations.code, name: organizations.name, kind: organizations.kind, tier: organizations.tier })
    .from(organizations)
    .where(and(eq(organizations.id, id), scope));
  if (!partner) throw new NotFoundError("organization");
  const periods = await Promise.all(
    periodKinds.map(async (kind: PeriodKind) => {
      const start = currentPeriod(kind);
      const [row] = await ctx.db.execute<Parameters<typeof toScorecardRow>[0]>(
        sql`select * from (${evaluationSql(scope, { periodKind: kind, periodStart: start }, sql`r.id = ${id}::uuid`)}) x`,
      );
      return { kind, start, row: row ? toScorecardRow(row) : null };
    }),
  );
  return { partner, periods, trend: await monthlyTrend(ctx, id) };
}

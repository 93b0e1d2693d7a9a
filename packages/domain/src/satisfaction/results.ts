import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { surveys } from "@cs/db";
import { authorize } from "../access/authorize";
import type { Ctx } from "../shared/context";
import { addDays, shanghaiDayEnd, shanghaiDayStart, shanghaiToday } from "../shared/dates";
import { ForbiddenError, ValidationError } from "../shared/errors";
import { mayAnswerSurveys, resultScope, surveyScope } from "./scope";

/** A partner's or customer's surveys in the portal, open ones first, with the order or repair number. */
export async function listMySurveys(ctx: Ctx, limit = 50) {
  if (!mayAnswerSurveys(ctx.actor)) throw new ForbiddenError("survey:answer");
  return ctx.db
    .select({
      id: surveys.id,
      kind: surveys.kind,
      period: surveys.period,
      expiresAt: surveys.expiresAt,
      score: surveys.score,
      comment: surveys.comment,
      answeredAt: surveys.answeredAt,
      number: sql<string>`coalesce((select r.number from repair_requests r where r.id = ${surveys.repairRequestId}),
        (select o.number from orders o where o.id = ${surveys.orderId}), ${surveys.period})`,
      open: sql<boolean>`${surveys.answeredAt} is null and ${surveys.expiresAt} > now()`,
    })
    .from(surveys)
    .where(surveyScope(ctx.actor))
    .orderBy(sql`${surveys.answeredAt} is null and ${surveys.expiresAt} > now() desc`, desc(surveys.createdAt))
    .limit(limit);
}

export const satisfactionQuery = z.object({
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
});

/** One group's figures: CSAT (delivery and repair, 1–5) and NPS (0–10) side by side. */
export type SatisfactionRow = {
  key: string | null;
  name: string | null;
  nameEn: string | null;
  sent: number;
  answered: number;
  csatAnswers: number;
  /** Mean CSAT score, two decimals. */
  csatAverage: number | null;
  /** Share of CSAT answers at 4 or 5. */
  csatSatisfied: number | null;
  npsAnswers: number;
  /** Promoters (9–10) minus detractors (0–6), in percentage points of the NPS answers. */
  nps: number | null;
};

type Sql = { dim: string; key: string | null; sent: number; answered: number; csat_n: number; csat_avg: string | null; satisfied: number; nps_n: number; promoters: number; detractors: number; name: string | null; name_en: string | null };

type Dim = "all" | "kind" | "branch" | "station" | "line" | "owner";

function toRow(r: Sql): SatisfactionRow {
  return {
    key: r.key,
    name: r.name,
    nameEn: r.name_en,
    sent: r.sent,
    answered: r.answered,
    csatAnswers: r.csat_n,
    csatAverage: r.csat_avg === null ? null : Math.round(Number(r.csat_avg) * 100) / 100,
    csatSatisfied: r.csat_n ? Math.round((r.satisfied / r.csat_n) * 1000) / 1000 : null,
    npsAnswers: r.nps_n,
    nps: r.nps_n ? Math.round(((r.promoters - r.detractors) / r.nps_n) * 1000) / 10 : null,
  };
}

const figures = sql`count(*)::int as sent, count(score)::int as answered,
  count(score) filter (where kind <> 'nps')::int as csat_n, avg(score) filter (where kind <> 'nps') as csat_avg,
  count(*) filter (where kind <> 'nps' and score >= 4)::int as satisfied,
  count(score) filter (where kind = 'nps')::int as nps_n,
  count(*) filter (where kind = 'nps' and score >= 9)::int as promoters,
  count(*) filter (where kind = 'nps' and score <= 6)::int as detractors`;

/**
 * Survey results over surveys opened in [from, to] (China days; default the last 12 months):
 * overall, by kind, branch, station, product line and account owner in one GROUPING SETS
 * statement, and the monthly trend of what was answered in a second; within the actor's branches
 * and divisions (resultScope).
 */
export async function satisfactionResults(ctx: Ctx, raw: unknown, now = new Date()) {
  authorize(ctx.actor, "satisfaction:read");
  const q = satisfactionQuery.parse(raw ?? {});
  const to = q.to ?? shanghaiToday(now);
  const from = q.from ?? addDays(to, -364);
  if (from > to) throw new ValidationError({ from: ["billing.validation.periodOrder"] });
  const where = and(resultScope(ctx.actor), sql`${surveys.createdAt} >= ${shanghaiDayStart(from)} and ${surveys.createdAt} < ${shanghaiDayEnd(to)}`);
  const [groups, trend] = await Promise.all([
    ctx.db.execute<Sql>(sql`
      with base as (select kind, branch_id, station_id, product_line_id, owner_id, score from surveys where ${where}),
      g as (
        select case when grouping(kind) = 0 then 'kind' when grouping(branch_id) = 0 then 'branch' when grouping(station_id) = 0 then 'station'
                    when grouping(product_line_id) = 0 then 'line' when grouping(owner_id) = 0 then 'owner' else 'all' end as dim,
               coalesce(case when grouping(kind) = 0 then kind::text end, case when grouping(branch_id) = 0 then branch_id::text end,
                        case when grouping(station_id) = 0 then station_id::text end, case when grouping(product_line_id) = 0 then product_line_id::text end,
                        case when grouping(owner_id) = 0 then owner_id::text end) as key,
               ${figures}
          from base group by grouping sets ((kind), (branch_id), (station_id), (product_line_id), (owner_id), ())
      )
      select g.*, coalesce(o.name, pl.name_zh, u.display_name) as name, coalesce(o.name, pl.name_en, u.display_name) as name_en
        from g
        left join organizations o on g.dim in ('branch', 'station') and o.id::text = g.key
        left join product_lines pl on g.dim = 'line' and pl.id::text = g.key
        left join users u on g.dim = 'owner' and u.id::text = g.key
       order by g.dim, g.answered desc, g.key`),
    ctx.db.execute<Sql & { month: string }>(sql`
      select to_char(answered_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month, 'month' as dim, null as key, null as name, null as name_en, ${figures}
        from surveys where ${where} and answered_at is not null
       group by 1 order by 1`),
  ]);
  const rows = [...groups].map((r) => ({ dim: r.dim, row: toRow(r) }));
  const of = (dim: Dim) => rows.filter((r) => r.dim === dim).map((r) => r.row);
  return {
    period: { from, to },
    overall: of("all")[0] ?? null,
    byKind: of("kind"),
    byBranch: of("branch"),
    byStation: of("station"),
    byLine: of("line"),
    byOwner: of("owner"),
    trend: [...trend].map((r) => ({ month: r.month, ...toRow(r) })),
  };
}

/** A partner's latest answers for its 360 page: mean CSAT and its last NPS score. */
export async function satisfactionOf(ctx: Ctx, organizationId: string) {
  const [row] = await ctx.db
    .select({
      csatAverage: sql<string | null>`avg(${surveys.score}) filter (where ${surveys.kind} <> 'nps')`,
      csatAnswers: sql<number>`count(${surveys.score}) filter (where ${surveys.kind} <> 'nps')::int`,
      lastNps: sql<number | null>`(array_agg(${surveys.score} order by ${surveys.answeredAt} desc) filter (where ${surveys.kind} = 'nps' and ${surveys.score} is not null))[1]`,
    })
    .from(surveys)
    .where(and(resultScope(ctx.actor), eq(surveys.organizationId, organizationId)));
  return { csatAverage: row?.csatAverage == null ? null : Math.round(Number(row.csatAverage) * 100) / 100, csatAnswers: row?.csatAnswers ?? 0, lastNps: row?.lastNps ?? null };
}

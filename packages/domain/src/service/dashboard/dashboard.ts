import { sql } from "drizzle-orm";
import { z } from "zod";
import { authorize } from "../../access/authorize";
import type { Ctx } from "../../shared/context";
import { ValidationError } from "../../shared/errors";
import { addDays, shanghaiToday } from "../../shared/dates";
import { shanghaiDayEnd, shanghaiDayStart } from "../../shared/dates";

/** A repeat request for the same device within this many days means the first repair did not fix it. */
export const FIRST_TIME_FIX_DAYS = 30;

export const dashboardQuery = z.object({
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
});

export type RequestMetrics = {
  key: string | null;
  nameZh: string | null;
  nameEn: string | null;
  requests: number;
  resolved: number;
  /** Mean hours from filing to repair done, over resolved requests. */
  turnaroundHours: number | null;
  turnaroundMedianHours: number | null;
  /** Resolved requests that were not followed by another request for the same device within 30 days. */
  firstTimeFixRate: number | null;
  /** Resolved within the resolution deadline / resolved. */
  slaResolutionRate: number | null;
  /** Accepted within the response deadline / accepted. */
  slaResponseRate: number | null;
  openOverdue: number;
  ratingAverage: number | null;
  ratings: number;
};

export type CostRow = { key: string | null; nameZh: string | null; nameEn: string | null; labourFen: bigint; partsFen: bigint; totalFen: bigint; claims: number };

type MetricsSql = {
  dim: "all" | "station" | "division";
  key: string | null;
  name_zh: string | null;
  name_en: string | null;
  requests: number;
  resolved: number;
  turnaround_hours: number | null;
  turnaround_median_hours: number | null;
  first_time_fixed: number;
  resolved_in_sla: number;
  responded: number;
  responded_in_sla: number;
  open_overdue: number;
  rating_average: number | null;
  ratings: number;
};

type CostSql = { dim: "all" | "line" | "station" | "division"; key: string | null; name_zh: string | null; name_en: string | null; labour_fen: string; parts_fen: string; claims: number };

const rate = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 1000) / 1000 : null);
const round1 = (v: number | string | null) => (v === null ? null : Math.round(Number(v) * 10) / 10);

function toMetrics(r: MetricsSql): RequestMetrics {
  return {
    key: r.key,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    requests: r.requests,
    resolved: r.resolved,
    turnaroundHours: round1(r.turnaround_hours),
    turnaroundMedianHours: round1(r.turnaround_median_hours),
    firstTimeFixRate: rate(r.first_time_fixed, r.resolved),
    slaResolutionRate: rate(r.resolved_in_sla, r.resolved),
    slaResponseRate: rate(r.responded_in_sla, r.responded),
    openOverdue: r.open_overdue,
    ratingAverage: r.rating_average === null ? null : Math.round(Number(r.rating_average) * 100) / 100,
    ratings: r.ratings,
  };
}

function toCost(r: CostSql): CostRow {
  const labourFen = BigInt(r.labour_fen);
  const partsFen = BigInt(r.parts_fen);
  return { key: r.key, nameZh: r.name_zh, nameEn: r.name_en, labourFen, partsFen, totalFen: labourFen + partsFen, claims: r.claims };
}

/**
 * The service dashboard over requests filed in [from, to] (Asia/Shanghai days; default the last 90
 * days): turnaround, first-time-fix, SLA compliance and satisfaction overall, by station and by
 * division — one GROUPING SETS statement — and warranty cost (approved station claims decided in the
 * period, labour and parts) by product line, station and division — a second one. Set-based SQL, no
 * per-row work in JavaScript.
 */
export async function serviceDashboard(ctx: Ctx, raw: unknown, now = new Date()) {
  authorize(ctx.actor, "service:read");
  const q = dashboardQuery.parse(raw ?? {});
  const today = shanghaiToday(now);
  const to = q.to ?? today;
  const from = q.from ?? addDays(to, -89);
  if (from > to) throw new ValidationError({ from: ["billing.validation.periodOrder"] });
  const start = shanghaiDayStart(from);
  const end = shanghaiDayEnd(to);

  const [metrics, costs] = await Promise.all([
    ctx.db.execute<MetricsSql>(sql`
      with base as (
        select r.station_id, r.division_id, r.created_at, r.resolved_at, r.resolution_due_at, r.responded_at, r.response_due_at,
               sv.score as rating, r.status, r.sla_due_at,
               extract(epoch from (r.resolved_at - r.created_at)) / 3600.0 as hours,
               r.resolved_at is not null and not exists (
                 select 1 from repair_requests again
                  where again.product_id = r.product_id and again.serial = r.serial and again.id <> r.id
                    and again.created_at > r.resolved_at and again.created_at <= r.resolved_at + make_interval(days => ${FIRST_TIME_FIX_DAYS})
               ) as fixed_first_time
          from repair_requests r
          -- satisfaction: the repair survey's CSAT (docs/decisions/038)
          left join surveys sv on sv.kind = 'repair' and sv.subject_id = r.id
         where r.created_at >= ${start} and r.created_at < ${end}
      ), grouped as (
        select case when grouping(station_id) = 0 then 'station' when grouping(division_id) = 0 then 'division' else 'all' end as dim,
               coalesce(case when grouping(station_id) = 0 then station_id::text end, case when grouping(division_id) = 0 then division_id::text end) as key,
               count(*)::int as requests,
               count(resolved_at)::int as resolved,
               avg(hours) as turnaround_hours,
               percentile_cont(0.5) within group (order by hours) as turnaround_median_hours,
               count(*) filter (where fixed_first_time)::int as first_time_fixed,
               count(*) filter (where resolved_at <= resolution_due_at)::int as resolved_in_sla,
               count(responded_at)::int as responded,
               count(*) filter (where responded_at <= response_due_at)::int as responded_in_sla,
               count(*) filter (where status not in ('returned', 'closed', 'cancelled') and sla_due_at < now())::int as open_overdue,
               avg(rating) as rating_average,
               count(rating)::int as ratings
          from base
         group by grouping sets ((station_id), (division_id), ())
      )
      select g.*, coalesce(o.name, d.name_zh) as name_zh, coalesce(o.name, d.name_en) as name_en
        from grouped g
        left join organizations o on g.dim = 'station' and o.id::text = g.key
        left join divisions d on g.dim = 'division' and d.id::text = g.key
       order by g.dim, g.requests desc, g.key`),
    ctx.db.execute<CostSql>(sql`
      with claim as (
        select c.id, c.station_id, r.division_id, p.product_line_id, c.approved_fen,
               coalesce(sum(l.amount_fen) filter (where l.kind = 'labour'), 0) as labour_claimed,
               coalesce(sum(l.amount_fen), 0) as claimed
          from station_claims c
          join repair_requests r on r.id = c.request_id
          join products p on p.id = r.product_id
          left join station_claim_lines l on l.claim_id = c.id
         where c.status in ('approved', 'adjusted') and c.decided_at >= ${start} and c.decided_at < ${end}
         group by c.id, r.division_id, p.product_line_id
      ), split as (
        -- the approved amount split between labour and parts in the proportion claimed, to the fen
        select *, case when claimed > 0 then round(approved_fen::numeric * labour_claimed / claimed)::bigint else 0 end as labour_fen
          from claim
      )
      , grouped as (
        select case when grouping(product_line_id) = 0 then 'line' when grouping(station_id) = 0 then 'station' when grouping(division_id) = 0 then 'division' else 'all' end as dim,
               coalesce(case when grouping(product_line_id) = 0 then product_line_id::text end,
                        case when grouping(station_id) = 0 then station_id::text end,
                        case when grouping(division_id) = 0 then division_id::text end) as key,
               coalesce(sum(labour_fen), 0) as labour_fen,
               coalesce(sum(approved_fen - labour_fen), 0) as parts_fen,
               count(*)::int as claims
          from split
         group by grouping sets ((product_line_id), (station_id), (division_id), ())
      )
      select g.dim, g.key, g.labour_fen::text as labour_fen, g.parts_fen::text as parts_fen, g.claims,
             coalesce(pl.name_zh, o.name, d.name_zh) as name_zh, coalesce(pl.name_en, o.name, d.name_en) as name_en
        from grouped g
        left join product_lines pl on g.dim = 'line' and pl.id::text = g.key
        left join organizations o on g.dim = 'station' and o.id::text = g.key
        left join divisions d on g.dim = 'division' and d.id::text = g.key
       order by g.dim, g.labour_fen + g.parts_fen desc, g.key`),
  ]);
  const m = [...metrics].map((r) => ({ dim: r.dim, row: toMetrics(r) }));
  const c = [...costs].map((r) => ({ dim: r.dim, row: toCost(r) }));
  const empty: CostRow = { key: null, nameZh: null, nameEn: null, labourFen: 0n, partsFen: 0n, totalFen: 0n, claims: 0 };
  return {
    period: { from, to },
    overall: m.find((x) => x.dim === "all")?.row ?? null,
    byStation: m.filter((x) => x.dim === "station").map((x) => x.row),
    byDivision: m.filter((x) => x.dim === "division").map((x) => x.row),
    cost: {
      total: c.find((x) => x.dim === "all")?.row ?? empty,
      byLine: c.filter((x) => x.dim === "line").map((x) => x.row),
      byStation: c.filter((x) => x.dim === "station").map((x) => x.row),
      byDivision: c.filter((x) => x.dim === "division").map((x) => x.row),
    },
  };
}

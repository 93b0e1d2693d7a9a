import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { ALL_DIVISIONS, partnerTiers, type PartnerTier } from "@cs/db";
import { authorize } from "../access/authorize";
import type { Ctx } from "../shared/context";
import { listQuerySchema, likePattern, type Page } from "../shared/list-query";
import { currentPeriod, isPeriodStart, periodKinds, periodRange, type PeriodKind } from "./periods";
import { channelPartnerScope } from "./scope";

const sortKeys = ["code", "name", "net", "payments", "onTime", "confirmation", "target", "completion", "tierRank", "branchRank"] as const;
const uuidOrNone = z.string().uuid().optional().catch(undefined);

/** The scorecard's URL: a period, filters, paging and sort (a bad value falls back, never fails). */
export const scorecardQuery = listQuerySchema(sortKeys, "tierRank")
  .extend({
    periodKind: z.enum(periodKinds).catch("quarter"),
    periodStart: z.string().optional().catch(undefined),
    branchId: uuidOrNone,
    divisionId: uuidOrNone,
    tier: z.enum(partnerTiers).optional().catch(undefined),
  })
  .transform((q) => ({
    ...q,
    periodStart: q.periodStart && isPeriodStart(q.periodKind, q.periodStart) ? q.periodStart : currentPeriod(q.periodKind),
  }));
export type ScorecardQuery = z.output<typeof scorecardQuery>;

export type ScorecardRow = {
  id: string;
  code: string;
  name: string;
  kind: string;
  tier: PartnerTier | null;
  branchId: string | null;
  branchName: string | null;
  netFen: bigint;
  purchasesFen: bigint;
  returnsFen: bigint;
  paymentsFen: bigint;
  dueFen: bigint;
  paidOnTimeFen: bigint;
  /** Paid on time ÷ due in basis points; null when nothing fell due. */
  onTimeBp: number | null;
  /** Monthly statements of the period's months issued, and confirmed by the partner (对账确认). */
  statements: number;
  statementsConfirmed: number;
  /** Confirmed ÷ issued in basis points; null when none was issued. */
  confirmationBp: number | null;
  targetFen: bigint | null;
  /** Net purchases ÷ target in basis points (floored); null without a target. */
  completionBp: number | null;
  /** null: no net purchases in the period, so no rank. */
  tierRank: number | null;
  tierSize: number;
  branchRank: number | null;
  branchSize: number;
};

const orderBy: Record<(typeof sortKeys)[number], string> = {
  code: "code",
  name: "name",
  net: "net_fen",
  payments: "payments_fen",
  onTime: "on_time_bp",
  confirmation: "confirmation_bp",
  target: "target_fen",
  completion: "completion_bp",
  tierRank: "tier_rank",
  branchRank: "branch_rank",
};

/**
 * Evaluation of every channel partner in scope over one period, from partner_month_stats: net
 * purchases (optionally of one division), payments, on-time rate, target, completion and ranks by
 * net purchases within the tier and within the branch (window functions over all partners in
 * scope, before the branch/tier/search filters). `only` narrows to given partners without
 * changing ranks.
 */
export function evaluationSql(
  scope: SQL,
  p: { periodKind: PeriodKind; periodStart: string; divisionId?: string | undefined },
  filter: SQL = sql`true`,
) {
  const range = periodRange(p.periodKind, p.periodStart);
  const division = p.divisionId ?? null;
  // Without a division the ALL_DIVISIONS row holds every figure: one row per partner and month.
  const divisionMatch = division ? sql`s.division_id = ${division}::uuid` : sql`s.division_id = ${ALL_DIVISIONS}::uuid`;
  const rowsRead = division ? sql`s.division_id in (${division}::uuid, ${ALL_DIVISIONS}::uuid)` : sql`s.division_id = ${ALL_DIVISIONS}::uuid`;
  return sql`
    with st as (
      select s.organization_id,
             coalesce(sum(s.purchases_fen) filter (where ${divisionMatch}), 0)::bigint as purchases_fen,
             coalesce(sum(s.returns_fen) filter (where ${divisionMatch}), 0)::bigint as returns_fen,
             coalesce(sum(s.payments_fen) filter (where s.division_id = ${ALL_DIVISIONS}::uuid), 0)::bigint as payments_fen,
             coalesce(sum(s.due_fen) filter (where s.division_id = ${ALL_DIVISIONS}::uuid), 0)::bigint as due_fen,
             coalesce(sum(s.paid_on_time_fen) filter (where s.division_id = ${ALL_DIVISIONS}::uuid), 0)::bigint as paid_on_time_fen
        from partner_month_stats s
       where s.month >= ${range.start}::date and s.month < ${range.end}::date and ${rowsRead}
       group by s.organization_id
    ), sc as (
      select a.organization_id, count(*)::int as statements, (count(*) filter (where a.status = 'confirmed'))::int as confirmed
        from account_statements a
       where a.month >= ${range.start}::date and a.month < ${range.end}::date
       group by a.organization_id
    ), base as (
      -- narrow rows for the window sorts: every partner in scope takes part in the ranks
      select organizations.id, organizations.tier, organizations.owner_branch_id,
             coalesce(st.purchases_fen, 0) - coalesce(st.returns_fen, 0) as net_fen
        from organizations left join st on st.organization_id = organizations.id
       where ${scope}
    ), ranked as (
      select id, net_fen,
             -- a partner that bought nothing (net ≤ 0) is not ranked: it would otherwise tie for 1st
             case when net_fen > 0 then rank() over (partition by tier order by net_fen desc)::int end as tier_rank,
             count(*) over (partition by tier)::int as tier_size,
             case when net_fen > 0 then rank() over (partition by owner_branch_id order by net_fen desc)::int end as branch_rank,
             count(*) over (partition by owner_branch_id)::int as branch_size
        from base
    )
    select r.id, r.code, r.name, r.kind, r.tier, r.owner_branch_id, coalesce(b.short_name, b.name) as branch_name,
           coalesce(st.purchases_fen, 0) as purchases_fen, coalesce(st.returns_fen, 0) as returns_fen, x.net_fen,
           coalesce(st.payments_fen, 0) as payments_fen, coalesce(st.due_fen, 0) as due_fen, coalesce(st.paid_on_time_fen, 0) as paid_on_time_fen,
           t.amount_fen as target_fen,
           coalesce(sc.statements, 0) as statements, coalesce(sc.confirmed, 0) as statements_confirmed,
           case when sc.statements > 0 then floor(sc.confirmed * 10000.0 / sc.statements)::int end as confirmation_bp,
           case when st.due_fen > 0 then floor(st.paid_on_time_fen * 10000.0 / st.due_fen)::int end as on_time_bp,
           case when t.amount_fen > 0 then floor(x.net_fen * 10000.0 / t.amount_fen)::int end as completion_bp,
           x.tier_rank, x.tier_size, x.branch_rank, x.branch_size
      from ranked x
      join organizations r on r.id = x.id
      left join st on st.organization_id = x.id
      left join sc on sc.organization_id = x.id
      left join partner_targets t on t.organization_id = x.id and t.period_kind = ${p.periodKind} and t.period_start = ${range.start}::date
           and coalesce(t.division_id, '00000000-0000-0000-0000-000000000000'::uuid) = coalesce(${division}::uuid, '00000000-0000-0000-0000-000000000000'::uuid)
      left join organizations b on b.id = r.owner_branch_id
     where ${filter}`;
}

type RawRow = {
  id: string;
  code: string;
  name: string;
  kind: string;
  tier: PartnerTier | null;
  owner_branch_id: string | null;
  branch_name: string | null;
  purchases_fen: bigint;
  returns_fen: bigint;
  net_fen: bigint;
  payments_fen: bigint;
  due_fen: bigint;
  paid_on_time_fen: bigint;
  target_fen: bigint | null;
  on_time_bp: number | null;
  statements: number;
  statements_confirmed: number;
  confirmation_bp: number | null;
  completion_bp: number | null;
  tier_rank: number | null;
  tier_size: number;
  branch_rank: number | null;
  branch_size: number;
  total?: number;
};

export function toScorecardRow(r: RawRow): ScorecardRow {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    tier: r.tier,
    branchId: r.owner_branch_id,
    branchName: r.branch_name,
    netFen: BigInt(r.net_fen),
    purchasesFen: BigInt(r.purchases_fen),
    returnsFen: BigInt(r.returns_fen),
    paymentsFen: BigInt(r.payments_fen),
    dueFen: BigInt(r.due_fen),
    paidOnTimeFen: BigInt(r.paid_on_time_fen),
    onTimeBp: r.on_time_bp,
    statements: r.statements,
    statementsConfirmed: r.statements_confirmed,
    confirmationBp: r.confirmation_bp,
    targetFen: r.target_fen === null ? null : BigInt(r.target_fen),
    completionBp: r.completion_bp,
    tierRank: r.tier_rank,
    tierSize: r.tier_size,
    branchRank: r.branch_rank,
    branchSize: r.branch_size,
  };
}

/** One page of the scorecard, filtered, sorted and paged in SQL. */
export async function partnerScorecard(ctx: Ctx, query: ScorecardQuery): Promise<Page<ScorecardRow> & { period: ReturnType<typeof periodRange> }> {
  authorize(ctx.actor, "channel:read");
  const filters: SQL[] = [sql`true`];
  if (query.branchId) filters.push(sql`r.owner_branch_id = ${query.branchId}::uuid`);
  if (query.tier) filters.push(sql`r.tier = ${query.tier}`);
  if (query.q) filters.push(sql`(r.code ilike ${likePattern(query.q)} or r.name ilike ${likePattern(query.q)})`);
  const where = sql.join(filters, sql` and `);
  const dir = sql.raw(query.dir === "desc" ? "desc" : "asc");
  const rows = await ctx.db.execute<RawRow>(sql`
    select *, count(*) over ()::int as total from (${evaluationSql(channelPartnerScope(ctx.actor), query, where)}) x
    order by ${sql.raw(orderBy[query.sort])} ${dir} nulls last, code asc
    limit ${query.size} offset ${(query.page - 1) * query.size}`);
  const total = rows[0]?.total ?? (query.page > 1 ? await countOnly(ctx, query, where) : 0);
  return { rows: rows.map(toScorecardRow), total, page: query.page, size: query.size, period: periodRange(query.periodKind, query.periodStart) };
}

async function countOnly(ctx: Ctx, query: ScorecardQuery, where: SQL) {
  const [row] = await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from (${evaluationSql(channelPartnerScope(ctx.actor), query, where)}) x`);
  return row?.n ?? 0;
}

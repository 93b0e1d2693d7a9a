import { sql, type SQL } from "drizzle-orm";
import { ALL_DIVISIONS, type DatabaseOrTransaction, type RebateProgram } from "@cs/db";
import { calendarPeriodKind } from "./programs-schema";

/** Partner kinds a program can pay; the distributor's own units and repair stations never earn rebates. */
export const REBATE_PARTNER_KINDS = "'master_distributor','agent','dealer','key_account'";

/**
 * One row per eligible partner with everything a statement needs, computed set-based in one
 * statement (the same rules as calculateRebate in calculate.ts, proven equal by the golden tests):
 * the basis (invoiced lines net of credit notes, or payments received), the target, the on-time
 * figures, completion, the tier reached, the slices, multiplier and cap.
 */
export type RebateCalcRow = {
  organization_id: string;
  owner_branch_id: string | null;
  basis_fen: string;
  target_fen: string | null;
  due_fen: string;
  paid_on_time_fen: string;
  completion_bp: number | null;
  on_time_bp: number | null;
  tier_index: number | null;
  rate_bp: number;
  slices: { tierIndex: number; fromFen: string; toFen: string | null; basisFen: string; rateBp: number; amountFen: string }[];
  tiered_fen: string;
  multiplier_bp: number;
  calculated_fen: string;
  cap_applied: boolean;
  capped_fen: string;
};

const uuidArray = (ids: readonly string[]) => `{${ids.join(",")}}`;

function eligibleSql(p: RebateProgram, only: readonly string[] | null): SQL {
  const parts: SQL[] = [sql.raw(`o.kind in (${REBATE_PARTNER_KINDS})`)];
  if (p.eligibleTiers.length) parts.push(sql`o.tier::text = any(${`{${p.eligibleTiers.join(",")}}`}::text[])`);
  if (p.eligibleBranchIds.length) parts.push(sql`o.owner_branch_id = any(${uuidArray(p.eligibleBranchIds)}::uuid[])`);
  // a list joins as a set (hash), not `= any(array)`, which compares each row against every element
  if (p.eligibleOrganizationIds.length) parts.push(sql`o.id in (select unnest(${uuidArray(p.eligibleOrganizationIds)}::uuid[]))`);
  if (only) parts.push(sql`o.id in (select unnest(${uuidArray(only)}::uuid[]))`);
  return sql`select o.id, o.owner_branch_id from organizations o where ${sql.join(parts, sql` and `)}`;
}

/**
 * Whose purchases count for whom: each eligible partner for itself, and with include_subtree for
 * every descendant over the half-open dates [f, t) it sat below it (organization_parents intersected
 * along the path), so a partner moved mid-period counts for its old parent before and its new one after.
 */
function attributionSql(p: RebateProgram): SQL {
  if (!p.includeSubtree) return sql`select id as org, id as buyer, '-infinity'::date as f, 'infinity'::date as t from elig`;
  return sql`
    select id as org, id as buyer, '-infinity'::date as f, 'infinity'::date as t from elig
    union all
    select c.anc, c.child, c.f, c.t from closure c where c.anc in (select id from elig)`;
}

function closureSql(p: RebateProgram): SQL {
  if (!p.includeSubtree) return sql``;
  return sql`
    edges as (
      select organization_id as child, parent_id as parent, valid_from as f, coalesce(valid_to, 'infinity'::date) as t
        from organization_parents
       where parent_id is not null and valid_from <= ${p.periodEnd}::date and coalesce(valid_to, 'infinity'::date) > ${p.periodStart}::date),
    closure(child, anc, f, t) as (
      select child, parent, f, t from edges
      union all
      select c.child, e.parent, greatest(c.f, e.f), least(c.t, e.t)
        from closure c join edges e on e.child = c.anc and greatest(c.f, e.f) < least(c.t, e.t)),`;
}

function basisSql(p: RebateProgram, only: readonly string[] | null): SQL {
  const period = (col: string) => sql`${sql.raw(col)} between ${p.periodStart}::date and ${p.periodEnd}::date`;
  const dated = (col: string) => (p.includeSubtree ? sql` and ${sql.raw(col)} >= a.f and ${sql.raw(col)} < a.t` : sql``);
  if (p.basis === "collected") {
    return sql`
      select a.org, sum(y.amount_fen) as fen
        from payments y join attrib a on a.buyer = y.organization_id${dated("y.received_on")}
       where ${period("y.received_on")} and y.method not in ('rebate', 'coupon')
       group by a.org`;
  }
  const filtered = p.divisionId || p.productLineId;
  const productJoin = filtered ? sql` join products pr on pr.id = l.product_id join product_lines pl on pl.id = pr.product_line_id` : sql``;
  const productWhere = sql`${p.divisionId ? sql` and pl.division_id = ${p.divisionId}` : sql``}${p.productLineId ? sql` and pr.product_line_id = ${p.productLineId}` : sql``}`;
  // A return counts against the period of the invoice it returns (whenever it is credited), so a
  // draft re-run picks it up and a frozen statement gets an adjustment instead: never counted twice.
  const docs = sql`
      (select i.id, i.organization_id as buyer, i.issued_on as on_date, 1 as sign
         from invoices i
        where i.kind = 'invoice' and ${period("i.issued_on")}
       union all
       select c.id, c.organization_id, o.issued_on, -1
         from invoices c join invoices o on o.id = c.original_invoice_id
        where c.kind = 'credit_note' and c.issued_on >= ${p.periodStart}::date and ${period("o.issued_on")}) d`;
  // Without the sub-tree a partner's basis is its own documents: invoices and returns are summed
  // apart (the invoices' sum is the bare per-partner sum plus a semi-join on the eligible partners,
  // written out rather than the CTE so parallel workers may run it) and added per partner.
  if (!p.includeSubtree) {
    const eligible = sql`(select id from (${eligibleSql(p, only)}) e)`;
    return sql`
      select org, sum(fen) as fen from (
        select i.organization_id as org, sum(l.gross_fen) as fen
          from invoice_lines l join invoices i on i.id = l.invoice_id${productJoin}
         where i.kind = 'invoice' and ${period("i.issued_on")} and i.organization_id in ${eligible}${productWhere}
         group by i.organization_id
        union all
        select c.organization_id, -sum(l.gross_fen)
          from invoices c
          cross join lateral (select o.issued_on from invoices o where o.id = c.original_invoice_id limit 1) o
          join invoice_lines l on l.invoice_id = c.id${productJoin}
         where c.kind = 'credit_note' and c.issued_on >= ${p.periodStart}::date and ${period("o.issued_on")}
           and c.organization_id in ${eligible}${productWhere}
         group by c.organization_id) u
       group by org`;
  }
  return sql`
    select a.org, sum(d.sign * l.gross_fen) as fen
      from ${docs}
      join attrib a on a.buyer = d.buyer${dated("d.on_date")}
      join invoice_lines l on l.invoice_id = d.id${productJoin}
     where true${productWhere}
     group by a.org`;
}

/**
 * Amount-weighted on-time rate: of what fell due in the period, what payments or credit notes
 * settled by the due date. Read from partner_month_stats (its all-divisions rows keep exactly that,
 * by due month, in the same transaction as each invoice, payment and allocation), so a program's
 * multiplier and the scorecard's on-time rate are one figure, and the run reads 3 rows per partner
 * instead of every allocation.
 */
function dueSql(p: RebateProgram): SQL {
  if (!p.multiplierTiers?.length) return sql`select null::uuid as org, 0::bigint as due_fen, 0::bigint as paid_fen where false`;
  return sql`
    select s.organization_id as org, sum(s.due_fen) as due_fen, sum(s.paid_on_time_fen) as paid_fen
      from partner_month_stats s
     where s.division_id = ${ALL_DIVISIONS}::uuid and s.month between ${p.periodStart}::date and ${p.periodEnd}::date
       and s.organization_id in (select id from elig)
     group by s.organization_id`;
}

function valuesSql(rows: readonly (readonly number[])[], columns: string): SQL {
  const tuples = rows.map((r) => sql`(${sql.join(r.map((n) => sql`${n}::int`), sql`, `)})`);
  return sql`(values ${sql.join(tuples, sql`, `)}) as ${sql.raw(columns)}`;
}

export function rebateCalcSql(p: RebateProgram, only: readonly string[] | null = null): SQL {
  const kind = calendarPeriodKind(p.periodStart, p.periodEnd);
  if (!kind) throw new Error(`program ${p.code} does not cover a calendar period`);
  const tiers = valuesSql(p.tiers.map((t, i) => [i, t.minCompletionBp, t.rateBp]), "tr(idx, min_bp, rate_bp)");
  const mult = p.multiplierTiers?.length ? valuesSql(p.multiplierTiers.map((m) => [m.minOnTimeBp, m.multiplierBp]), "mt(min_bp, mult_bp)") : valuesSql([[0, 10000]], "mt(min_bp, mult_bp)");
  const cap = p.capFen === null ? sql`null::bigint` : sql`${p.capFen.toString()}::bigint`;
  const retro = p.method === "retroactive";
  return sql`
    with recursive elig as materialized (${eligibleSql(p, only)}),
    ${closureSql(p)}
    attrib as (${attributionSql(p)}),
    basis as (${basisSql(p, only)}),
    due as (${dueSql(p)}),
    tgt as (
      select t.organization_id as org, t.amount_fen
        from partner_targets t
       where t.period_kind = ${kind} and t.period_start = ${p.periodStart}::date
         and ${p.divisionId ? sql`t.division_id = ${p.divisionId}` : sql`t.division_id is null`}
         and t.organization_id in (select id from elig)),
    r0 as (
      select e.id as org, e.owner_branch_id, coalesce(b.fen, 0)::bigint as basis, t.amount_fen as target,
             coalesce(d.due_fen, 0)::bigint as due, coalesce(d.paid_fen, 0)::bigint as paid
        from elig e left join basis b on b.org = e.id left join tgt t on t.org = e.id left join due d on d.org = e.id),
    r1 as (
      select r0.*,
             case when target is null then null when basis <= 0 then 0 else least(basis * 10000 / target, 100000000)::int end as completion,
             case when due > 0 then (least(greatest(paid, 0), due) * 10000 / due)::int end as on_time
        from r0),
    r2 as (
      select r1.*, (select max(idx) from ${tiers} where tr.min_bp <= r1.completion) as reached,
             coalesce((select mt.mult_bp from ${mult} where r1.on_time is not null and mt.min_bp <= r1.on_time order by mt.min_bp desc limit 1), 10000) as mult
        from r1),
    sl as (
      select r2.org, tr.idx, tr.rate_bp,
             ${retro ? sql`0::bigint` : sql`(tr.min_bp::bigint * r2.target + 9999) / 10000`} as from_fen,
             ${retro ? sql`null::bigint` : sql`case when tr.idx < r2.reached then (lead(tr.min_bp) over (partition by r2.org order by tr.idx)::bigint * r2.target + 9999) / 10000 end`} as to_fen,
             greatest(r2.basis, 0) as earning, r2.reached
        from r2 join ${tiers} on ${retro ? sql`tr.idx = r2.reached` : sql`tr.idx <= r2.reached`}),
    sl2 as (
      select org, idx, rate_bp, from_fen, to_fen,
             ${retro ? sql`earning` : sql`greatest(least(earning, coalesce(to_fen, earning)) - from_fen, 0)`} as slice
        from sl),
    agg as (
      select org, sum((slice * rate_bp * 2 + 10000) / 20000) as tiered,
             jsonb_agg(jsonb_build_object('tierIndex', idx, 'fromFen', from_fen::text, 'toFen', to_fen::text, 'basisFen', slice::text,
                                          'rateBp', rate_bp, 'amountFen', ((slice * rate_bp * 2 + 10000) / 20000)::text) order by idx) as slices
        from sl2 group by org),
    r3 as (
      select r2.*, coalesce(agg.tiered, 0)::bigint as tiered, coalesce(agg.slices, '[]'::jsonb) as slices,
             case when r2.reached is null then 10000 else r2.mult end as mult_eff
        from r2 left join agg on agg.org = r2.org),
    r4 as (select r3.*, (tiered * mult_eff * 2 + 10000) / 20000 as calculated from r3)
    select org as organization_id, owner_branch_id, basis::text as basis_fen, target::text as target_fen, due::text as due_fen,
           paid::text as paid_on_time_fen, completion as completion_bp, on_time as on_time_bp, reached as tier_index,
           coalesce((select rate_bp from ${tiers} where tr.idx = r4.reached), 0) as rate_bp, slices, tiered::text as tiered_fen,
           mult_eff as multiplier_bp, calculated::text as calculated_fen,
           coalesce(calculated > ${cap}, false) as cap_applied, least(calculated, coalesce(${cap}, calculated))::text as capped_fen
      from r4
     order by org`;
}

/**
 * In its own transaction (a savepoint inside one) so the settings end with it: a bigger work_mem keeps
 * the aggregates in memory, and no JIT: compiling this plan costs seconds and saves less than that.
 * Always a custom plan: the client runs every query as a named prepared statement, and from its 6th
 * execution on a connection PostgreSQL may switch to a generic plan that does not know the period or
 * the eligible partners; that plan read 537,000 pages instead of 15,000 (2 s → 9 s on the bench).
 */
export async function calculateProgramRows(db: DatabaseOrTransaction, program: RebateProgram, only: readonly string[] | null = null): Promise<RebateCalcRow[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local work_mem = '128MB'`);
    await tx.execute(sql`set local jit = off`);
    await tx.execute(sql`set local plan_cache_mode = force_custom_plan`);
    const rows = await tx.execute<RebateCalcRow>(rebateCalcSql(program, only));
    return [...rows];
  });
}

import { sql, type SQL } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@cs/db";

/**
 * The channel parent of `org` as it was on `at`, from the half-open periods of
 * organization_parents (null: directly under the distributor), for a point lookup. Roll-ups over
 * many documents use ancestorPeriods below (the same rule for all dates at once), so a report uses
 * the tree of each document's date, not today's.
 */
export function parentAt(org: SQL, at: SQL): SQL {
  return sql`(select op.parent_id from organization_parents op
     where op.organization_id = ${org} and op.valid_from <= ${at} and (op.valid_to is null or op.valid_to > ${at})
     order by op.valid_from desc limit 1)`;
}

/**
 * Every (organization, ancestor, [from, to)) the history allows: the parent chain of parentAt walked
 * up the tree with the periods intersected at each step, so "ancestor on date d" is a range test
 * (the same answer as applying parentAt repeatedly on d, for all dates at once).
 */
export function ancestorPeriods(): SQL {
  return sql`
    with recursive anc as (
      select organization_id as org, parent_id as ancestor, valid_from as f, coalesce(valid_to, 'infinity'::date) as t
        from organization_parents where parent_id is not null
      union all
      select anc.org, p.parent_id, greatest(anc.f, p.valid_from), least(anc.t, coalesce(p.valid_to, 'infinity'::date))
        from anc join organization_parents p on p.organization_id = anc.ancestor and p.parent_id is not null
             and p.valid_from < anc.t and coalesce(p.valid_to, 'infinity'::date) > anc.f
    ) select org, ancestor, f, t from anc`;
}

export type Rollup = { ownFen: bigint; subtreeFen: bigint };

/**
 * Net invoiced purchases (invoices − credit notes, tax-inclusive) in [from, to) per organization,
 * its own and its sub-tree's, each document counted for every ancestor its buyer had on the
 * document's date. A buyer whose ancestors stayed the same over the whole range is summed once and
 * credited to them; only buyers whose chain changed inside the range are summed per day and
 * range-joined to the ancestor periods.
 */
export async function subtreePurchases(db: DatabaseOrTransaction, range: { from: string; to: string }, only?: readonly string[]) {
  const onlyIds = only ? `{${only.join(",")}}` : null;
  const from = sql`${range.from}::date`;
  const to = sql`${range.to}::date`;
  const rows = await db.execute<{ node: string; own: string; subtree: string }>(sql`
    with anc as (
      select * from (${ancestorPeriods()}) a where a.f < ${to} and a.t > ${from}
    ), moved as (
      select distinct org from anc where f > ${from} or t < ${to}
    ), docs as (
      select organization_id as org, case when organization_id in (select org from moved) then issued_on end as d,
             sum(case when kind = 'invoice' then total_fen else -total_fen end)::bigint as fen
        from invoices where issued_on >= ${from} and issued_on < ${to}
       group by 1, 2
    ), credited as (
      select org as node, fen, true as own from docs
      union all
      select anc.ancestor, docs.fen, false from docs join anc on anc.org = docs.org and (docs.d is null or (docs.d >= anc.f and docs.d < anc.t))
    )
    select node, coalesce(sum(fen) filter (where own), 0)::text as own, sum(fen)::text as subtree
      from credited ${onlyIds ? sql`where node = any(${onlyIds}::uuid[])` : sql``}
     group by node`);
  return new Map<string, Rollup>(rows.map((r) => [r.node, { ownFen: BigInt(r.own), subtreeFen: BigInt(r.subtree) }]));
}

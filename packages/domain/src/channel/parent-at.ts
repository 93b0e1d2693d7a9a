import { sql, type SQL } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@cs/db";

/**
 * The channel parent of `org` as it was on `at`, from the half-open periods of
 * organization_parents (null: directly under the distributor). Every roll-up by the tree goes
 * through this (or parentAtJoin) so a report uses the tree of each document's date, not today's.
 */
export function parentAt(org: SQL, at: SQL): SQL {
  return sql`(select op.parent_id from organization_parents op
     where op.organization_id = ${org} and op.valid_from <= ${at} and (op.valid_to is null or op.valid_to > ${at})
     order by op.valid_from desc limit 1)`;
}

/** The same as a join (for recursive walks): `alias.parent_id` is the parent of `org` on `at`. */
export function parentAtJoin(alias: string, org: SQL, at: SQL): SQL {
  const a = sql.raw(alias);
  return sql`join organization_parents ${a} on ${a}.organization_id = ${org} and ${a}.valid_from <= ${at} and (${a}.valid_to is null or ${a}.valid_to > ${at})`;
}

export type Rollup = { ownFen: bigint; subtreeFen: bigint };

/**
 * Net invoiced purchases (invoices − credit notes, tax-inclusive) in [from, to) per organization,
 * its own and its sub-tree's, each document counted for every ancestor its buyer had on the
 * document's date.
 */
export async function subtreePurchases(db: DatabaseOrTransaction, range: { from: string; to: string }, only?: readonly string[]) {
  const rows = await db.execute<{ node: string; own: string; subtree: string }>(sql`
    with recursive docs as (
      select organization_id as org, issued_on as d, sum(case when kind = 'invoice' then total_fen else -total_fen end)::bigint as fen
        from invoices where issued_on >= ${range.from}::date and issued_on < ${range.to}::date
       group by 1, 2
    ), up as (
      select org as node, org as src, d, fen from docs
      union all
      select op.parent_id, up.src, up.d, up.fen from up ${parentAtJoin("op", sql`up.node`, sql`up.d`)} where op.parent_id is not null
    )
    select node, coalesce(sum(fen) filter (where node = src), 0)::text as own, sum(fen)::text as subtree
      from up ${only ? sql`where node = any(${`{${only.join(",")}}`}::uuid[])` : sql``}
     group by node`);
  return new Map<string, Rollup>(rows.map((r) => [r.node, { ownFen: BigInt(r.own), subtreeFen: BigInt(r.subtree) }]));
}

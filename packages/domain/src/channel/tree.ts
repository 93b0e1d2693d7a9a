import { sql } from "drizzle-orm";
import { z } from "zod";
import { partnerTiers, type OrganizationKind, type PartnerTier } from "@cs/db";
import { authorize } from "../access/authorize";
import type { Ctx } from "../shared/context";
import { currentPeriod, isPeriodStart, periodKinds, periodRange } from "./periods";
import { subtreePurchases } from "./parent-at";
import { channelPartnerScope } from "./scope";

export const channelTreeQuery = z
  .object({
    periodKind: z.enum(periodKinds).catch("quarter"),
    periodStart: z.string().optional().catch(undefined),
    branchId: z.string().uuid().optional().catch(undefined),
    tier: z.enum(partnerTiers).optional().catch(undefined),
    /** Expanded nodes, comma-separated ids (the page works without JS: toggles are links). */
    open: z
      .string()
      .optional()
      .catch(undefined)
      .transform((v) => (v ?? "").split(",").filter((id) => z.string().uuid().safeParse(id).success).slice(0, 200)),
  })
  .transform((q) => ({ ...q, periodStart: q.periodStart && isPeriodStart(q.periodKind, q.periodStart) ? q.periodStart : currentPeriod(q.periodKind) }));
export type ChannelTreeQuery = z.output<typeof channelTreeQuery>;

export type ChannelNode = {
  id: string;
  code: string;
  name: string;
  kind: OrganizationKind;
  tier: PartnerTier | null;
  parentId: string | null;
  branchName: string | null;
  depth: number;
  childCount: number;
  descendantCount: number;
  ownFen: bigint;
  subtreeFen: bigint;
};

/**
 * The channel tree as it stands today, shown from the top (partners directly under the
 * distributor, or whose parent the filters hide) down through the expanded nodes, with each node's
 * descendant count and the period's net purchases, its own and its sub-tree's as the tree was on
 * each document's date.
 */
export async function channelTree(ctx: Ctx, query: ChannelTreeQuery) {
  authorize(ctx.actor, "channel:read");
  const period = periodRange(query.periodKind, query.periodStart);
  const filters = [channelPartnerScope(ctx.actor)];
  if (query.branchId) filters.push(sql`owner_branch_id = ${query.branchId}::uuid`);
  if (query.tier) filters.push(sql`tier = ${query.tier}`);
  const open = `{${query.open.join(",")}}`;
  // master distributors first, then agents, dealers and key accounts, each by code
  const kindRank = sql`(case v.kind when 'master_distributor' then '1' when 'agent' then '2' when 'dealer' then '3' else '4' end)`;
  const rows = await ctx.db.execute<{
    id: string; code: string; name: string; kind: OrganizationKind; tier: PartnerTier | null; parent_id: string | null;
    branch_name: string | null; depth: number; child_count: number; descendant_count: number;
  }>(sql`
    with recursive visible as (
      select id, code, name, kind, tier, parent_id, owner_branch_id from organizations where ${sql.join(filters, sql` and `)}
    ), shown as (
      select v.*, 0 as depth, array[${kindRank} || v.code] as path from visible v where v.parent_id is null or v.parent_id not in (select id from visible)
      union all
      select v.*, s.depth + 1, s.path || (${kindRank} || v.code) from visible v join shown s on v.parent_id = s.id where s.id = any(${open}::uuid[])
    ), down as (
      select s.id as node, o.id from shown s join organizations o on o.parent_id = s.id
      union all
      select down.node, o.id from down join organizations o on o.parent_id = down.id
    ), counts as (
      select node, count(*)::int as n from down group by node
    )
    select s.id, s.code, s.name, s.kind, s.tier, s.parent_id, coalesce(b.short_name, b.name) as branch_name, s.depth,
           (select count(*) from organizations c where c.parent_id = s.id)::int as child_count,
           coalesce(counts.n, 0) as descendant_count
      from shown s left join organizations b on b.id = s.owner_branch_id left join counts on counts.node = s.id
     order by s.path
     limit 2000`);
  const sums = await subtreePurchases(ctx.db, { from: period.start, to: period.end }, rows.map((r) => r.id));
  const nodes: ChannelNode[] = rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    tier: r.tier,
    parentId: r.parent_id,
    branchName: r.branch_name,
    depth: r.depth,
    childCount: r.child_count,
    descendantCount: r.descendant_count,
    ownFen: sums.get(r.id)?.ownFen ?? 0n,
    subtreeFen: sums.get(r.id)?.subtreeFen ?? 0n,
  }));
  return { nodes, period, open: query.open };
}

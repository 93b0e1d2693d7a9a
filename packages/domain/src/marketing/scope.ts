import { inArray, sql, type SQL } from "drizzle-orm";
import { budgetPools, campaigns } from "@cs/db";
import type { Actor } from "../access/actor";

const nothing = sql`false`;

function byBranch(actor: Actor, column: typeof budgetPools.branchId | typeof campaigns.branchId): SQL {
  if (actor.kind !== "staff" || !actor.permissions.has("marketing:read")) return nothing;
  if (actor.branchIds === "all") return sql`true`;
  if (actor.branchIds.length === 0) return nothing;
  return inArray(column, actor.branchIds);
}

/** Budget pools: staff with marketing:read in the pool's branch (or all branches); never partners. */
export function budgetPoolScope(actor: Actor): SQL {
  return byBranch(actor, budgetPools.branchId);
}

/** Campaigns: like their pools, by branch. */
export function campaignScope(actor: Actor): SQL {
  return byBranch(actor, campaigns.branchId);
}

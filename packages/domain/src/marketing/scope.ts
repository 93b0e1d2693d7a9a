import { and, inArray, sql, type SQL } from "drizzle-orm";
import { budgetPools, campaigns } from "@cs/db";
import type { Actor } from "../access/actor";
import { columnInDivisions } from "../access/divisions";

const nothing = sql`false`;

function byBranch(actor: Actor, table: typeof budgetPools | typeof campaigns): SQL {
  if (actor.kind !== "staff" || !actor.permissions.has("marketing:read")) return nothing;
  const divisions = columnInDivisions(actor, table.divisionId);
  if (actor.branchIds === "all") return divisions ?? sql`true`;
  if (actor.branchIds.length === 0) return nothing;
  return and(inArray(table.branchId, actor.branchIds), divisions)!;
}

/**
 * Budget pools: staff with marketing:read in the pool's branch (or all branches) and, when limited
 * to divisions, of their divisions; never partners.
 */
export function budgetPoolScope(actor: Actor): SQL {
  return byBranch(actor, budgetPools);
}

/** Campaigns: like their pools, by branch and division. */
export function campaignScope(actor: Actor): SQL {
  return byBranch(actor, campaigns);
}

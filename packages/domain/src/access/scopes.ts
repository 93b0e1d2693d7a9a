import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { organizations } from "@cs/db";
import type { Actor } from "./actor";
import { can } from "./authorize";

const nothing = sql`false`;

/**
 * What organizations this actor may see. Staff: their branches (or all when a role grants it);
 * partners: their own organization; customers: none.
 */
export function organizationScope(actor: Actor): SQL {
  switch (actor.kind) {
    case "staff":
      if (!can(actor, "organization:read")) return nothing;
      if (actor.branchIds === "all") return sql`true`;
      if (actor.branchIds.length === 0) return nothing;
      return inArray(organizations.ownerBranchId, actor.branchIds);
    case "partner":
      if (!actor.organizationId || !can(actor, "own_organization:read")) return nothing;
      return eq(organizations.id, actor.organizationId);
    case "customer":
      return nothing;
  }
}

/** Staff may create or move records only inside branches they work in. */
export function canUseBranch(actor: Actor, branchId: string | null | undefined) {
  if (actor.kind !== "staff") return false;
  if (actor.branchIds === "all") return true;
  return !!branchId && actor.branchIds.includes(branchId);
}

export function scoped(actor: Actor, ...conditions: (SQL | undefined)[]) {
  return and(organizationScope(actor), ...conditions);
}

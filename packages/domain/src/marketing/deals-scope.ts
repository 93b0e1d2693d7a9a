import { eq, inArray, sql, type SQL } from "drizzle-orm";
import { dealRegistrations } from "@cs/db";
import type { Actor } from "../access/actor";

const nothing = sql`false`;

/**
 * Deal registrations (报备): staff with deal:read by the partner's owner branch (or all branches); a
 * partner (own_deal:register) only its own organization's — the RLS policies on the deal tables say
 * the same for the portal's connections.
 */
export function dealScope(actor: Actor): SQL {
  if (actor.kind === "staff") {
    if (!actor.permissions.has("deal:read")) return nothing;
    if (actor.branchIds === "all") return sql`true`;
    if (actor.branchIds.length === 0) return nothing;
    return inArray(dealRegistrations.ownerBranchId, actor.branchIds);
  }
  if (actor.kind === "partner" && actor.organizationId && actor.permissions.has("own_deal:register")) return eq(dealRegistrations.organizationId, actor.organizationId);
  return nothing;
}

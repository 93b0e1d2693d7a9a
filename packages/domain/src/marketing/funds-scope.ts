import { eq, inArray, sql, type SQL } from "drizzle-orm";
import { fundApplications, fundClaims } from "@cs/db";
import type { Actor } from "../access/actor";

const nothing = sql`false`;

/**
 * Co-marketing fund applications and their claims: staff with marketing:read by the partner's owner
 * branch; a partner (own_marketing:apply) only its own organization's — the RLS policies on these
 * tables say the same for the portal's connections.
 */
export function fundScope(actor: Actor, table: typeof fundApplications | typeof fundClaims = fundApplications): SQL {
  if (actor.kind === "staff") {
    if (!actor.permissions.has("marketing:read")) return nothing;
    if (actor.branchIds === "all") return sql`true`;
    if (actor.branchIds.length === 0) return nothing;
    return inArray(table.ownerBranchId, actor.branchIds);
  }
  if (actor.kind === "partner" && actor.organizationId && actor.permissions.has("own_marketing:apply")) return eq(table.organizationId, actor.organizationId);
  return nothing;
}

import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { fundApplications, fundClaims } from "@cs/db";
import type { Actor } from "../access/actor";
import { organizationInDivisions } from "../access/divisions";

const nothing = sql`false`;

/**
 * Co-marketing fund applications and their claims: staff with marketing:read by the partner's owner
 * branch (and, when limited to divisions, a partner of their divisions); a partner (own_marketing:apply) only its own organization's — the RLS policies on these
 * tables say the same for the portal's connections.
 */
export function fundScope(actor: Actor, table: typeof fundApplications | typeof fundClaims = fundApplications): SQL {
  if (actor.kind === "staff") {
    if (!actor.permissions.has("marketing:read")) return nothing;
    const divisions = organizationInDivisions(actor, table.organizationId);
    if (actor.branchIds === "all") return divisions ?? sql`true`;
    if (actor.branchIds.length === 0) return nothing;
    return and(inArray(table.ownerBranchId, actor.branchIds), divisions)!;
  }
  if (actor.kind === "partner" && actor.organizationId && actor.permissions.has("own_marketing:apply")) return eq(table.organizationId, actor.organizationId);
  return nothing;
}

import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { dealRegistrations } from "@cs/db";
import type { Actor } from "../access/actor";
import { limitedDivisions } from "../access/divisions";

const nothing = sql`false`;

/**
 * Deal registrations (报备): staff with deal:read by the partner's owner branch (or all branches) and,
 * when limited to divisions, of a product line of their divisions; a
 * partner (own_deal:register) only its own organization's — the RLS policies on the deal tables say
 * the same for the portal's connections.
 */
export function dealScope(actor: Actor): SQL {
  if (actor.kind === "staff") {
    if (!actor.permissions.has("deal:read")) return nothing;
    const divisions = dealInDivisions(actor);
    if (actor.branchIds === "all") return divisions ?? sql`true`;
    if (actor.branchIds.length === 0) return nothing;
    return and(inArray(dealRegistrations.ownerBranchId, actor.branchIds), divisions)!;
  }
  if (actor.kind === "partner" && actor.organizationId && actor.permissions.has("own_deal:register")) return eq(dealRegistrations.organizationId, actor.organizationId);
  return nothing;
}

/** A deal registration is of the division of the product line it protects. */
function dealInDivisions(actor: Actor): SQL | undefined {
  const ids = limitedDivisions(actor);
  if (!ids) return undefined;
  return sql`exists (select 1 from product_lines dpl where dpl.id = ${dealRegistrations.productLineId}
    and dpl.division_id = any(${`{${ids.join(",")}}`}::uuid[]))`;
}

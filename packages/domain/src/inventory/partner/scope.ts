import { and, eq, inArray, isNull, or, type AnyColumn, type SQL } from "drizzle-orm";
import { stockLocations, type LocationKind } from "@cs/db";
import type { Actor } from "../../access/actor";
import { authorize } from "../../access/authorize";
import { ForbiddenError } from "../../shared/errors";

/** Location kinds a partner holds as its own stock positions (PV-… and PC-…). */
export const partnerStockKinds = ["partner_virtual", "partner_consignment"] as const satisfies readonly LocationKind[];

/**
 * The one organization whose stock this actor may see. Only partners have "my stock": a staff
 * admin holds every permission, but its organization is our company, so it is refused here rather
 * than shown the company's own warehouses as if they were partner stock.
 */
export function partnerOrgOf(actor: Actor): string {
  authorize(actor, "own_stock:read");
  if (actor.kind !== "partner" || !actor.organizationId) throw new ForbiddenError("own_stock:read");
  return actor.organizationId;
}

/** The columns these conditions need, so they work on stock_locations and on its aliases alike. */
export type LocationColumns = { organizationId: AnyColumn; kind: AnyColumn };

/** A location the partner holds itself: its virtual or consignment location. */
export function ownLocation(orgId: string, loc: LocationColumns = stockLocations): SQL {
  return and(eq(loc.organizationId, orgId), inArray(loc.kind, [...partnerStockKinds]))!;
}

/**
 * A location the partner may see the name of: its own, or one of ours (no organization). Goods it
 * owns can only be shown where they sit if that place is not another partner's location.
 */
export function nameableLocation(orgId: string, loc: LocationColumns = stockLocations): SQL {
  return or(isNull(loc.organizationId), eq(loc.organizationId, orgId))!;
}

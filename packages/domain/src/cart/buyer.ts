import { and, eq, type SQL } from "drizzle-orm";
import { cartItems, organizations, type DatabaseOrTransaction } from "@cs/db";
import { authorize } from "../access/authorize";
import {
  availability,
  availabilityBand,
  warehousesServing,
} from "../inventory/availability";
import {
  exactAvailabilityKinds,
  type PartnerAvailability,
} from "../inventory/partner/availability";
import type { Ctx } from "../shared/context";
import { ForbiddenError } from "../shared/errors";
import { hasKey } from "../shared/keys";

/** Carts and templates belong to a partner user ordering for its own organization. */
export function requireBuyer(ctx: Ctx): {
  userId: string;
  organizationId: string;
} {
  authorize(ctx.actor, "own_order:place");
  if (ctx.actor.kind !== "partner" || !ctx.actor.organizationId)
    throw new ForbiddenError("own_order:place");
  return { userId: ctx.actor.userId, organizationId: ctx.actor.organizationId };
}

/** The buyer's own cart rows: one user's lines for one organization (a user may order for no other). */
export function buyerCart(buyer: { userId: string; organizationId: string }): SQL {
  return and(eq(cartItems.userId, buyer.userId), eq(cartItems.organizationId, buyer.organizationId))!;
}

export type BuyerStock = {
  /** Raw available units per product; for comparisons only, never shown to banded partners. */
  available: Map<string, number>;
  /** What the partner is shown, by the inventory area's display policy. */
  show: (available: number) => PartnerAvailability;
};

/** Available stock for the buyer's serving warehouses, without the catalogue's 200-product cap. */
export async function buyerStock(
  db: DatabaseOrTransaction,
  organizationId: string,
  productIds: string[],
): Promise<BuyerStock> {
  const [org] = await db
    .select({
      kind: organizations.kind,
      ownerBranchId: organizations.ownerBranchId,
    })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  const warehouses = org ? await warehousesServing(db, org.ownerBranchId) : [];
  const exact = !!org && exactAvailabilityKinds.includes(org.kind);
  return {
    available: await availability(db, productIds, warehouses),
    show: (n) => (exact ? { exact: n } : { band: availabilityBand(n) }),
  };
}

export function sameAvailability(
  a: PartnerAvailability,
  b: PartnerAvailability,
): boolean {
  return hasKey(a, "exact")
    ? hasKey(b, "exact") && a.exact === b.exact
    : hasKey(b, "band") && a.band === b.band;
}

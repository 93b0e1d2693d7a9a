import { eq } from "drizzle-orm";
import { organizations, type OrganizationKind } from "@cs/db";
import { authorize } from "../../access/authorize";
import type { Ctx } from "../../shared/context";
import { ValidationError } from "../../shared/errors";
import { isUuid } from "../../shared/parse";
import { availability, availabilityBand, warehousesServing, type AvailabilityBand } from "../availability";

export type PartnerAvailability = { exact: number } | { band: AvailabilityBand };

/**
 * The display policy. The schema has no per-organization setting yet, so it is decided by kind:
 * key accounts and master distributors plan large purchases against real numbers and see them
 * exactly; every other partner sees a band (有货 / 紧张 / 无货, threshold of availabilityBand()),
 * which tells them enough to order without publishing our exact stock to the whole channel.
 */
export const exactAvailabilityKinds: readonly OrganizationKind[] = ["key_account", "master_distributor"];

/** One catalogue page at most, with room for a 200-line order. */
const MAX_PRODUCTS = 200;

/**
 * What a partner may know about our stock of these products: available = on hand − reserved of the
 * distributor's own stock (goods other partners bought but we hold never count) in the warehouses
 * that serve the partner's owner branch. Staff are answered with nothing: they see real levels in
 * the back-office, and the portal shows this column to partners only.
 */
export async function partnerAvailability(ctx: Ctx, productIds: string[]): Promise<Record<string, PartnerAvailability>> {
  authorize(ctx.actor, "product:read");
  const orgId = ctx.actor.organizationId;
  if (ctx.actor.kind !== "partner" || !orgId) return {};
  const ids = [...new Set(productIds)].filter(isUuid);
  if (ids.length > MAX_PRODUCTS) throw new ValidationError({ productIds: ["validation.range"] });
  if (ids.length === 0) return {};
  const [org] = await ctx.db
    .select({ kind: organizations.kind, ownerBranchId: organizations.ownerBranchId })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  if (!org) return {};
  const available = await availability(ctx.db, ids, await warehousesServing(ctx.db, org.ownerBranchId));
  const exact = exactAvailabilityKinds.includes(org.kind);
  return Object.fromEntries(
    ids.map((id) => {
      const n = available.get(id) ?? 0;
      return [id, exact ? { exact: n } : { band: availabilityBand(n) }] as const;
    }),
  );
}

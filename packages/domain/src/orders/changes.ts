import type { PartnerAvailability } from "../inventory/partner/availability";
import { ValidationError } from "../shared/errors";
import { hasKey } from "../shared/keys";

/** A cart line whose price or availability differs from what the buyer saw when adding it. */
export type CartChange = {
  productId: string;
  sku: string;
  seenUnitPriceFen: bigint;
  unitPriceFen: bigint;
  seenAvailability: PartnerAvailability | null;
  availability: PartnerAvailability;
  /** What the checkout form sends back (acceptedChanges) to confirm exactly this change. */
  token: string;
};

const availabilityKey = (a: PartnerAvailability | null) => (a === null ? "-" : hasKey(a, "exact") ? `n${a.exact}` : a.band);

/**
 * Identifies a change by the product and what the buyer now accepts (price and availability): if
 * either moves again after the buyer confirmed, the old confirmation no longer matches.
 */
export function changeToken(productId: string, unitPriceFen: bigint, availability: PartnerAvailability): string {
  return `${productId}:${unitPriceFen}:${availabilityKey(availability)}`;
}

/** Checkout refused: these changes were not confirmed by the buyer. Nothing was written. */
export class UnacceptedChangesError extends ValidationError {
  constructor(readonly changes: CartChange[]) {
    super({ acceptedChanges: ["orders.errors.changesNotAccepted"] }, "orders.errors.changesNotAccepted");
  }
}

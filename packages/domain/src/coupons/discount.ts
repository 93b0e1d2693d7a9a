import type { CouponKind } from "@cs/db";

export type CouponTerms = { kind: CouponKind; amountFen: bigint | null; percent: number | null; minOrderFen: bigint };

/**
 * What a coupon takes off goods worth `goodsFen` (tax-inclusive): an amount, never more than the
 * goods; or a whole percentage, rounded half-up to the fen. Zero below the minimum order.
 */
export function couponDiscountFen(terms: CouponTerms, goodsFen: bigint): bigint {
  if (goodsFen <= 0n || goodsFen < terms.minOrderFen) return 0n;
  switch (terms.kind) {
    case "amount":
      return terms.amountFen! < goodsFen ? terms.amountFen! : goodsFen;
    case "percent":
      return (goodsFen * BigInt(terms.percent!) * 2n + 100n) / 200n;
  }
}

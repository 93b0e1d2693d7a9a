/** China's standard VAT rate on goods, in basis points (13%). */
export const STANDARD_VAT_BP = 1300;

export type VatSplit = { netFen: bigint; taxFen: bigint };

/**
 * Splits a VAT-inclusive amount into net and tax, in integer fen.
 * tax = round_half_up(gross × rate / (10000 + rate)); net = gross − tax.
 * Half-up is taken away from zero so a credit note (negative gross) mirrors
 * its invoice exactly: splitVat(−g) = −splitVat(g).
 */
export function splitVat(grossFen: bigint, rateBp = STANDARD_VAT_BP): VatSplit {
  if (!Number.isInteger(rateBp) || rateBp < 0) throw new RangeError(`invalid VAT rate ${rateBp}`);
  const negative = grossFen < 0n;
  const gross = negative ? -grossFen : grossFen;
  const rate = BigInt(rateBp);
  const denominator = 10_000n + rate;
  // floor((2·gross·rate + denominator) / (2·denominator)) = round half-up of gross·rate/denominator
  const tax = (2n * gross * rate + denominator) / (2n * denominator);
  const taxFen = negative ? -tax : tax;
  return { netFen: grossFen - taxFen, taxFen };
}

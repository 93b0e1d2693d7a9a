import { splitVat } from "../billing/vat";
import { discounted } from "../pricing/choose";
import type { PriceReason } from "../pricing/resolve";

export type PricedLine = {
  productId: string;
  quantity: number;
  discountBp: number;
  listPriceFen: bigint;
  /** Tax-inclusive unit price after the rule and the manual discount. */
  unitPriceFen: bigint;
  reason: PriceReason;
  lineTotalFen: bigint;
  taxFen: bigint;
};

/** Prices one line from the resolver's answer: total = unit × quantity, VAT split per line. */
export function priceLine(line: { productId: string; quantity: number; discountBp?: number }, reason: PriceReason): PricedLine {
  const discountBp = line.discountBp ?? 0;
  // The pricing area's rounding: the rule's price less the discount, half-up to the fen.
  const unitPriceFen = discountBp === 0 ? reason.unitPriceFen : discounted(reason.unitPriceFen, discountBp);
  const lineTotalFen = unitPriceFen * BigInt(line.quantity);
  return {
    productId: line.productId,
    quantity: line.quantity,
    discountBp,
    listPriceFen: reason.listPriceFen,
    unitPriceFen,
    reason,
    lineTotalFen,
    taxFen: splitVat(lineTotalFen).taxFen,
  };
}

/** An order's totals are the sums of its rounded lines. */
export function orderTotalsOf(lines: readonly { lineTotalFen: bigint; taxFen: bigint }[]) {
  return lines.reduce((t, l) => ({ totalFen: t.totalFen + l.lineTotalFen, taxFen: t.taxFen + l.taxFen }), { totalFen: 0n, taxFen: 0n });
}

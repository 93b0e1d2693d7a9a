import { divideHalfUp } from "../inventory/valuation";
import type { PostedMove } from "../inventory/ledger";

export type LineCost = { unitCostFen: bigint; costFen: bigint };

/**
 * Each shipped line's cost of goods (docs/decisions/023). Goods: the value the ledger gave the
 * shipment's moves of that product (our goods only; a master distributor's carry none), shared
 * between the lines of the product by quantity, rounded half up, the last line taking the rest so the
 * lines add up to the moves. Services: their standard cost × quantity, where one is given.
 */
export function costOfShippedLines(
  lines: { key: string; productId: string; quantity: number; service: boolean }[],
  moves: Pick<PostedMove, "productId" | "quantity" | "valueFen">[],
  standardCosts: ReadonlyMap<string, bigint>,
): Map<string, LineCost> {
  const costs = new Map<string, LineCost>();
  const byProduct = new Map<string, { quantity: number; valueFen: bigint | null }>();
  for (const m of moves) {
    const t = byProduct.get(m.productId) ?? { quantity: 0, valueFen: 0n };
    t.quantity += m.quantity;
    t.valueFen = t.valueFen === null || m.valueFen === null ? null : t.valueFen + m.valueFen;
    byProduct.set(m.productId, t);
  }
  const left = new Map([...byProduct].map(([id, t]) => [id, { ...t }]));
  for (const l of lines) {
    if (l.service) {
      const standard = standardCosts.get(l.productId);
      if (standard !== undefined) costs.set(l.key, { unitCostFen: standard, costFen: standard * BigInt(l.quantity) });
      continue;
    }
    const total = byProduct.get(l.productId);
    const rest = left.get(l.productId);
    if (!total || !rest || total.valueFen === null || rest.valueFen === null) continue;
    const costFen = l.quantity >= rest.quantity ? rest.valueFen : divideHalfUp(total.valueFen * BigInt(l.quantity), BigInt(total.quantity));
    const taken = costFen > rest.valueFen ? rest.valueFen : costFen;
    rest.quantity -= l.quantity;
    rest.valueFen -= taken;
    costs.set(l.key, { unitCostFen: divideHalfUp(taken, BigInt(l.quantity)), costFen: taken });
  }
  return costs;
}

/** Margin in basis points of the net amount, rounded half up (away from zero); null without a net. */
export function marginBp(marginFen: bigint, netFen: bigint): number | null {
  if (netFen <= 0n) return null;
  const negative = marginFen < 0n;
  const bp = divideHalfUp((negative ? -marginFen : marginFen) * 10_000n, netFen);
  return Number(negative ? -bp : bp);
}

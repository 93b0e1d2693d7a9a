import { sql } from "drizzle-orm";
import { executePrepared, type DatabaseOrTransaction } from "@cs/db";
import { marginBp } from "../billing/cost";
import { splitVat } from "../billing/vat";
import { divideHalfUp } from "../inventory/valuation";

/** What the floor check needs of a product: its line's floor and what one unit costs us now. */
export type FloorCost = { floorBp: number | null; unitCostFen: bigint };

/** A line sold below its product line's margin floor: what the approver is shown (docs/decisions/032). */
export type FloorBreach = { productId: string; netFen: bigint; costFen: bigint; marginBp: number | null; floorBp: number };

type FloorRow = { product_id: string; floor_bp: number | null; unit_cost: string };

/**
 * Each product's floor (its product line's) and unit cost today: the moving average of our stock,
 * else the standard cost (a product never received, or a service), as orderMargin values what is
 * still to ship. Products whose line has no floor are left out: nothing to check.
 */
export async function floorCosts(db: DatabaseOrTransaction, productIds: readonly string[]): Promise<Map<string, FloorCost>> {
  if (productIds.length === 0) return new Map();
  const rows = await executePrepared<FloorRow>(
    db,
    sql`select p.id as product_id, pl.margin_floor_bp as floor_bp,
               coalesce(case when p.extended_warranty_months is null then v.average_cost_fen end, p.cost_fen)::text as unit_cost
          from products p
          join product_lines pl on pl.id = p.product_line_id
          left join stock_valuations v on v.product_id = p.id
         where p.id = any(${`{${productIds.join(",")}}`}::uuid[]) and pl.margin_floor_bp is not null`,
  );
  return new Map(rows.map((r) => [r.product_id, { floorBp: r.floor_bp, unitCostFen: BigInt(r.unit_cost) }]));
}

/**
 * Shares an order-level discount (a coupon) between lines by their tax-inclusive totals, rounded half
 * up, the last line taking the rest so the shares add up to the discount.
 */
export function shareDiscount(lineTotals: readonly bigint[], discountFen: bigint): bigint[] {
  const total = lineTotals.reduce((s, t) => s + t, 0n);
  if (discountFen <= 0n || total <= 0n) return lineTotals.map(() => 0n);
  const discount = discountFen > total ? total : discountFen;
  let left = discount;
  return lineTotals.map((t, i) => {
    const share = i === lineTotals.length - 1 ? left : divideHalfUp(discount * t, total);
    const taken = share > left ? left : share;
    left -= taken;
    return taken;
  });
}

/**
 * The lines of one of our orders whose margin falls below their product line's floor. A line's net
 * is what the buyer pays for it after the price rule (list, tier, contract, volume, promotion, special
 * price), the manual discount and its share of the coupon, VAT split as the invoice will; its cost
 * the units at today's cost. A net of nothing against a cost is below any floor.
 */
export function floorBreaches(
  lines: readonly { productId: string; quantity: number; lineTotalFen: bigint }[],
  costs: ReadonlyMap<string, FloorCost>,
  couponDiscountFen = 0n,
): FloorBreach[] {
  const shares = shareDiscount(lines.map((l) => l.lineTotalFen), couponDiscountFen);
  const breaches: FloorBreach[] = [];
  lines.forEach((l, i) => {
    const c = costs.get(l.productId);
    if (!c || c.floorBp === null) return;
    const netFen = splitVat(l.lineTotalFen - shares[i]!).netFen;
    const costFen = c.unitCostFen * BigInt(l.quantity);
    const bp = marginBp(netFen - costFen, netFen);
    if (bp === null ? costFen > 0n || c.floorBp > 0 : bp < c.floorBp) breaches.push({ productId: l.productId, netFen, costFen, marginBp: bp, floorBp: c.floorBp });
  });
  return breaches;
}

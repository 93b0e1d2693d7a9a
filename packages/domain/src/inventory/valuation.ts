import { sql } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@cs/db";

/**
 * Moving-average valuation of our own stock (docs/decisions/023). Only integer fen: quantities and
 * values are bigint, every division rounds half up explicitly, and no float ever carries money.
 */

/** a / b rounded half up, for a ≥ 0 and b > 0. */
export function divideHalfUp(a: bigint, b: bigint): bigint {
  if (b <= 0n) throw new RangeError("divisor must be positive");
  if (a < 0n) throw new RangeError("dividend must not be negative");
  return (2n * a + b) / (2n * b);
}

export type Valuation = { quantity: number; valueFen: bigint; averageCostFen: bigint };

/**
 * What one move of our goods does to a product's valuation:
 * - `in` (from the outside world into a location of ours: receipts, returns, stocktake gains) adds
 *   quantity × its own unit cost when it has one (a purchase cost, the cost a return ships back at),
 *   else at the current average;
 * - `out` (issues, shipments, scrap, losses) takes its share of the value, value × quantity / on
 *   hand rounded half up once (not the rounded average × quantity, whose rounding would pile up on
 *   the units left); the last units take exactly what is left, so the value never drifts from zero;
 * - `through` (between locations of ours: transfers, transit) carries that same share and changes nothing.
 * The average is kept when the stock runs out, as the best guess for a later gain without a cost.
 */
export function valueFlow(
  state: Valuation,
  flow: { direction: "in" | "out" | "through"; quantity: number; unitCostFen?: bigint | null },
): { state: Valuation; unitCostFen: bigint; valueFen: bigint } {
  const q = BigInt(flow.quantity);
  const share = () =>
    state.quantity <= 0 ? state.averageCostFen * q : flow.quantity >= state.quantity ? state.valueFen : divideHalfUp(state.valueFen * q, BigInt(state.quantity));
  switch (flow.direction) {
    case "through": {
      const valueFen = share();
      return { state, unitCostFen: divideHalfUp(valueFen, q), valueFen };
    }
    case "in": {
      const unitCostFen = flow.unitCostFen ?? state.averageCostFen;
      const valueFen = unitCostFen * q;
      const quantity = state.quantity + flow.quantity;
      const total = state.valueFen + valueFen;
      return { state: { quantity, valueFen: total, averageCostFen: divideHalfUp(total, BigInt(quantity)) }, unitCostFen, valueFen };
    }
    case "out": {
      // Levels never let more leave than there is; should the valuation disagree, stock:verify says so.
      const proportional = share();
      const valueFen = proportional > state.valueFen ? state.valueFen : proportional;
      const quantity = Math.max(0, state.quantity - flow.quantity);
      const left = state.valueFen - valueFen;
      const averageCostFen = quantity > 0 ? divideHalfUp(left, BigInt(quantity)) : state.averageCostFen;
      return { state: { quantity, valueFen: quantity > 0 ? left : 0n, averageCostFen }, unitCostFen: divideHalfUp(valueFen, q), valueFen };
    }
  }
}

/**
 * Locks the valuation rows of these products (created at the product's static cost if missing),
 * in product order so two postings cannot deadlock on them, and returns them.
 */
export async function lockValuations(tx: DatabaseOrTransaction, productIds: string[]): Promise<Map<string, Valuation>> {
  const ids = [...new Set(productIds)].sort();
  if (ids.length === 0) return new Map();
  const list = sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);
  await tx.execute(sql`
    insert into stock_valuations (product_id, average_cost_fen)
    select id, cost_fen from products where id in (${list}) order by id
    on conflict (product_id) do nothing`);
  const rows = await tx.execute<{ product_id: string; quantity: number; value_fen: string; average_cost_fen: string }>(sql`
    select product_id, quantity, value_fen::text, average_cost_fen::text
      from stock_valuations where product_id in (${list}) order by product_id for update`);
  return new Map(rows.map((r) => [r.product_id, { quantity: Number(r.quantity), valueFen: BigInt(r.value_fen), averageCostFen: BigInt(r.average_cost_fen) }]));
}

export async function saveValuations(tx: DatabaseOrTransaction, valuations: Map<string, Valuation>) {
  for (const [productId, v] of [...valuations.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    await tx.execute(sql`
      update stock_valuations
         set quantity = ${v.quantity}, value_fen = ${v.valueFen.toString()}::bigint, average_cost_fen = ${v.averageCostFen.toString()}::bigint, updated_at = now()
       where product_id = ${productId}`);
}

/** The current average cost per product (the static cost where no valuation exists yet), without locking. */
export async function averageCosts(db: DatabaseOrTransaction, productIds: string[]): Promise<Map<string, bigint>> {
  const ids = [...new Set(productIds)];
  if (ids.length === 0) return new Map();
  const list = sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);
  const rows = await db.execute<{ id: string; cost: string }>(sql`
    select p.id, coalesce(v.average_cost_fen, p.cost_fen)::text as cost
      from products p left join stock_valuations v on v.product_id = p.id
     where p.id in (${list})`);
  return new Map(rows.map((r) => [r.id, BigInt(r.cost)]));
}

import { inArray } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@cs/db/client";
import { stockLevels, stockLocations, stockMoves, stockValuations } from "@cs/db/schema/inventory";
import { BRANCHES } from "./data";
import { branchWarehouse, CENTRAL_WAREHOUSE, fixedLocations, SUPPLIER } from "./inventory-locations";
import { createRandom, deriveSeed } from "./random";
import { insertChunked } from "./util";

/** The benchmark stock's own seed (the large seed's is 20260202). */
const LARGE_STOCK_SEED = 20260203;

/**
 * Supplier receipts into the central and branch warehouses for benchmark products, with the
 * stock_levels they add up to (availability over a 200-line order needs stock to look at). Only
 * products this run inserted get stock, so re-running never doubles it. Benchmark stock carries
 * no serial numbers: the benchmarks reserve, they never ship.
 */
export async function seedLargeStock(
  tx: DatabaseOrTransaction,
  branchIdOf: (branchCode: string) => string,
  productRows: readonly { id?: string; sku: string; active?: boolean; costFen: bigint }[],
  insertedIds: ReadonlySet<string>,
): Promise<number> {
  // databases seeded before inventory existed have no warehouses yet
  await tx.insert(stockLocations).values(fixedLocations(branchIdOf)).onConflictDoNothing();
  const codes = [CENTRAL_WAREHOUSE, ...BRANCHES.map((b) => branchWarehouse(b.code)), SUPPLIER];
  const found = await tx.select({ id: stockLocations.id, code: stockLocations.code }).from(stockLocations).where(inArray(stockLocations.code, codes));
  const idOf = new Map(found.map((l) => [l.code, l.id]));
  const supplier = idOf.get(SUPPLIER)!;
  const warehouses = codes.slice(0, -1).map((code) => idOf.get(code)!);

  const moves: (typeof stockMoves.$inferInsert)[] = [];
  const levels: (typeof stockLevels.$inferInsert)[] = [];
  // valued at the product's cost, as the stock_valuation migration values older stock (docs/decisions/023)
  const valuations: (typeof stockValuations.$inferInsert)[] = [];
  for (const p of productRows) {
    if (!p.id || !insertedIds.has(p.id) || p.active === false) continue;
    // a stream per product: its stock does not depend on how many products were asked for
    const rand = createRandom(deriveSeed(LARGE_STOCK_SEED, p.sku));
    let total = 0;
    warehouses.forEach((locationId, i) => {
      const quantity = i === 0 ? rand.int(0, 300) : rand.chance(0.3) ? 0 : rand.int(1, 120);
      if (quantity === 0) return;
      total += quantity;
      const valueFen = p.costFen * BigInt(quantity);
      moves.push({ productId: p.id!, quantity, fromLocationId: supplier, toLocationId: locationId, reason: "receipt", referenceType: "seed", referenceId: "large", unitCostFen: p.costFen, valueFen });
      levels.push({ locationId, productId: p.id!, onHand: quantity, reserved: 0 });
    });
    valuations.push({ productId: p.id, quantity: total, valueFen: p.costFen * BigInt(total), averageCostFen: p.costFen });
  }
  await insertChunked(tx, stockMoves, moves);
  await insertChunked(tx, stockLevels, levels);
  await insertChunked(tx, stockValuations, valuations);
  return moves.length;
}

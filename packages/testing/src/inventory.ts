import { and, eq, sql } from "drizzle-orm";
import { expect } from "vitest";
import { DISTRIBUTOR_OWNER, productLines, products, stockLevels, stockLocations, type DatabaseOrTransaction } from "@cs/db";
import { verifyStockLevels, verifyStockValues } from "@cs/domain/inventory/verify";

/**
 * The ledger invariants every inventory integration test file checks in `afterEach`: stock_levels
 * equal what the done moves and open reservations add up to, and no level is negative or reserves
 * more than it holds (the CHECKs should make that impossible; this proves nobody dropped them).
 * Test-only: nothing in the package imports this file.
 */
export async function expectLedgerConsistent(db: DatabaseOrTransaction) {
  expect(await verifyStockLevels(db), "stock_levels differ from the ledger").toEqual([]);
  expect(await verifyStockValues(db), "stock_valuations differ from the moves' values").toEqual([]);
  const broken = await db.execute<{ location_id: string; owner_id: string; product_id: string; on_hand: number; reserved: number }>(sql`
    select location_id, owner_id, product_id, on_hand, reserved
      from stock_levels
     where on_hand < 0 or reserved < 0 or reserved > on_hand`);
  expect([...broken], "stock_levels with on_hand < 0 or reserved outside 0..on_hand").toEqual([]);
}

/** Id of a stock location by code (the demo seed's WH-CENTRAL, WH-BJ, SUPPLIER …). */
export async function locationIdOf(db: DatabaseOrTransaction, code: string): Promise<string> {
  const [row] = await db.select({ id: stockLocations.id }).from(stockLocations).where(eq(stockLocations.code, code));
  if (!row) throw new Error(`no stock location ${code}`);
  return row.id;
}

/** A product of the test's own (SKU of its choosing), so the demo stock cannot change its numbers. */
export async function createTestProduct(db: DatabaseOrTransaction, sku: string, serialized = false): Promise<string> {
  const [line] = await db.select({ id: productLines.id }).from(productLines).orderBy(productLines.code).limit(1);
  if (!line) throw new Error("no product line: seed the demo data first");
  const [row] = await db
    .insert(products)
    .values({ productLineId: line.id, sku, nameZh: `测试${sku}`, nameEn: `Test ${sku}`, listPriceFen: 100_00n, costFen: 80_00n, serialized })
    .returning({ id: products.id });
  return row!.id;
}

/** On hand and reserved of one level; zeros when the row does not exist. */
export async function levelOf(db: DatabaseOrTransaction, locationId: string, productId: string, ownerId: string = DISTRIBUTOR_OWNER) {
  const [row] = await db
    .select({ onHand: stockLevels.onHand, reserved: stockLevels.reserved })
    .from(stockLevels)
    .where(and(eq(stockLevels.locationId, locationId), eq(stockLevels.productId, productId), eq(stockLevels.ownerId, ownerId)));
  return row ?? { onHand: 0, reserved: 0 };
}

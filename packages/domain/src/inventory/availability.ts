import { and, eq, inArray, sql } from "drizzle-orm";
import { DISTRIBUTOR_OWNER, stockLevels, stockLocations, type DatabaseOrTransaction } from "@cs/db";

/** Warehouses that serve a branch: its own, then the central warehouses (no branch). */
export async function warehousesServing(db: DatabaseOrTransaction, branchId: string | null) {
  return servingBranch(await activeWarehouses(db), branchId);
}

/** Every active warehouse by code: what warehousesServing picks from, for callers that learn the branch in the same round trip. */
export function activeWarehouses(db: DatabaseOrTransaction) {
  return db
    .select({ id: stockLocations.id, branchId: stockLocations.branchId })
    .from(stockLocations)
    .where(and(eq(stockLocations.kind, "warehouse"), eq(stockLocations.active, true)))
    .orderBy(stockLocations.code);
}

/** The branch's own warehouses, then the central ones (no branch), from activeWarehouses' rows. */
export function servingBranch(rows: { id: string; branchId: string | null }[], branchId: string | null): string[] {
  return [...rows.filter((r) => branchId && r.branchId === branchId), ...rows.filter((r) => r.branchId === null)].map((r) => r.id);
}

/**
 * Available = on hand − reserved of the distributor's own stock in the given warehouses, per
 * product. Goods partners bought but we still hold (other owners) never count.
 */
export async function availability(db: DatabaseOrTransaction, productIds: string[], warehouseIds: string[]) {
  const result = new Map<string, number>(productIds.map((p) => [p, 0]));
  if (productIds.length === 0 || warehouseIds.length === 0) return result;
  const rows = await db
    .select({ productId: stockLevels.productId, available: sql<number>`sum(${stockLevels.onHand} - ${stockLevels.reserved})::int` })
    .from(stockLevels)
    .where(
      and(
        eq(stockLevels.ownerId, DISTRIBUTOR_OWNER),
        inArray(stockLevels.productId, productIds),
        inArray(stockLevels.locationId, warehouseIds),
      ),
    )
    .groupBy(stockLevels.productId);
  for (const r of rows) result.set(r.productId, Number(r.available));
  return result;
}

export type AvailabilityBand = "in_stock" | "low" | "out";

/** 有货 / 紧张 / 无货 for partners who are shown bands rather than numbers. */
export function availabilityBand(available: number, lowThreshold = 10): AvailabilityBand {
  if (available <= 0) return "out";
  return available < lowThreshold ? "low" : "in_stock";
}

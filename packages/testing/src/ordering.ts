import { eq, sql } from "drizzle-orm";
import { addresses, orderEvents, orderLines, orders, orderSubmissions, organizations, type Database, type DatabaseOrTransaction } from "@cs/db";
import { warehousesServing } from "@cs/domain/inventory/availability";
import { applyMoves } from "@cs/domain/inventory/ledger";
import { createTestProduct, locationIdOf } from "./inventory";
import { orgByCode } from "./demo";

/** Test-only helpers for the ordering tests: a buyer ready to order and products with known stock. */

let receipts = 0;

/** Puts `quantity` units of the distributor's own stock into a location (a supplier receipt). */
export async function receive(db: DatabaseOrTransaction, productId: string, locationId: string, quantity: number) {
  await applyMoves(db, null, [
    { productId, quantity, fromLocationId: await locationIdOf(db, "SUPPLIER"), toLocationId: locationId, reason: "receipt", referenceType: "test", referenceId: `ordering-${++receipts}` },
  ]);
}

/** A demo partner set up to order: generous credit, no hold, backorders, and its first address. */
export async function readyBuyer(db: Database, code: string, terms: { creditLimitFen?: bigint; creditHold?: boolean; backorderPolicy?: "backorder" | "ship_available" } = {}) {
  const org = await orgByCode(db, code);
  await db
    .update(organizations)
    .set({ creditLimitFen: terms.creditLimitFen ?? 1_000_000_000_00n, creditHold: terms.creditHold ?? false, backorderPolicy: terms.backorderPolicy ?? "backorder" })
    .where(eq(organizations.id, org.id));
  const [address] = await db.select().from(addresses).where(eq(addresses.organizationId, org.id)).limit(1);
  if (!address) throw new Error(`${code} has no address`);
  const warehouses = await warehousesServing(db, org.ownerBranchId);
  return { org, addressId: address.id, warehouses };
}

/** New products of the test's own with `stock` units each in the first given warehouse. */
export async function stockedProducts(db: Database, prefix: string, count: number, warehouseId: string, stock: number) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = await createTestProduct(db, `${prefix}-${i + 1}`);
    if (stock > 0) await receive(db, id, warehouseId, stock);
    ids.push(id);
  }
  return ids;
}

/** Row counts of what a checkout writes, to prove a refused one wrote nothing. */
export async function orderingCounts(db: Database) {
  const [row] = await db.execute<{ orders: number; lines: number; events: number; keys: number }>(sql`
    select (select count(*)::int from ${orders}) as orders, (select count(*)::int from ${orderLines}) as lines,
           (select count(*)::int from ${orderEvents}) as events, (select count(*)::int from ${orderSubmissions}) as keys`);
  return row!;
}

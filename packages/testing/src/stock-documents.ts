import { and, eq } from "drizzle-orm";
import { expect } from "vitest";
import {
  addresses,
  divisions,
  DISTRIBUTOR_OWNER,
  productLines,
  products,
  serialNumbers,
  stockDocumentLines,
  stockLevels,
  stockLocations,
  type Database,
  type LocationKind,
} from "@cs/db";
import { applyMoves } from "@cs/domain/inventory/ledger";
import type { Ctx } from "@cs/domain/shared/context";
import { ctxOf, newKey, orgByCode, seedDemoData } from "./demo";
import { expectUnchanged, fingerprint } from "./unchanged";

/**
 * Fixtures for the stock document integration tests. Each test file seeds the demo data, then adds
 * its own products (SKU prefix of its choosing), warehouses (codes T-…) and stock, so whatever
 * inventory the demo seed carries cannot change the numbers a test asserts. The outside-world
 * locations are the exception: the documents code uses THE active one of each kind, so the seed's
 * is reused when it has one. Test-only: nothing in the package imports this file.
 */

export type SystemKind = "supplier" | "customer" | "loss" | "transit";

/** The location the documents code will pick for a kind (`systemLocation`): the seed's, else a new one. */
export async function systemLocationId(db: Database, kind: SystemKind): Promise<string> {
  const [row] = await db
    .select({ id: stockLocations.id })
    .from(stockLocations)
    .where(and(eq(stockLocations.kind, kind), eq(stockLocations.active, true)))
    .limit(1);
  if (row) return row.id;
  return addLocation(db, `T-SYS-${kind.toUpperCase()}`, kind);
}

export async function addLocation(db: Database, code: string, kind: LocationKind, extra: { branchId?: string | null; organizationId?: string | null } = {}) {
  const [row] = await db
    .insert(stockLocations)
    .values({ code, kind, nameZh: `测试${code}`, nameEn: `Test ${code}`, branchId: extra.branchId ?? null, organizationId: extra.organizationId ?? null })
    .returning({ id: stockLocations.id });
  return row!.id;
}

/**
 * A partner's virtual or consignment location: the seed's when it has one (the workflows take the
 * first active one of the partner), else a new one; either way served by `branchId`.
 */
export async function partnerLocationId(db: Database, organizationId: string, kind: "partner_virtual" | "partner_consignment", code: string, branchId: string) {
  const [row] = await db
    .select({ id: stockLocations.id, branchId: stockLocations.branchId })
    .from(stockLocations)
    .where(and(eq(stockLocations.organizationId, organizationId), eq(stockLocations.kind, kind), eq(stockLocations.active, true)))
    .limit(1);
  if (!row) return addLocation(db, code, kind, { organizationId, branchId });
  if (row.branchId !== branchId) await db.update(stockLocations).set({ branchId }).where(eq(stockLocations.id, row.id));
  return row.id;
}

/** A product line of our own, so "one product line" stocktakes see only the test's products. */
export async function addProductLine(db: Database, code: string) {
  const [division] = await db.select({ id: divisions.id }).from(divisions).limit(1);
  const [row] = await db
    .insert(productLines)
    .values({ divisionId: division!.id, code, nameZh: `测试产品线${code}`, nameEn: `Test line ${code}` })
    .returning({ id: productLines.id });
  return row!.id;
}

export async function addProduct(db: Database, sku: string, options: { productLineId: string; serialized?: boolean; costFen?: bigint; active?: boolean }) {
  const [row] = await db
    .insert(products)
    .values({
      productLineId: options.productLineId,
      sku,
      nameZh: `测试${sku}`,
      nameEn: `Test ${sku}`,
      listPriceFen: (options.costFen ?? 10_000n) * 2n,
      costFen: options.costFen ?? 10_000n,
      serialized: options.serialized ?? false,
      active: options.active ?? true,
    })
    .returning({ id: products.id });
  return row!.id;
}

/** Puts stock somewhere the way a posted supplier receipt would: a done move, and serials where given. */
export async function stockIn(
  db: Database,
  supplierId: string,
  productId: string,
  locationId: string,
  quantity: number,
  options: { ownerId?: string | null; serials?: string[] } = {},
) {
  await db.transaction(async (tx) => {
    const serialIds = options.serials?.length
      ? (
          await tx
            .insert(serialNumbers)
            .values(options.serials.map((serial) => ({ productId, serial, status: "in_stock" as const, locationId, ownerId: options.ownerId ?? null })))
            .returning({ id: serialNumbers.id })
        ).map((r) => r.id)
      : [];
    await applyMoves(tx, null, [
      { productId, quantity, fromLocationId: supplierId, toLocationId: locationId, ownerId: options.ownerId ?? null, reason: "receipt", referenceType: "test", referenceId: "setup", serialIds },
    ]);
  });
}

/** On hand (and reserved) of one product at one location for one owner (null: the distributor). */
export async function levelOf(db: Database, locationId: string, productId: string, ownerId: string | null = null) {
  const [row] = await db
    .select({ onHand: stockLevels.onHand, reserved: stockLevels.reserved })
    .from(stockLevels)
    .where(and(eq(stockLevels.locationId, locationId), eq(stockLevels.productId, productId), eq(stockLevels.ownerId, ownerId ?? DISTRIBUTOR_OWNER)));
  return row?.onHand ?? 0;
}

/**
 * The line ids of a document in the order of `skus` (lines carry no position: their ids are
 * random, so "the i-th row" means nothing). Lines of the same SKU are handed out in turn.
 */
export async function lineIdsOf(db: Database, documentId: string, skus: string[]) {
  const rows = await db
    .select({ id: stockDocumentLines.id, sku: products.sku })
    .from(stockDocumentLines)
    .innerJoin(products, eq(products.id, stockDocumentLines.productId))
    .where(eq(stockDocumentLines.documentId, documentId));
  return skus.map((sku) => {
    const i = rows.findIndex((r) => r.sku.toUpperCase() === sku.toUpperCase());
    if (i < 0) throw new Error(`no line for ${sku}`);
    return rows.splice(i, 1)[0]!.id;
  });
}

export async function serialsOf(db: Database, productId: string) {
  return db
    .select({ serial: serialNumbers.serial, status: serialNumbers.status, locationId: serialNumbers.locationId, ownerId: serialNumbers.ownerId, soldAt: serialNumbers.soldAt, soldReference: serialNumbers.soldReference })
    .from(serialNumbers)
    .where(eq(serialNumbers.productId, productId))
    .orderBy(serialNumbers.serial);
}

/**
 * A fingerprint of everything a stock document workflow may write (ledger, levels, serials,
 * documents and their lines, audit, idempotency keys — in fact every table), to prove that a refused
 * or repeated call changed nothing.
 */
export const stockState = (db: Database) => fingerprint(db);

/** Runs `refused`, expects it to reject with `error`, and checks that nothing was written. */
export async function expectRefusedUnchanged<E>(db: Database, refused: () => Promise<unknown>, error: abstract new (...args: never[]) => E): Promise<E> {
  return expectUnchanged(db, async () => {
    const thrown = await refused().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(thrown, `expected a ${error.name}`).toBeInstanceOf(error);
    return thrown as E;
  });
}

export async function addAddress(db: Database, organizationId: string, label: string) {
  const [row] = await db
    .insert(addresses)
    .values({ organizationId, label, recipient: "测试收货人", phone: "13800000000", province: "北京市", city: "北京市", district: "海淀区", line: `${label} 科技路 1 号` })
    .returning({ id: addresses.id });
  return row!.id;
}

export type StockWorld = {
  db: Database;
  bj: string;
  sh: string;
  sys: Record<SystemKind, string>;
  /** Beijing warehouses (the warehouse user's branch) and a Shanghai one. */
  wBJ: string;
  wBJ2: string;
  wSH: string;
  lineId: string;
  warehouse: Ctx;
  finance: Ctx;
  admin: Ctx;
};

/** Demo data plus the locations every document test needs. `tag` keeps codes apart between files. */
export async function setUpStockWorld(db: Database, tag: string): Promise<StockWorld> {
  await seedDemoData(db);
  const [bj, sh] = [(await orgByCode(db, "BJ")).id, (await orgByCode(db, "SH")).id];
  const sys = {
    supplier: await systemLocationId(db, "supplier"),
    customer: await systemLocationId(db, "customer"),
    loss: await systemLocationId(db, "loss"),
    transit: await systemLocationId(db, "transit"),
  };
  const [warehouse, finance, admin] = await Promise.all(["warehouse@demo.cn", "finance@demo.cn", "admin@demo.cn"].map((l) => ctxOf(db, l)));
  return {
    db,
    bj,
    sh,
    sys,
    wBJ: await addLocation(db, `T-${tag}-BJ`, "warehouse", { branchId: bj }),
    wBJ2: await addLocation(db, `T-${tag}-BJ2`, "warehouse", { branchId: bj }),
    wSH: await addLocation(db, `T-${tag}-SH`, "warehouse", { branchId: sh }),
    lineId: await addProductLine(db, `T${tag}`),
    warehouse: warehouse!,
    finance: finance!,
    admin: admin!,
  };
}

/** A form payload with a fresh idempotency key. */
export const form = <T extends Record<string, unknown>>(body: T) => ({ _key: newKey(), ...body });

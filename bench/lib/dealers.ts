import { and, asc, eq, inArray, like, sql } from "drizzle-orm";
import { hashPassword } from "@cs/auth/server";
import { addresses, DISTRIBUTOR_OWNER, organizations, products, stockLevels, userRoles, users, type Database } from "@cs/db";
import { LARGE_PREFIX, seedUuid } from "@cs/seed";
import { applyMoves, warehousesServing, type StockMoveInput } from "@cs/domain";
import type { Scratch } from "./scratch";

export const DEALER_PASSWORD = "Bench@2026-dealer";
/** Far above anything a 20 s run can order, so credit never sends an order to approval. */
const CREDIT_LIMIT_FEN = 100_000_000_000_00n;
/** Available units kept per product × serving warehouse before every run. */
const KEEP_AVAILABLE = 200_000;

export type BenchDealer = { n: number; login: string; userId: string; organizationId: string; branchId: string; addressId: string };

const login = (n: number) => `bench.dealer${String(n).padStart(2, "0")}@bench.example.cn`;

/**
 * `count` signed-in-able dealers: the first active large-seed dealers, each with one partner_buyer
 * user (one argon2 hash, shared), a default ship-to address, a credit limit nothing reaches and no
 * credit hold. Set-based and idempotent: rows have stable ids and are skipped when present.
 */
export async function ensureDealers(db: Database, count: number): Promise<BenchDealer[]> {
  const orgs = await db
    .select({ id: organizations.id, branchId: organizations.ownerBranchId, name: organizations.name, province: organizations.province, city: organizations.city, address: organizations.address })
    .from(organizations)
    .where(and(like(organizations.code, `${LARGE_PREFIX}DL-%`), eq(organizations.status, "active")))
    .orderBy(asc(organizations.code))
    .limit(count);
  if (orgs.length < count) throw new Error(`only ${orgs.length} active large-seed dealers: the large seed did not run`);
  const dealers = orgs.map((o, i) => ({
    n: i + 1,
    login: login(i + 1),
    userId: seedUuid(`bench:user:${login(i + 1)}`),
    organizationId: o.id,
    branchId: o.branchId!,
    addressId: seedUuid(`bench:address:${o.id}`),
  }));
  await db.transaction(async (tx) => {
    await tx
      .update(organizations)
      .set({ creditLimitFen: CREDIT_LIMIT_FEN, creditHold: false, creditHoldReason: null })
      .where(inArray(organizations.id, dealers.map((d) => d.organizationId)));
    const [known] = await tx.select({ n: sql<number>`count(*)::int` }).from(users).where(inArray(users.id, dealers.map((d) => d.userId)));
    if (Number(known?.n ?? 0) < dealers.length) {
      const passwordHash = await hashPassword(DEALER_PASSWORD);
      await tx
        .insert(users)
        .values(dealers.map((d) => ({ id: d.userId, kind: "partner" as const, login: d.login, displayName: `基准采购 ${d.n}`, passwordHash, organizationId: d.organizationId, locale: "zh-CN" })))
        .onConflictDoNothing();
      await tx.insert(userRoles).values(dealers.map((d) => ({ userId: d.userId, role: "partner_buyer" }))).onConflictDoNothing();
    }
    await tx
      .insert(addresses)
      .values(
        orgs.map((o, i) => ({
          id: dealers[i]!.addressId,
          organizationId: o.id,
          label: "基准测试仓",
          recipient: `基准采购 ${i + 1}`,
          phone: "13800000000",
          province: o.province ?? "北京市",
          city: o.city ?? "北京市",
          line: o.address ?? "基准路 1 号",
          isDefault: true,
        })),
      )
      .onConflictDoNothing();
  });
  return dealers;
}

/** `count` active large-seed products the dealers order from (the same ones every run). */
export async function benchProducts(db: Database, count: number) {
  const rows = await db
    .select({ id: products.id, sku: products.sku })
    .from(products)
    .where(and(like(products.sku, `${LARGE_PREFIX}%`), eq(products.active, true), eq(products.serialized, false)))
    .orderBy(asc(products.sku))
    .limit(count);
  if (rows.length < count) throw new Error(`only ${rows.length} active large-seed products`);
  return rows;
}

/**
 * Tops the distributor's stock of the products up to KEEP_AVAILABLE available in every warehouse
 * serving the dealers' branches, by supplier receipts through applyMoves, so the ledger still
 * explains every level and no order of the run backorders.
 */
export async function topUpStock(db: Database, scratch: Scratch, productIds: string[], branchIds: string[]) {
  const warehouses = [...new Set((await Promise.all([...new Set(branchIds)].map((b) => warehousesServing(db, b)))).flat())];
  const levels = await db
    .select({ productId: stockLevels.productId, locationId: stockLevels.locationId, onHand: stockLevels.onHand, reserved: stockLevels.reserved })
    .from(stockLevels)
    .where(and(eq(stockLevels.ownerId, DISTRIBUTOR_OWNER), inArray(stockLevels.productId, productIds), inArray(stockLevels.locationId, warehouses)));
  const available = new Map(levels.map((l) => [`${l.productId}|${l.locationId}`, l.onHand - l.reserved]));
  const moves: StockMoveInput[] = [];
  for (const productId of productIds) {
    for (const toLocationId of warehouses) {
      const missing = KEEP_AVAILABLE - (available.get(`${productId}|${toLocationId}`) ?? 0);
      if (missing > 0) {
        moves.push({ productId, quantity: missing, fromLocationId: scratch.supplierId, toLocationId, reason: "receipt", referenceType: "bench-receipt", referenceId: "order_place_http" });
      }
    }
  }
  if (moves.length > 0) await db.transaction((tx) => applyMoves(tx, null, moves));
  return { warehouses, receipts: moves.length };
}

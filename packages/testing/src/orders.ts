import { eq } from "drizzle-orm";
import { orderLines, orders, organizations, productLines, products, stockLocations, type DatabaseOrTransaction, type OrderStatus } from "@cs/db";
import { applyMoves } from "@cs/domain/inventory/ledger";
import { reserve } from "@cs/domain/inventory/reservation";
import { splitVat } from "@cs/domain/billing/vat";

/**
 * Test-only: a confirmed order with its stock reserved, made directly (without checkout), so
 * shipment, invoice and payment tests do not depend on the ordering flow. The orders area may
 * extend this file.
 */

let counter = 0;

/** Id of a stock location by code (no vitest import here: Playwright set-up uses this file too). */
async function locationIdOf(db: DatabaseOrTransaction, code: string) {
  const [row] = await db.select({ id: stockLocations.id }).from(stockLocations).where(eq(stockLocations.code, code));
  if (!row) throw new Error(`no stock location ${code}`);
  return row.id;
}

/** A product of the caller's own SKU (so demo stock cannot change its numbers). */
export async function createProduct(db: DatabaseOrTransaction, sku: string, listPriceFen: bigint, serialized = false) {
  const [line] = await db.select({ id: productLines.id }).from(productLines).orderBy(productLines.code).limit(1);
  if (!line) throw new Error("no product line: seed the demo data first");
  const [row] = await db
    .insert(products)
    .values({ productLineId: line.id, sku, nameZh: `测试商品${sku}`, nameEn: `Test ${sku}`, listPriceFen, costFen: listPriceFen / 2n, serialized })
    .returning({ id: products.id });
  return row!.id;
}

/** Puts `quantity` units of the distributor's stock into a warehouse (a supplier receipt). */
export async function stockUp(db: DatabaseOrTransaction, productId: string, warehouseCode: string, quantity: number) {
  await applyMoves(db, null, [
    {
      productId,
      quantity,
      fromLocationId: await locationIdOf(db, "SUPPLIER"),
      toLocationId: await locationIdOf(db, warehouseCode),
      reason: "receipt",
      referenceType: "test",
      referenceId: `stock-up-${++counter}`,
    },
  ]);
}

export type TestOrderLine = { productId: string; quantity: number; unitPriceFen: bigint };

/**
 * An order of `organizationId` in status `status` (default confirmed) whose lines are reserved
 * in the given warehouses (reserve() ref {referenceType: 'order', referenceId: order id}); what
 * cannot be reserved is backordered on the line.
 */
export async function createConfirmedOrder(
  db: DatabaseOrTransaction,
  input: { organizationId: string; lines: TestOrderLine[]; warehouseCodes?: string[]; status?: OrderStatus; supplierId?: string | null; number?: string },
) {
  const [buyer] = await db.select().from(organizations).where(eq(organizations.id, input.organizationId));
  if (!buyer) throw new Error("no such buyer");
  const priced = input.lines.map((l) => {
    const gross = l.unitPriceFen * BigInt(l.quantity);
    return { ...l, lineTotalFen: gross, taxFen: splitVat(gross).taxFen };
  });
  const [order] = await db
    .insert(orders)
    .values({
      number: input.number ?? `SO-TEST-${String(++counter).padStart(6, "0")}-${Math.random().toString(36).slice(2, 8)}`,
      organizationId: buyer.id,
      ownerBranchId: buyer.ownerBranchId,
      supplierId: input.supplierId ?? null,
      status: input.status ?? "confirmed",
      shipTo: { recipient: "测试收货人", city: "北京", line: "测试路 1 号" },
      totalFen: priced.reduce((s, l) => s + l.lineTotalFen, 0n),
      taxFen: priced.reduce((s, l) => s + l.taxFen, 0n),
      confirmedAt: new Date(),
    })
    .returning();
  const warehouseIds = await Promise.all((input.warehouseCodes ?? ["WH-BJ"]).map((c) => locationIdOf(db, c)));
  const reserved = await reserve(db, { referenceType: "order", referenceId: order!.id }, input.lines, warehouseIds);
  const left = new Map(reserved.map((r) => [r.productId, r.reserved]));
  const lines = await db
    .insert(orderLines)
    .values(
      priced.map((l, i) => {
        const take = Math.min(l.quantity, left.get(l.productId) ?? 0);
        left.set(l.productId, (left.get(l.productId) ?? 0) - take);
        return {
          orderId: order!.id,
          organizationId: buyer.id,
          lineNo: i + 1,
          productId: l.productId,
          quantity: l.quantity,
          listPriceFen: l.unitPriceFen,
          unitPriceFen: l.unitPriceFen,
          priceRule: "list",
          priceReason: { rule: "list" },
          lineTotalFen: l.lineTotalFen,
          taxFen: l.taxFen,
          quantityReserved: take,
          quantityBackordered: l.quantity - take,
        };
      }),
    )
    .returning();
  return { order: order!, lines };
}

import { eq } from "drizzle-orm";
import { orderLines, orders, organizations, productLines, products, serialNumbers, stockLocations, type Database } from "@cs/db";
import { shipOrder } from "@cs/domain/billing/ship";
import { splitVat } from "@cs/domain/billing/vat";
import { applyMoves } from "@cs/domain/inventory/ledger";
import { reserve } from "@cs/domain/inventory/reservation";
import { nextDocumentNumber } from "@cs/domain/shared/document-number";
import { ctxOf, newKey } from "./demo";
import { shanghaiYear } from "@cs/domain/shared/dates";

export type FixtureLine = { sku: string; quantity: number; unitPriceFen: bigint; ship?: number; serials?: string[] };

async function idOf(db: Database, table: typeof stockLocations | typeof organizations, code: string) {
  const [row] = await db.select({ id: table.id }).from(table).where(eq(table.code, code));
  if (!row) throw new Error(`no ${code}`);
  return row.id;
}

/**
 * A confirmed order of `buyerCode` with stock reserved in `warehouseCode`, shipped (all or `ship`
 * units per line, with the given serials) through the billing area's shipOrder by the Beijing
 * warehouse user, so its shipment, ledger moves and invoice are the real ones. Products are made
 * with the given (unique) SKUs; serialized when serials are given. For tests and e2e set-up over
 * the demo data; nothing in the package imports this file.
 */
export async function createShippedOrder(
  db: Database,
  input: { buyerCode?: string; warehouseCode?: string; shipperLogin?: string; lines: FixtureLine[] },
) {
  const buyerId = await idOf(db, organizations, input.buyerCode ?? "DL-0001");
  const warehouseId = await idOf(db, stockLocations, input.warehouseCode ?? "WH-BJ");
  const supplierId = await idOf(db, stockLocations, "SUPPLIER");
  const [buyer] = await db.select().from(organizations).where(eq(organizations.id, buyerId));
  const [line] = await db.select({ id: productLines.id }).from(productLines).orderBy(productLines.code).limit(1);

  const order = await db.transaction(async (tx) => {
    const productIds: string[] = [];
    for (const l of input.lines) {
      const [p] = await tx
        .insert(products)
        .values({ productLineId: line!.id, sku: l.sku, nameZh: `测试${l.sku}`, nameEn: `Test ${l.sku}`, listPriceFen: l.unitPriceFen, costFen: l.unitPriceFen / 2n, serialized: !!l.serials?.length })
        .returning({ id: products.id });
      productIds.push(p!.id);
      const serialIds = l.serials?.length
        ? (await tx.insert(serialNumbers).values(l.serials.map((serial) => ({ productId: p!.id, serial, status: "in_stock" as const, locationId: warehouseId }))).returning({ id: serialNumbers.id })).map((r) => r.id)
        : [];
      await applyMoves(tx, null, [{ productId: p!.id, quantity: l.quantity, fromLocationId: supplierId, toLocationId: warehouseId, reason: "receipt", referenceType: "test", referenceId: "fixture", serialIds }]);
    }
    const priced = input.lines.map((l) => ({ gross: l.unitPriceFen * BigInt(l.quantity), tax: splitVat(l.unitPriceFen * BigInt(l.quantity)).taxFen }));
    const [o] = await tx
      .insert(orders)
      .values({
        number: await nextDocumentNumber(tx, "SO", shanghaiYear()),
        organizationId: buyerId,
        ownerBranchId: buyer!.ownerBranchId,
        status: "confirmed",
        shipTo: { label: "fixture" },
        totalFen: priced.reduce((s, p) => s + p.gross, 0n),
        taxFen: priced.reduce((s, p) => s + p.tax, 0n),
        confirmedAt: new Date(),
      })
      .returning();
    const lines = await tx
      .insert(orderLines)
      .values(
        input.lines.map((l, i) => ({
          orderId: o!.id,
          organizationId: buyerId,
          lineNo: i + 1,
          productId: productIds[i]!,
          quantity: l.quantity,
          listPriceFen: l.unitPriceFen,
          unitPriceFen: l.unitPriceFen,
          priceRule: "list",
          priceReason: { rule: "list" },
          lineTotalFen: priced[i]!.gross,
          taxFen: priced[i]!.tax,
          quantityReserved: l.quantity,
        })),
      )
      .returning({ id: orderLines.id });
    await reserve(tx, { referenceType: "order", referenceId: o!.id }, input.lines.map((l, i) => ({ productId: productIds[i]!, quantity: l.quantity })), [warehouseId]);
    return { ...o!, lineIds: lines.map((l) => l.id), productIds };
  });

  const shipper = await ctxOf(db, input.shipperLogin ?? "warehouse@demo.cn");
  const shipment = await shipOrder(shipper, {
    _key: newKey(),
    orderId: order.id,
    fromLocationId: warehouseId,
    carrier: "顺丰速运",
    trackingNumber: `SF${Date.now()}`,
    lines: input.lines.map((l, i) => ({ orderLineId: order.lineIds[i]!, quantity: l.ship ?? l.quantity, serials: (l.serials ?? []).slice(0, l.ship ?? l.quantity) })),
  });
  return { orderId: order.id, orderNumber: order.number, lineIds: order.lineIds, productIds: order.productIds, warehouseId, shipmentId: shipment.shipmentId, shipmentNumber: shipment.number, invoiceId: shipment.invoiceId };
}

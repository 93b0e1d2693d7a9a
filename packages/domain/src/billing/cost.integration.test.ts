import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { invoiceLines, invoices, shipmentLines, stockMoves, stockValuations, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { applyMoves } from "../inventory/ledger";
import { approveReturn } from "../returns/decide";
import { receiveReturn } from "../returns/receive";
import { requestReturn } from "../returns/request";
import type { Ctx } from "../shared/context";
import { ctxOf, newKey, orgByCode, seedDemoData } from "@cs/testing/demo";
import { expectLedgerConsistent, locationIdOf } from "@cs/testing/inventory";
import { createConfirmedOrder, createProduct } from "@cs/testing/orders";
import { orderMargin } from "./order-margin";
import { shipOrder } from "./ship";
import { getDeskOrder } from "../orders/desk-order";
import { confirmReturnCredit } from "@cs/testing/red-letter";

let db: Database;
let warehouse: Ctx, dealer: Ctx, desk: Ctx;
let buyerId: string;
let bj: string;
let supplier: string;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  [warehouse, dealer, desk] = (await Promise.all(["warehouse@demo.cn", "dealer@demo.cn", "orderdesk@demo.cn"].map((l) => ctxOf(db, l)))) as [Ctx, Ctx, Ctx];
  buyerId = (await orgByCode(db, "DL-0001")).id;
  bj = await locationIdOf(db, "WH-BJ");
  supplier = await locationIdOf(db, "SUPPLIER");
});

afterEach(() => expectLedgerConsistent(db));

const receiveAt = (productId: string, quantity: number, unitCostFen: bigint) =>
  db.transaction((tx) =>
    applyMoves(tx, null, [{ productId, quantity, fromLocationId: supplier, toLocationId: bj, reason: "receipt", referenceType: "test", referenceId: `cost-${unitCostFen}`, unitCostFen }]),
  );
const valuationOf = async (productId: string) => {
  const [v] = await db.select().from(stockValuations).where(eq(stockValuations.productId, productId));
  return { quantity: v!.quantity, valueFen: v!.valueFen, averageCostFen: v!.averageCostFen };
};

describe("cost of goods from shipment to credit note", () => {
  it("records the shipment's cost at the average, invoices cost and margin, and a return restores the shipped cost", async () => {
    const product = await createProduct(db, "COGS-A", 22_600n);
    await receiveAt(product, 10, 10_000n);
    await receiveAt(product, 10, 12_000n);
    expect(await valuationOf(product)).toEqual({ quantity: 20, valueFen: 220_000n, averageCostFen: 11_000n });

    const { order, lines } = await createConfirmedOrder(db, { organizationId: buyerId, lines: [{ productId: product, quantity: 5, unitPriceFen: 22_600n }] });
    const shipped = await shipOrder(warehouse, {
      _key: newKey(),
      orderId: order.id,
      fromLocationId: bj,
      carrier: "顺丰速运",
      trackingNumber: "SF-COGS-1",
      lines: [{ orderLineId: lines[0]!.id, quantity: 3 }],
    });
    const [shipLine] = await db.select().from(shipmentLines).where(eq(shipmentLines.shipmentId, shipped.shipmentId));
    expect([shipLine!.unitCostFen, shipLine!.costFen]).toEqual([11_000n, 33_000n]);
    const [move] = await db.select().from(stockMoves).where(and(eq(stockMoves.referenceType, "shipment"), eq(stockMoves.referenceId, shipped.number)));
    expect(move!.valueFen).toBe(33_000n);
    // 3 × 226.00 = 678.00 gross, 600.00 net: margin 600.00 − 330.00
    const [invLine] = await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, shipped.invoiceId));
    expect(invLine).toMatchObject({ grossFen: 67_800n, netFen: 60_000n, costFen: 33_000n, marginFen: 27_000n });

    // dearer goods arrive after the shipment: the average moves, the shipped cost does not
    await receiveAt(product, 10, 14_000n);
    expect(await valuationOf(product)).toEqual({ quantity: 27, valueFen: 327_000n, averageCostFen: 12_111n });

    const { returnId } = await requestReturn(dealer, { _key: newKey(), orderId: order.id, reason: "defective", note: "坏了", lines: [{ orderLineId: lines[0]!.id, quantity: 2 }] });
    await approveReturn(desk, { returnId });
    await receiveReturn(warehouse, { _key: newKey(), returnId, locationId: bj });
    const [back] = await db.select().from(stockMoves).where(and(eq(stockMoves.referenceType, "return"), eq(stockMoves.reason, "return"), eq(stockMoves.productId, product)));
    expect([back!.unitCostFen, back!.valueFen]).toEqual([11_000n, 22_000n]);
    expect(await valuationOf(product)).toEqual({ quantity: 29, valueFen: 349_000n, averageCostFen: 12_034n });

    const received = await confirmReturnCredit(db, returnId);
    const [note] = await db.select().from(invoices).where(eq(invoices.id, received.creditNoteId));
    expect(note!.kind).toBe("credit_note");
    const [noteLine] = await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, received.creditNoteId));
    expect(noteLine).toMatchObject({ quantity: 2, grossFen: 45_200n, netFen: 40_000n, costFen: 22_000n, marginFen: 18_000n });
  });
});

describe("expected margin of an order", () => {
  it("shows staff with cost:view shipped units at their recorded cost and the rest at today's average; nobody else sees it", async () => {
    const product = await createProduct(db, "MARGIN-A", 11_300n);
    await receiveAt(product, 10, 5_000n);
    const { order, lines } = await createConfirmedOrder(db, { organizationId: buyerId, lines: [{ productId: product, quantity: 4, unitPriceFen: 11_300n }] });
    await shipOrder(warehouse, { _key: newKey(), orderId: order.id, fromLocationId: bj, carrier: "顺丰速运", trackingNumber: "SF-M-1", lines: [{ orderLineId: lines[0]!.id, quantity: 1 }] });
    // the average rises to (9 × 50.00 + 9 × 70.00) / 18 = 60.00 after the shipment
    await receiveAt(product, 9, 7_000n);

    const finance = await ctxOf(db, "finance@demo.cn");
    const margin = await orderMargin(db, finance.actor, order.id);
    // 4 × 113.00 = 452.00 gross, 400.00 net; cost 50.00 shipped + 3 × 60.00 = 230.00; margin 170.00 = 42.50%
    const expected = { netFen: 40_000n, costFen: 23_000n, marginFen: 17_000n, marginBp: 4_250 };
    expect(margin).toEqual({ lines: { [lines[0]!.id]: expected }, total: expected });
    expect((await getDeskOrder(finance, order.id)).margin).toEqual(margin);

    // the warehouse and the order desk have no cost:view; a partner never
    expect(await orderMargin(db, warehouse.actor, order.id)).toBeNull();
    expect(await orderMargin(db, desk.actor, order.id)).toBeNull();
    expect(await orderMargin(db, dealer.actor, order.id)).toBeNull();
    expect((await getDeskOrder(desk, order.id)).margin).toBeNull();
  });
});

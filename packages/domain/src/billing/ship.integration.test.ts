import { and, eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { invoiceLines, invoices, orderEvents, orderLines, orders, organizations, serialNumbers, shipmentLines, shipments, stockMoves, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { receiveSerials } from "../inventory/documents/serials";
import { applyMoves } from "../inventory/ledger";
import { ctxOf, newKey, orgByCode, seedDemoData } from "@cs/testing/demo";
import { expectDomainError } from "@cs/testing/billing";
import { createTestProduct, expectLedgerConsistent, levelOf, locationIdOf } from "@cs/testing/inventory";
import { createConfirmedOrder, stockUp } from "@cs/testing/orders";
import type { Ctx } from "../shared/context";
import { confirmDelivery, shipOrder } from "./ship";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;
let warehouse: Ctx;
let buyerId: string;
let bj: string;
let plain: string;
let serial: string;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  warehouse = await ctxOf(db, "warehouse@demo.cn");
  const dealer = await orgByCode(db, "DL-0001");
  buyerId = dealer.id;
  await db.update(organizations).set({ paymentTermsDays: 30 }).where(eq(organizations.id, buyerId));
  bj = await locationIdOf(db, "WH-BJ");
  plain = await createTestProduct(db, "BILL-PLAIN");
  serial = await createTestProduct(db, "BILL-SERIAL", true);
  await stockUp(db, plain, "WH-BJ", 100);
  // serialized units with their serials, as a receipt would bring them in
  await db.transaction(async (tx) => {
    const ids = await receiveSerials(tx, 0, serial, ["SN-1", "SN-2", "SN-3", "SN-4"], bj);
    await applyMoves(tx, null, [
      { productId: serial, quantity: 4, fromLocationId: await locationIdOf(tx, "SUPPLIER"), toLocationId: bj, reason: "receipt", referenceType: "test", referenceId: "sn", serialIds: ids },
    ]);
  });
});

afterEach(() => expectLedgerConsistent(db));

const order = (lines: { productId: string; quantity: number; unitPriceFen: bigint }[]) => createConfirmedOrder(db, { organizationId: buyerId, lines });

describe("shipOrder", () => {
  it("ships part of an order, issues its invoice with per-line VAT and leaves the rest reserved", async () => {
    const { order: o, lines } = await order([
      { productId: plain, quantity: 10, unitPriceFen: 1_001n },
      { productId: serial, quantity: 2, unitPriceFen: 500_000n },
    ]);
    const before = await levelOf(db, bj, plain);
    const result = await shipOrder(warehouse, {
      orderId: o.id,
      fromLocationId: bj,
      carrier: "顺丰速运",
      trackingNumber: "SF1234567890",
      lines: [
        { orderLineId: lines[0]!.id, quantity: "3" },
        { orderLineId: lines[1]!.id, quantity: "1", serials: "SN-2" },
      ],
      _key: newKey(),
    });
    expect(result.number).toMatch(/^SH-\d{4}-\d{6}$/);
    expect(result.invoiceNumber).toMatch(/^INV-\d{4}-\d{6}$/);
    expect(result.orderStatus).toBe("partially_shipped");

    const after = await levelOf(db, bj, plain);
    expect(after).toEqual({ onHand: before.onHand - 3, reserved: before.reserved - 3 });
    const [l1, l2] = await db.select().from(orderLines).where(eq(orderLines.orderId, o.id)).orderBy(orderLines.lineNo);
    expect([l1!.quantityReserved, l1!.quantityShipped, l2!.quantityReserved, l2!.quantityShipped]).toEqual([7, 3, 1, 1]);
    const [sn] = await db.select().from(serialNumbers).where(and(eq(serialNumbers.productId, serial), eq(serialNumbers.serial, "SN-2")));
    expect(sn!.status).toBe("shipped");
    expect(sn!.locationId).toBe(await locationIdOf(db, "CUSTOMER"));
    const moves = await db.select().from(stockMoves).where(and(eq(stockMoves.referenceType, "shipment"), eq(stockMoves.referenceId, result.number)));
    expect(moves.map((m) => m.quantity).sort()).toEqual([1, 3]);

    const [inv] = await db.select().from(invoices).where(eq(invoices.id, result.invoiceId));
    const invLines = await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, result.invoiceId));
    // 3 × 10.01 = 30.03 → tax round(3003 × 13 / 113 = 345.48) = 345; 500000 → 57522.12 → 57522
    expect(invLines.map((l) => [l.grossFen, l.taxFen]).sort()).toEqual([[3_003n, 345n], [500_000n, 57_522n]]);
    expect(inv!.totalFen).toBe(503_003n);
    expect(inv!.taxFen).toBe(57_867n);
    expect(inv!.netFen).toBe(503_003n - 57_867n);
    const issued = new Date(`${inv!.issuedOn}T00:00:00Z`);
    expect((new Date(`${inv!.dueOn}T00:00:00Z`).getTime() - issued.getTime()) / 86_400_000).toBe(30);
    const [event] = await db.select().from(orderEvents).where(eq(orderEvents.orderId, o.id));
    expect(event).toMatchObject({ action: "partially_shipped", fromStatus: "confirmed", toStatus: "partially_shipped" });
  });

  it("marks the order shipped when the last reserved units leave, and a replay returns the first shipment", async () => {
    const { order: o, lines } = await order([{ productId: plain, quantity: 4, unitPriceFen: 100n }]);
    const first = { orderId: o.id, fromLocationId: bj, carrier: "EMS", trackingNumber: "E1", lines: [{ orderLineId: lines[0]!.id, quantity: 1 }], _key: newKey() };
    await shipOrder(warehouse, first);
    const key = newKey();
    const rest = { ...first, trackingNumber: "E2", lines: [{ orderLineId: lines[0]!.id, quantity: 3 }], _key: key };
    const done = await shipOrder(warehouse, rest);
    const replay = await shipOrder(warehouse, rest);
    expect(done.orderStatus).toBe("shipped");
    expect(replay).toEqual(done);
    expect(await db.$count(shipments, eq(shipments.orderId, o.id))).toBe(2);
    const [row] = await db.select().from(orders).where(eq(orders.id, o.id));
    expect(row!.status).toBe("shipped");
  });

  it.each([
    ["more than reserved", (l: string) => [{ orderLineId: l, quantity: 5 }], "lines.0.quantity", "validation.notReserved"],
    ["a negative quantity", (l: string) => [{ orderLineId: l, quantity: -1 }], "lines.0.quantity", "validation.quantityPositive"],
    ["a fractional quantity", (l: string) => [{ orderLineId: l, quantity: 1.5 }], "lines.0.quantity", "validation.quantityPositive"],
    ["nothing", (l: string) => [{ orderLineId: l, quantity: 0 }], "lines", "billing.validation.nothingToShip"],
    ["a line of another order", () => [{ orderLineId: "00000000-0000-4000-8000-000000000000", quantity: 1 }], "lines.0.orderLineId", "validation.invalid"],
    ["serials on a plain product", (l: string) => [{ orderLineId: l, quantity: 1, serials: ["X"] }], "lines.0.serials", "stock.validation.notSerialized"],
  ])("refuses %s and changes nothing", async (_name, lines, field, key) => {
    const { order: o, lines: ol } = await order([{ productId: plain, quantity: 4, unitPriceFen: 100n }]);
    const counts = async () => [await db.$count(shipments), await db.$count(invoices), await db.$count(stockMoves)];
    const before = await counts();
    await expectUnchanged(db, () => expectDomainError(
      shipOrder(warehouse, { orderId: o.id, fromLocationId: bj, carrier: "EMS", trackingNumber: "E1", lines: lines(ol[0]!.id), _key: newKey() }),
      { fields: { [field]: [key] } },
    ));
    expect(await counts()).toEqual(before);
  });

  it("needs exactly `quantity` serials that are in stock at the location", async () => {
    const { order: o, lines } = await order([{ productId: serial, quantity: 2, unitPriceFen: 100n }]);
    const ship = (serials: string[]) =>
      shipOrder(warehouse, { orderId: o.id, fromLocationId: bj, carrier: "EMS", trackingNumber: "E1", lines: [{ orderLineId: lines[0]!.id, quantity: 2, serials }], _key: newKey() });
    await expectUnchanged(db, () => expectDomainError(ship(["SN-1"]), { fields: { "lines.0.serials": ["billing.validation.serialCount"] } }));
    await expectUnchanged(db, () => expectDomainError(ship(["SN-1", "SN-1"]), { fields: { "lines.0.serials": ["billing.validation.serialCount"] } }));
    await expectUnchanged(db, () => expectDomainError(ship(["SN-1", "SN-404"]), { fields: { "lines.0.serials": ["stock.validation.serialNotHere"] } }));
    await ship(["SN-1", "SN-3"]);
  });

  it("refuses a buyer on credit hold, an order that is not confirmed, and other branches' warehouses", async () => {
    const { order: o, lines } = await order([{ productId: plain, quantity: 2, unitPriceFen: 100n }]);
    const input = { orderId: o.id, fromLocationId: bj, carrier: "EMS", trackingNumber: "E1", lines: [{ orderLineId: lines[0]!.id, quantity: 1 }] };
    await db.update(organizations).set({ creditHold: true }).where(eq(organizations.id, buyerId));
    await expectUnchanged(db, () => expectDomainError(shipOrder(warehouse, { ...input, _key: newKey() }), { code: "billing.validation.creditHold" }));
    await db.update(organizations).set({ creditHold: false }).where(eq(organizations.id, buyerId));
    await expectUnchanged(db, async () => expectDomainError(shipOrder(warehouse, { ...input, fromLocationId: await locationIdOf(db, "WH-SH"), _key: newKey() }), {
      fields: { fromLocationId: ["validation.invalid"] },
    }));
    await db.update(orders).set({ status: "pending_approval" }).where(eq(orders.id, o.id));
    await expectUnchanged(db, () => expectDomainError(shipOrder(warehouse, { ...input, _key: newKey() }), { code: "billing.validation.orderNotShippable" }));
    const finance = await ctxOf(db, "finance@demo.cn");
    await expectUnchanged(db, () => expectDomainError(shipOrder(finance, { ...input, _key: newKey() }), { code: "errors.forbidden" }));
    const dealer = await ctxOf(db, "dealer@demo.cn");
    await db.update(orders).set({ status: "confirmed" }).where(eq(orders.id, o.id));
    await expectUnchanged(db, () => expectDomainError(shipOrder(dealer, { ...input, _key: newKey() }), { code: "errors.notFound" }));
  });

  it("records delivery once", async () => {
    const { order: o, lines } = await order([{ productId: plain, quantity: 1, unitPriceFen: 100n }]);
    const { shipmentId } = await shipOrder(warehouse, { orderId: o.id, fromLocationId: bj, carrier: "EMS", trackingNumber: "E9", lines: [{ orderLineId: lines[0]!.id, quantity: 1 }], _key: newKey() });
    const first = await confirmDelivery(warehouse, { shipmentId });
    const again = await confirmDelivery(warehouse, { shipmentId });
    expect(again.deliveredAt).toEqual(first.deliveredAt);
    const [s] = await db.select().from(shipments).where(eq(shipments.id, shipmentId));
    expect(s!.status).toBe("delivered");
    expect(await db.$count(shipmentLines, eq(shipmentLines.shipmentId, shipmentId))).toBe(1);
    expect(await db.execute(sql`select 1 from order_events where order_id = ${o.id} and action = 'delivered'`)).toHaveLength(1);
  });
});

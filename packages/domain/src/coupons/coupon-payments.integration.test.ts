import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { invoices, orderLines, orders, paymentAllocations, payments, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { agingOfPartner } from "../billing/aging";
import { shipOrder } from "../billing/ship";
import { statementOfAccount } from "../billing/statement";
import { cancelOrder } from "../orders/cancel-order";
import { creditExposure } from "../orders/credit";
import { submitOrder } from "../orders/submit-order";
import type { Ctx } from "../shared/context";
import { addDays, shanghaiToday } from "../shared/dates";
import { ctxOf, newKey, seedDemoData } from "@cs/testing/demo";
import { readyBuyer, stockedProducts } from "@cs/testing/ordering";
import { expectUnchanged } from "@cs/testing/unchanged";
import { issueCoupon } from "./issue";

// The coupon's part of an order is a `coupon` payment of the order, allocated to its invoices like
// the rebate balance's (docs/decisions/024): receivables, statement and credit count total − coupon.

let db: Database;
let marketing: Ctx;
let buyer: Ctx;
let desk: Ctx;
let finance: Ctx;
let warehouse: Ctx;
let setup: Awaited<ReturnType<typeof readyBuyer>>;
let stocked: string[];
const today = shanghaiToday();

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  setup = await readyBuyer(db, "DL-0001");
  marketing = await ctxOf(db, "marketing@demo.cn");
  buyer = await ctxOf(db, "buyer@demo.cn");
  desk = await ctxOf(db, "orderdesk@demo.cn");
  finance = await ctxOf(db, "finance@demo.cn");
  warehouse = await ctxOf(db, "warehouse@demo.cn");
  stocked = await stockedProducts(db, "CPP", 2, setup.warehouses[0]!, 1000);
});

const coupon = (overrides: Record<string, unknown>) =>
  issueCoupon(marketing, { _key: newKey(), target: "organization", organizationId: setup.org.id, kind: "amount", amount: "10.00", minOrder: "", validFrom: today, validUntil: addDays(today, 30), usesAllowed: "1", description: "Thanks", ...overrides });
const checkout = (code: string, quantity: number) =>
  submitOrder(buyer, { _key: newKey(), shipToAddressId: setup.addressId, lines: [{ productId: stocked[0]!, quantity }], couponCode: code });
const orderRow = async (id: string) => (await db.select().from(orders).where(eq(orders.id, id)))[0]!;
const couponPayment = async (orderId: string) => (await db.select().from(payments).where(and(eq(payments.orderId, orderId), eq(payments.method, "coupon"))))[0];
const exposure = () => creditExposure(db, setup.org.id);
const aging = async () => (await agingOfPartner(db, finance.actor, setup.org.id, today)).balanceFen;
const closing = async () => (await statementOfAccount(finance, setup.org.id, { from: today, to: today })).closingFen;

describe("a coupon's part of an order in billing", () => {
  it("settles the invoices of a coupon order shipped in two parts: receivables, statement and credit count total − coupon", async () => {
    const [exposure0, aging0, closing0] = [await exposure(), await aging(), await closing()];
    // 75% of two units: more than the first invoice, so the coupon settles the first whole and part of the second
    const issued = await coupon({ kind: "percent", amount: "", percent: "75" });
    const placed = await checkout(issued.code, 2);
    const order = await orderRow(placed.orders[0]!.id);
    expect(order.status).toBe("confirmed");
    const discount = order.couponDiscountFen;
    expect(discount > 0n && discount < order.totalFen).toBe(true);
    const payment = await couponPayment(order.id);
    expect(payment).toMatchObject({ amountFen: discount, unallocatedFen: discount, receivedOn: today });
    expect(payment!.number).toMatch(/^PAY-\d{4}-\d{6,}$/);
    expect(await exposure()).toBe(exposure0 + order.totalFen - discount);

    const [line] = await db.select().from(orderLines).where(eq(orderLines.orderId, order.id));
    const ship = () =>
      shipOrder(warehouse, { _key: newKey(), orderId: order.id, fromLocationId: setup.warehouses[0]!, carrier: "顺丰速运", trackingNumber: `SF-${newKey().slice(0, 8)}`, lines: [{ orderLineId: line!.id, quantity: 1 }] });
    const first = await ship();
    const [inv1] = await db.select().from(invoices).where(eq(invoices.id, first.invoiceId));
    expect(inv1!.settledFen).toBe(inv1!.totalFen);
    expect(await exposure()).toBe(exposure0 + order.totalFen - discount);
    const second = await ship();
    const [inv2] = await db.select().from(invoices).where(eq(invoices.id, second.invoiceId));
    expect(inv1!.totalFen + inv2!.totalFen).toBe(order.totalFen);
    expect(inv2!.totalFen - inv2!.settledFen).toBe(order.totalFen - discount);
    expect(await couponPayment(order.id)).toMatchObject({ amountFen: discount, unallocatedFen: 0n });
    const allocated = await db.select().from(paymentAllocations).where(eq(paymentAllocations.paymentId, payment!.id));
    expect(allocated.reduce((s, a) => s + a.amountFen, 0n)).toBe(discount);

    expect(await exposure()).toBe(exposure0 + order.totalFen - discount);
    expect(await aging()).toBe(aging0 + order.totalFen - discount);
    expect(await closing()).toBe(closing0 + order.totalFen - discount);
    const statement = await statementOfAccount(finance, setup.org.id, { from: today, to: today });
    expect(statement.entries.find((e) => e.number === payment!.number)).toMatchObject({ kind: "coupon", creditFen: discount });
  });

  it("shrinks away what a coupon payment holds once the order has nothing left to ship", async () => {
    const issued = await coupon({ kind: "percent", amount: "", percent: "75" });
    const placed = await checkout(issued.code, 3);
    const order = await orderRow(placed.orders[0]!.id);
    const [line] = await db.select().from(orderLines).where(eq(orderLines.orderId, order.id));
    // the desk cancels two of the three units (here: straight on the line); the last one ships
    await db.update(orderLines).set({ quantityCancelled: 2, quantityReserved: 1 }).where(eq(orderLines.id, line!.id));
    const shipped = await shipOrder(warehouse, { _key: newKey(), orderId: order.id, fromLocationId: setup.warehouses[0]!, carrier: "顺丰速运", trackingNumber: `SF-${newKey().slice(0, 8)}`, lines: [{ orderLineId: line!.id, quantity: 1 }] });
    const [invoice] = await db.select().from(invoices).where(eq(invoices.id, shipped.invoiceId));
    expect(invoice!.settledFen).toBe(invoice!.totalFen);
    expect(await couponPayment(order.id)).toMatchObject({ amountFen: invoice!.totalFen, unallocatedFen: 0n });
  });

  it("leaves no unallocated coupon payment when the order is cancelled, and a retry changes nothing", async () => {
    const exposure0 = await exposure();
    const closing0 = await closing();
    const issued = await coupon({});
    const placed = await checkout(issued.code, 2);
    const orderId = placed.orders[0]!.id;
    expect(await couponPayment(orderId)).toMatchObject({ amountFen: 10_00n, unallocatedFen: 10_00n });
    await cancelOrder(desk, { orderId });
    expect(await couponPayment(orderId)).toMatchObject({ amountFen: 0n, unallocatedFen: 0n });
    expect((await orderRow(orderId)).couponDiscountFen).toBe(10_00n);
    expect(await exposure()).toBe(exposure0);
    expect(await closing()).toBe(closing0);
    await expectUnchanged(db, () => cancelOrder(desk, { orderId }));
  });
});

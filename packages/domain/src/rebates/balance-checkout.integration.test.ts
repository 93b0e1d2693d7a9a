import { and, eq, ne } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, divisions, invoices, orderLines, orders, paymentAllocations, payments, productLines, products, rebateLedger, supplyRoutes, type Database } from "@cs/db";
import { testDatabaseUrl, testDb } from "../../../../tests/db";
import { shipOrder } from "../billing/ship";
import { cancelOrder } from "../orders/cancel-order";
import { creditExposure } from "../orders/credit";
import { submitOrder } from "../orders/submit-order";
import type { Ctx } from "../shared/context";
import { expectDomainError } from "@cs/testing/billing";
import { ctxOf, newKey, orgByCode, seedDemoData } from "@cs/testing/demo";
import { orderingCounts, readyBuyer, stockedProducts } from "@cs/testing/ordering";
import { balanceOf, creditBalance, ledgerConsistent } from "@cs/testing/rebate-balance";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;
let buyer: Ctx;
let finance: Ctx;
let desk: Ctx;
let warehouse: Ctx;
let setup: Awaited<ReturnType<typeof readyBuyer>>;
let stocked: string[];

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  setup = await readyBuyer(db, "DL-0001");
  buyer = await ctxOf(db, "buyer@demo.cn");
  finance = await ctxOf(db, "finance@demo.cn");
  desk = await ctxOf(db, "orderdesk@demo.cn");
  warehouse = await ctxOf(db, "warehouse@demo.cn");
  stocked = await stockedProducts(db, "RBU", 3, setup.warehouses[0]!, 1000);
  await creditBalance(db, finance, setup.org.id, 5000_00n);
});

afterEach(async () => {
  expect(await ledgerConsistent(db, setup.org.id)).toBe(true);
});

const checkout = (rebateAmount: string | undefined, lines = [{ productId: stocked[0]!, quantity: 2 }], key = newKey()) =>
  submitOrder(buyer, { _key: key, shipToAddressId: setup.addressId, lines, rebateAmount });
const orderRow = async (id: string) => (await db.select().from(orders).where(eq(orders.id, id)))[0]!;
const rebatePayment = async (orderId: string) => (await db.select().from(payments).where(eq(payments.orderId, orderId)))[0];

describe("rebate balance at checkout", () => {
  it("pays part of the order from the balance as a rebate payment, once per submission key", async () => {
    const before = await balanceOf(db, setup.org.id);
    const exposureBefore = await creditExposure(db, setup.org.id);
    const key = newKey();
    const placed = await checkout("100.50", undefined, key);
    const order = await orderRow(placed.orders[0]!.id);
    expect(order.rebateAppliedFen).toBe(100_50n);
    const payment = await rebatePayment(order.id);
    expect(payment).toMatchObject({ method: "rebate", organizationId: setup.org.id, amountFen: 100_50n, unallocatedFen: 100_50n });
    expect(payment!.number).toMatch(/^PAY-\d{4}-\d{6}$/);
    const [use] = await db.select().from(rebateLedger).where(and(eq(rebateLedger.orderId, order.id), eq(rebateLedger.kind, "checkout_use")));
    expect(use).toMatchObject({ amountFen: -100_50n, balanceAfterFen: before - 100_50n, paymentId: payment!.id });
    expect(await balanceOf(db, setup.org.id)).toBe(before - 100_50n);
    // the rebate counts as paid: exposure grows by the order less the rebate
    expect(await creditExposure(db, setup.org.id)).toBe(exposureBefore + order.totalFen - 100_50n);

    const replay = await checkout("100.50", undefined, key);
    expect(replay).toMatchObject({ replayed: true, orders: [{ id: order.id }] });
    expect(await balanceOf(db, setup.org.id)).toBe(before - 100_50n);
  });

  it("never overdraws when two people of the partner spend the balance at once", async () => {
    const dealer = await ctxOf(db, "dealer@demo.cn");
    const balance = await balanceOf(db, setup.org.id);
    const share = (balance * 6n) / 10n;
    const amount = `${share / 100n}.${String(share % 100n).padStart(2, "0")}`;
    const lines = [{ productId: stocked[1]!, quantity: 900 }];
    const pool = createDatabase(testDatabaseUrl(), { max: 2 });
    try {
      const outcomes = await Promise.allSettled(
        [buyer, dealer].map((who) => submitOrder({ ...who, db: pool }, { _key: newKey(), shipToAddressId: setup.addressId, lines, rebateAmount: amount })),
      );
      expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
      const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === "rejected")!;
      expect((refused.reason as { fieldErrors?: unknown }).fieldErrors).toEqual({ rebateAmount: ["rebateBalance.errors.moreThanBalance"] });
    } finally {
      await pool.$client.end();
    }
    expect(await balanceOf(db, setup.org.id)).toBe(balance - share);
    await creditBalance(db, finance, setup.org.id, share); // the next tests spend more
  });

  it("refuses more than the balance, more than the order, or a negative amount, and writes nothing", async () => {
    const counts = await orderingCounts(db);
    const balance = await balanceOf(db, setup.org.id);
    const big = [{ productId: stocked[1]!, quantity: 900 }];
    await expectUnchanged(db, () => expectDomainError(checkout(String(balance / 100n + 1n), big), { fields: { rebateAmount: ["rebateBalance.errors.moreThanBalance"] } }));
    await expectUnchanged(db, () => expectDomainError(checkout("4000", [{ productId: stocked[1]!, quantity: 1 }]), { fields: { rebateAmount: ["rebateBalance.errors.moreThanTotal"] } }));
    await expectUnchanged(db, () => expectDomainError(checkout("-5"), { fields: { rebateAmount: ["rebateBalance.errors.negative"] } }));
    await expectUnchanged(db, () => expectDomainError(checkout("abc"), { fields: { rebateAmount: ["validation.money"] } }));
    expect(await orderingCounts(db)).toEqual(counts);
    expect(await balanceOf(db, setup.org.id)).toBe(balance);
  });

  it("settles the order's invoices from the rebate payment as they are issued, then returns what is left", async () => {
    const placed = await checkout("250", [{ productId: stocked[2]!, quantity: 4 }]);
    const order = await orderRow(placed.orders[0]!.id);
    const [line] = await db.select().from(orderLines).where(eq(orderLines.orderId, order.id));
    const unit = line!.unitPriceFen;
    expect(unit * 2n < 250_00n && unit * 3n > 250_00n).toBe(true);
    const ship = (quantity: number) =>
      shipOrder(warehouse, { _key: newKey(), orderId: order.id, fromLocationId: setup.warehouses[0]!, carrier: "顺丰速运", trackingNumber: `SF-${newKey().slice(0, 8)}`, lines: [{ orderLineId: line!.id, quantity }] });
    const first = await ship(1);
    const [inv1] = await db.select().from(invoices).where(eq(invoices.id, first.invoiceId));
    expect(inv1!.settledFen).toBe(unit);
    expect((await rebatePayment(order.id))!.unallocatedFen).toBe(250_00n - unit);

    // the rest of the line is cancelled by the desk (here: straight on the line) and the last unit ships
    await db.update(orderLines).set({ quantityCancelled: 2, quantityReserved: 1 }).where(eq(orderLines.id, line!.id));
    const balance = await balanceOf(db, setup.org.id);
    const last = await ship(1);
    const [inv2] = await db.select().from(invoices).where(eq(invoices.id, last.invoiceId));
    expect(inv2!.settledFen).toBe(unit);
    const allocated = await db.select().from(paymentAllocations).where(eq(paymentAllocations.paymentId, (await rebatePayment(order.id))!.id));
    expect(allocated.map((a) => a.amountFen)).toEqual([unit, unit]);
    // the payment is what it paid: the two invoices
    expect(await rebatePayment(order.id)).toMatchObject({ amountFen: 2n * unit, unallocatedFen: 0n });
    expect(await balanceOf(db, setup.org.id)).toBe(balance + 250_00n - 2n * unit);
    expect((await orderRow(order.id)).rebateAppliedFen).toBe(2n * unit);
  });

  it("returns the rebate to the balance when the order is cancelled, once", async () => {
    const balance = await balanceOf(db, setup.org.id);
    const placed = await checkout("80");
    expect(await balanceOf(db, setup.org.id)).toBe(balance - 80_00n);
    await cancelOrder(desk, { orderId: placed.orders[0]!.id });
    await cancelOrder(desk, { orderId: placed.orders[0]!.id });
    expect(await balanceOf(db, setup.org.id)).toBe(balance);
    const releases = await db.select().from(rebateLedger).where(and(eq(rebateLedger.orderId, placed.orders[0]!.id), eq(rebateLedger.kind, "checkout_release")));
    expect(releases.map((r) => r.amountFen)).toEqual([80_00n]);
    expect(await rebatePayment(placed.orders[0]!.id)).toMatchObject({ amountFen: 0n, unallocatedFen: 0n });
    expect((await orderRow(placed.orders[0]!.id)).rebateAppliedFen).toBe(0n);
  });

  it("applies the rebate to the distributor's order only when a master distributor supplies part of the cart", async () => {
    const master = (await orgByCode(db, "AG-001")).parentId!;
    const [ownDivision] = await db.select({ d: productLines.divisionId }).from(productLines).innerJoin(products, eq(products.productLineId, productLines.id)).where(eq(products.id, stocked[0]!));
    const [otherLine] = await db.select({ id: productLines.id, divisionId: productLines.divisionId }).from(productLines).innerJoin(divisions, eq(divisions.id, productLines.divisionId)).where(ne(productLines.divisionId, ownDivision!.d)).limit(1);
    const [supplied] = await db.insert(products).values({ productLineId: otherLine!.id, sku: "RBU-MD-1", nameZh: "总代供货", nameEn: "Master supplied", listPriceFen: 5000_00n, costFen: 4000_00n }).returning();
    await db.insert(supplyRoutes).values({ supplierId: master, divisionId: otherLine!.divisionId });
    try {
      const lines = [{ productId: stocked[0]!, quantity: 1 }, { productId: supplied!.id, quantity: 1 }];
      await expectUnchanged(db, () => expectDomainError(checkout("4000", lines), { fields: { rebateAmount: ["rebateBalance.errors.moreThanTotal"] } }));
      const placed = await checkout("10", lines);
      const [own, md] = [await orderRow(placed.orders[0]!.id), await orderRow(placed.orders[1]!.id)];
      expect([own.supplierId, own.rebateAppliedFen]).toEqual([null, 10_00n]);
      expect([md.supplierId, md.rebateAppliedFen]).toEqual([master, 0n]);
      expect(await rebatePayment(md.id)).toBeUndefined();
    } finally {
      await db.delete(supplyRoutes).where(eq(supplyRoutes.supplierId, master));
    }
  });
});

import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  addresses,
  auditLog,
  cartItems,
  createDatabase,
  DISTRIBUTOR_OWNER,
  divisions,
  orderEvents,
  orderLines,
  orders,
  orderSubmissions,
  organizations,
  productLines,
  products,
  stockLevels,
  supplyRoutes,
  type Database,
} from "@cs/db";
import { testDatabaseUrl, testDb } from "../../../../tests/db";
import { splitVat } from "../billing/vat";
import { addLinesToCart } from "../cart/add";
import { resolvePrices } from "../pricing/resolve";
import type { Ctx } from "../shared/context";
import { nextDocumentNumber } from "../shared/document-number";
import { ConflictError, ValidationError } from "../shared/errors";
import { ctxOf, newKey, orgByCode, seedDemoData } from "@cs/testing/demo";
import { expectLedgerConsistent } from "@cs/testing/inventory";
import { orderingCounts, readyBuyer, receive, stockedProducts } from "@cs/testing/ordering";
import { UnacceptedChangesError } from "./changes";
import { creditExposure } from "./credit";
import { getOrder } from "./get-order";
import { submitOrder } from "./submit-order";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;
let buyer: Ctx;
let dealer2: Ctx;
let setup: Awaited<ReturnType<typeof readyBuyer>>;
let stocked: string[];

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  setup = await readyBuyer(db, "DL-0001");
  await readyBuyer(db, "DL-0002");
  buyer = await ctxOf(db, "buyer@demo.cn");
  dealer2 = await ctxOf(db, "dealer2@demo.cn");
  stocked = await stockedProducts(db, "SUB", 4, setup.warehouses[0]!, 1000);
});

afterEach(async () => {
  await expectLedgerConsistent(db);
});

const base = () => ({ _key: newKey(), shipToAddressId: setup.addressId });
const refused = async (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e);

describe("submitOrder", () => {
  it("prices on the server, splits VAT per line, reserves stock and numbers the order", async () => {
    const lines = [
      { productId: stocked[0]!, quantity: 3, unitPriceFen: 1 },
      { productId: stocked[1]!, quantity: 7 },
    ];
    const result = await submitOrder(buyer, { ...base(), poNumber: " PO-778 ", notes: "周五前送达", lines });
    expect(result.replayed).toBe(false);
    expect(result.orders).toHaveLength(1);
    const placed = result.orders[0]!;
    expect(placed.status).toBe("confirmed");
    expect(placed.number).toMatch(/^SO-\d{4}-\d{6}$/);

    const prices = await resolvePrices(db, { organizationId: setup.org.id, lines });
    const [order] = await db.select().from(orders).where(eq(orders.id, placed.id));
    const saved = await db.select().from(orderLines).where(eq(orderLines.orderId, placed.id)).orderBy(orderLines.lineNo);
    expect(saved.map((l) => [l.productId, l.quantity, l.unitPriceFen, l.quantityReserved, l.quantityBackordered])).toEqual(
      lines.map((l) => [l.productId, l.quantity, prices.get(l.productId)!.unitPriceFen, l.quantity, 0]),
    );
    for (const l of saved) {
      expect(l.lineTotalFen).toBe(l.unitPriceFen * BigInt(l.quantity));
      expect(l.taxFen).toBe(splitVat(l.lineTotalFen).taxFen);
    }
    expect(order).toMatchObject({ poNumber: "PO-778", notes: "周五前送达", organizationId: setup.org.id, ownerBranchId: setup.org.ownerBranchId, supplierId: null, placedBy: buyer.actor.userId });
    expect(order!.totalFen).toBe(saved.reduce((s, l) => s + l.lineTotalFen, 0n));
    expect(order!.taxFen).toBe(saved.reduce((s, l) => s + l.taxFen, 0n));
    expect(order!.confirmedAt).not.toBeNull();
    const reserved = await db.execute<{ q: number }>(sql`select coalesce(sum(quantity), 0)::int as q from stock_reservations where reference_type = 'order' and reference_id = ${placed.id}`);
    expect(Number(reserved[0]!.q)).toBe(10);
    const events = await db.select().from(orderEvents).where(eq(orderEvents.orderId, placed.id)).orderBy(orderEvents.id);
    expect(events.map((e) => [e.action, e.fromStatus, e.toStatus])).toEqual([
      ["submitted", null, "submitted"],
      ["confirmed", "submitted", "confirmed"],
    ]);
    const audit = await db.select().from(auditLog).where(eq(auditLog.entityId, placed.id));
    expect(audit.map((a) => a.action)).toEqual(["order.submit"]);
  });

  it("orders the cart, read on the server, and empties the ordered lines", async () => {
    await addLinesToCart(buyer, [
      { productId: stocked[2]!, quantity: 2 },
      { productId: stocked[3]!, quantity: 1 },
    ]);
    const result = await submitOrder(buyer, base());
    const saved = await db.select().from(orderLines).where(eq(orderLines.orderId, result.orders[0]!.id)).orderBy(orderLines.lineNo);
    expect(saved.map((l) => [l.productId, l.quantity])).toEqual([
      [stocked[2], 2],
      [stocked[3], 1],
    ]);
    expect(await db.select().from(cartItems).where(eq(cartItems.userId, buyer.actor.userId))).toEqual([]);
  });

  it("refuses price changes since adding that the buyer has not confirmed, and takes them once confirmed", async () => {
    await addLinesToCart(buyer, [{ productId: stocked[0]!, quantity: 1 }]);
    await db.update(cartItems).set({ seenUnitPriceFen: 1n }).where(and(eq(cartItems.userId, buyer.actor.userId), eq(cartItems.productId, stocked[0]!)));
    const before = await orderingCounts(db);
    const error = await refused(submitOrder(buyer, base()));
    expect(error).toBeInstanceOf(UnacceptedChangesError);
    const changes = (error as UnacceptedChangesError).changes;
    expect(changes.map((c) => [c.productId, c.seenUnitPriceFen])).toEqual([[stocked[0], 1n]]);
    expect(await orderingCounts(db)).toEqual(before);
    const result = await submitOrder(buyer, { ...base(), acceptedChanges: changes.map((c) => c.token) });
    expect(result.orders).toHaveLength(1);
  });

  it("makes exactly one order from 20 parallel submissions with one key, and replays it", async () => {
    const pool = createDatabase(testDatabaseUrl(), { max: 20 });
    try {
      const before = await orderingCounts(db);
      const input = { ...base(), lines: [{ productId: stocked[0]!, quantity: 1 }] };
      const results = await Promise.all(Array.from({ length: 20 }, () => submitOrder({ ...buyer, db: pool }, input)));
      const ids = new Set(results.flatMap((r) => r.orders.map((o) => o.id)));
      expect(ids.size).toBe(1);
      expect(results.filter((r) => !r.replayed)).toHaveLength(1);
      const after = await orderingCounts(db);
      expect(after.orders - before.orders).toBe(1);
      expect(after.keys - before.keys).toBe(1);
      const again = await submitOrder(buyer, input);
      expect(again).toEqual({ orders: results[0]!.orders, replayed: true });
    } finally {
      await pool.$client.end({ timeout: 5 });
    }
  });

  it.each([
    ["the orders' insert", "FAIL-INSERT"],
    ["a notice", "FAIL-NOTICE"],
  ])("writes nothing when %s fails in the last flight, sent with the COMMIT", async (_, poNumber) => {
    // Real failures from PostgreSQL itself: triggers that refuse a marked order or its notice.
    await db.execute(sql`
      create or replace function test_refuse_order() returns trigger language plpgsql as $$
      begin
        if new.po_number = 'FAIL-INSERT' then raise exception 'refused by test trigger'; end if;
        return new;
      end $$`);
    await db.execute(sql`
      create or replace function test_refuse_notice() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from orders o where o.id::text = new.entity_id and o.po_number = 'FAIL-NOTICE') then raise exception 'refused by test trigger'; end if;
        return new;
      end $$`);
    await db.execute(sql`create trigger test_refuse_orders before insert on orders for each row execute function test_refuse_order()`);
    await db.execute(sql`create trigger test_refuse_notices before insert on notifications for each row execute function test_refuse_notice()`);
    try {
      await addLinesToCart(buyer, [{ productId: stocked[1]!, quantity: 2 }]);
      const reserved = async () => Number((await db.select({ n: sql<number>`coalesce(sum(${stockLevels.reserved}), 0)::int` }).from(stockLevels).where(eq(stockLevels.productId, stocked[1]!)))[0]!.n);
      const [counts, held, audits] = [await orderingCounts(db), await reserved(), (await db.select({ n: sql<number>`count(*)::int` }).from(auditLog))[0]!.n];
      const error = await refused(submitOrder(buyer, { ...base(), poNumber }));
      expect(String((error as Error)?.message ?? error)).toMatch(/refused by test trigger/);
      expect(await orderingCounts(db)).toEqual(counts);
      expect(await reserved()).toBe(held);
      expect((await db.select({ n: sql<number>`count(*)::int` }).from(auditLog))[0]!.n).toBe(audits);
      expect((await db.select().from(cartItems).where(eq(cartItems.userId, buyer.actor.userId))).map((c) => [c.productId, c.quantity])).toEqual([[stocked[1], 2]]);
    } finally {
      await db.execute(sql`drop trigger test_refuse_orders on orders; drop trigger test_refuse_notices on notifications; drop function test_refuse_order(); drop function test_refuse_notice()`);
      await db.delete(cartItems).where(eq(cartItems.userId, buyer.actor.userId));
    }
  });

  it("refuses a reused key with different content and changes nothing", async () => {
    const input = { ...base(), lines: [{ productId: stocked[1]!, quantity: 1 }] };
    await submitOrder(buyer, input);
    const before = await orderingCounts(db);
    const error = await refused(submitOrder(buyer, { ...input, lines: [{ productId: stocked[1]!, quantity: 2 }] }));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).code).toBe("orders.errors.keyReused");
    expect(await orderingCounts(db)).toEqual(before);
  });

  describe("bad input changes nothing", () => {
    const many = () => Array.from({ length: 501 }, (_, i) => ({ productId: stocked[i % 4]!, quantity: 1 }));
    const cases: [string, () => Promise<Record<string, unknown>>, Record<string, string[]>][] = [
      ["more than 500 lines", async () => ({ lines: many() }), { lines: ["orders.errors.tooManyLines"] }],
      ["a fractional quantity", async () => ({ lines: [{ productId: stocked[0]!, quantity: 1.5 }] }), { "lines.0.quantity": ["orders.errors.quantityWhole"] }],
      ["a zero quantity", async () => ({ lines: [{ productId: stocked[0]!, quantity: 0 }] }), { "lines.0.quantity": ["orders.errors.quantityPositive"] }],
      ["a negative quantity", async () => ({ lines: [{ productId: stocked[0]!, quantity: -2 }] }), { "lines.0.quantity": ["orders.errors.quantityPositive"] }],
      ["no lines", async () => ({ lines: [] }), { lines: ["orders.errors.empty"] }],
      ["a requested date in the past", async () => ({ requestedDate: "2020-01-01", lines: [{ productId: stocked[0]!, quantity: 1 }] }), { requestedDate: ["orders.errors.dateInPast"] }],
      [
        "another organization's address",
        async () => {
          const other = await orgByCode(db, "DL-0002");
          const [address] = await db.select().from(addresses).where(eq(addresses.organizationId, other.id)).limit(1);
          return { shipToAddressId: address!.id, lines: [{ productId: stocked[0]!, quantity: 1 }] };
        },
        { shipToAddressId: ["orders.errors.addressInvalid"] },
      ],
      ["a made-up address id", async () => ({ shipToAddressId: "not-a-uuid", lines: [{ productId: stocked[0]!, quantity: 1 }] }), { shipToAddressId: ["orders.errors.addressInvalid"] }],
      ["an unknown product", async () => ({ lines: [{ productId: "00000000-0000-4000-8000-000000000000", quantity: 1 }] }), { "lines.0.productId": ["orders.errors.unsellable"] }],
      [
        "an inactive product",
        async () => {
          const [p] = await stockedProducts(db, `OFF-${Date.now()}`, 1, setup.warehouses[0]!, 0);
          await db.update(products).set({ active: false }).where(eq(products.id, p!));
          return { lines: [{ productId: p!, quantity: 1 }] };
        },
        { "lines.0.productId": ["orders.errors.unsellable"] },
      ],
      ["a missing key", async () => ({ _key: "", lines: [{ productId: stocked[0]!, quantity: 1 }] }), { _key: ["validation.missingKey"] }],
    ];
    it.each(cases)("%s", async (_what, make, fields) => {
      const before = await orderingCounts(db);
      const error = await refused(submitOrder(buyer, { ...base(), ...(await make()) }));
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors).toEqual(fields);
      expect(await orderingCounts(db)).toEqual(before);
    });
  });

  it("refuses staff and partners without own_order:place", async () => {
    const desk = await ctxOf(db, "orderdesk@demo.cn");
    await expectUnchanged(db, () => expect(submitOrder(desk, { ...base(), lines: [{ productId: stocked[0]!, quantity: 1 }] })).rejects.toThrow(/own_order:place/));
  });

  describe("credit check (赊销)", () => {
    const cases: [string, bigint, boolean, string, string[]][] = [
      ["exactly at the limit", 0n, false, "confirmed", []],
      ["one fen over the limit", -1n, false, "pending_approval", ["credit_limit"]],
      ["well within the limit but on credit hold", 1_000_000_00n, true, "submitted", ["credit_hold"]],
      ["over the limit and on credit hold", -1n, true, "pending_approval", ["credit_limit", "credit_hold"]],
    ];
    it.each(cases)("%s → %s", async (_what, headroom, hold, status, reasons) => {
      const lines = [{ productId: stocked[2]!, quantity: 4 }];
      const prices = await resolvePrices(db, { organizationId: setup.org.id, lines });
      const orderFen = prices.get(stocked[2]!)!.unitPriceFen * 4n;
      const exposure = await creditExposure(db, setup.org.id);
      await db.update(organizations).set({ creditLimitFen: exposure + orderFen + headroom, creditHold: hold }).where(eq(organizations.id, setup.org.id));
      try {
        const result = await submitOrder(buyer, { ...base(), lines });
        const [order] = await db.select().from(orders).where(eq(orders.id, result.orders[0]!.id));
        expect(order).toMatchObject({ status, approvalReasons: reasons });
        const [held] = await db.select({ r: sql<number>`sum(${orderLines.quantityReserved})::int` }).from(orderLines).where(eq(orderLines.orderId, order!.id));
        expect(Number(held!.r)).toBe(status === "confirmed" ? 4 : 0);
      } finally {
        await readyBuyer(db, "DL-0001");
      }
    });

    it("counts open orders, open invoices, unapplied credit notes and unallocated payments", async () => {
      const exposure = await creditExposure(db, setup.org.id);
      const [open] = await db.execute<{ fen: string }>(sql`
        select coalesce(sum(l.unit_price_fen * (l.quantity - l.quantity_shipped - l.quantity_cancelled)), 0)::text as fen
          from orders o join order_lines l on l.order_id = o.id
         where o.organization_id = ${setup.org.id} and o.status in ('submitted', 'pending_approval', 'confirmed', 'partially_shipped')`);
      expect(exposure).toBe(BigInt(open!.fen));
      await db.execute(sql`insert into payments (number, organization_id, received_on, method, amount_fen, unallocated_fen) values ('PAY-T-1', ${setup.org.id}, '2026-01-02', 'bank_transfer', 500, 300)`);
      await db.execute(sql`insert into invoices (kind, number, organization_id, issued_on, due_on, net_fen, tax_fen, total_fen, settled_fen)
                           values ('invoice', 'INV-T-1', ${setup.org.id}, '2026-01-02', '2026-02-01', 885, 115, 1000, 100),
                                  ('credit_note', 'CN-T-1', ${setup.org.id}, '2026-01-03', '2026-01-03', 177, 23, 200, 50)`);
      expect(await creditExposure(db, setup.org.id)).toBe(exposure + 900n - 150n - 300n);
      await db.execute(sql`delete from invoices where number in ('INV-T-1', 'CN-T-1')`);
      await db.execute(sql`delete from payments where number = 'PAY-T-1'`);
    });
  });

  it("sends a division's lines to the master distributor above the buyer that supplies it", async () => {
    const [dl, ag] = [setup.org, await orgByCode(db, "AG-001")];
    expect(dl.parentId).toBe(ag.id);
    const master = ag.parentId!;
    const [otherLine] = await db
      .select({ id: productLines.id, divisionId: productLines.divisionId })
      .from(productLines)
      .innerJoin(divisions, eq(divisions.id, productLines.divisionId))
      .where(ne(productLines.divisionId, (await db.select({ d: productLines.divisionId }).from(productLines).innerJoin(products, eq(products.productLineId, productLines.id)).where(eq(products.id, stocked[0]!)))[0]!.d))
      .limit(1);
    const [supplied] = await db
      .insert(products)
      .values({ productLineId: otherLine!.id, sku: "SUB-MD-1", nameZh: "总代供货", nameEn: "Supplied by master", listPriceFen: 50_00n, costFen: 40_00n })
      .returning();
    await db.insert(supplyRoutes).values({ supplierId: master, divisionId: otherLine!.divisionId });
    try {
      const result = await submitOrder(buyer, { ...base(), lines: [{ productId: stocked[0]!, quantity: 1 }, { productId: supplied!.id, quantity: 2 }] });
      expect(result.orders.map((o) => [o.supplierId, o.status])).toEqual([
        [null, "confirmed"],
        [master, "confirmed"],
      ]);
      const [mdLine] = await db.select().from(orderLines).where(eq(orderLines.orderId, result.orders[1]!.id));
      expect(mdLine).toMatchObject({ productId: supplied!.id, quantityReserved: 0, quantityBackordered: 2 });
      const [mdOrder] = await db.select().from(orders).where(eq(orders.id, result.orders[1]!.id));
      expect(mdOrder!.divisionId).toBe(otherLine!.divisionId);
      expect(new Set(result.orders.map((o) => o.number)).size).toBe(2);
      expect((await getOrder(buyer, result.orders[0]!.id)).siblings.map((o) => o.id)).toEqual([result.orders[1]!.id]);
    } finally {
      await db.delete(supplyRoutes).where(eq(supplyRoutes.supplierId, master));
    }
  });

  it("never oversells when two dealers race for the last units", async () => {
    const [dl2] = [await readyBuyer(db, "DL-0002")];
    const central = setup.warehouses.find((w) => dl2.warehouses.includes(w))!;
    const [last] = await stockedProducts(db, "LAST", 1, central, 5);
    const pool = createDatabase(testDatabaseUrl(), { max: 4 });
    try {
      const lines = [{ productId: last!, quantity: 4 }];
      const results = await Promise.all([
        submitOrder({ ...buyer, db: pool }, { ...base(), lines }),
        submitOrder({ ...dealer2, db: pool }, { _key: newKey(), shipToAddressId: dl2.addressId, lines }),
      ]);
      const saved = await db.select().from(orderLines).where(inArray(orderLines.orderId, results.map((r) => r.orders[0]!.id)));
      expect(saved.reduce((s, l) => s + l.quantityReserved, 0)).toBe(5);
      expect(saved.reduce((s, l) => s + l.quantityBackordered, 0)).toBe(3);
      const [level] = await db.select().from(stockLevels).where(and(eq(stockLevels.productId, last!), eq(stockLevels.ownerId, DISTRIBUTOR_OWNER)));
      expect(level).toMatchObject({ onHand: 5, reserved: 5 });
    } finally {
      await pool.$client.end({ timeout: 5 });
    }
  });

  it("cancels the shortfall instead for a buyer that takes partial confirmation", async () => {
    await readyBuyer(db, "DL-0001", { backorderPolicy: "ship_available" });
    try {
      const [few] = await stockedProducts(db, "FEW", 1, setup.warehouses[0]!, 2);
      const result = await submitOrder(buyer, { ...base(), lines: [{ productId: few!, quantity: 5 }] });
      const [line] = await db.select().from(orderLines).where(eq(orderLines.orderId, result.orders[0]!.id));
      expect(line).toMatchObject({ quantityReserved: 2, quantityBackordered: 0, quantityCancelled: 3 });
    } finally {
      await readyBuyer(db, "DL-0001");
    }
  });

  it("numbers from the same gap-free SO series as nextDocumentNumber, widening past six digits", async () => {
    const year = Number(new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric" }).format(new Date()));
    await db.execute(sql`update document_sequences set last_value = 999999 where prefix = 'SO' and year = ${year}`);
    const result = await submitOrder(buyer, { ...base(), lines: [{ productId: stocked[0]!, quantity: 1 }] });
    expect(result.orders[0]!.number).toBe(`SO-${year}-1000000`);
    expect(await nextDocumentNumber(db, "SO", year)).toBe(`SO-${year}-1000001`);
  });

  it("keeps the submission key per organization", async () => {
    const key = newKey();
    const a = await submitOrder(buyer, { _key: key, shipToAddressId: setup.addressId, lines: [{ productId: stocked[0]!, quantity: 1 }] });
    const dl2 = await readyBuyer(db, "DL-0002");
    await receive(db, stocked[0]!, dl2.warehouses[0]!, 1);
    const b = await submitOrder(dealer2, { _key: key, shipToAddressId: dl2.addressId, lines: [{ productId: stocked[0]!, quantity: 1 }] });
    expect(b.replayed).toBe(false);
    expect(b.orders[0]!.id).not.toBe(a.orders[0]!.id);
    const keys = await db.select().from(orderSubmissions).where(eq(orderSubmissions.key, key));
    expect(keys).toHaveLength(2);
  });
});

import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { orders, products, repairRequests, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { ctxOf, orgByCode, seedDemoData } from "@cs/testing/demo";
import { createTestProduct } from "@cs/testing/inventory";
import { createConfirmedOrder } from "@cs/testing/orders";
import { globalSearch } from "./search";

let db: Database;
let orderNumber: string;
let productId: string;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  productId = await createTestProduct(db, "SRCH-NB-77");
  const dealer = await orgByCode(db, "DL-0001");
  const { order } = await createConfirmedOrder(db, { organizationId: dealer.id, lines: [{ productId, quantity: 1, unitPriceFen: 1_000n }], warehouseCodes: [], number: "SO-SRCH-000001" });
  orderNumber = order.number;
  await db.update(orders).set({ poNumber: "PO-长风-7788" }).where(eq(orders.id, order.id));
});

describe("globalSearch", () => {
  it("finds an order by its number, a partner by code and a product by SKU for staff", async () => {
    const admin = await ctxOf(db, "admin@demo.cn");
    expect((await globalSearch(admin, orderNumber.toLowerCase())).orders.map((o) => o.number)).toEqual([orderNumber]);
    expect((await globalSearch(admin, "DL-0001")).partners.map((p) => p.code)).toEqual(["DL-0001"]);
    const [product] = await db.select({ sku: products.sku }).from(products).where(eq(products.id, productId));
    expect((await globalSearch(admin, "srch-nb")).products.map((p) => p.sku)).toEqual([product!.sku]);
  });

  it("finds a repair request by number or serial for the service desk, and the customer's own only", async () => {
    const [repair] = await db.select({ number: repairRequests.number, serial: repairRequests.serial, endCustomerId: repairRequests.endCustomerId }).from(repairRequests).limit(1);
    const desk = await ctxOf(db, "service@demo.cn");
    expect((await globalSearch(desk, repair!.number)).repairs.map((r) => r.number)).toEqual([repair!.number]);
    expect((await globalSearch(desk, repair!.serial)).repairs.map((r) => r.number)).toContain(repair!.number);
    const customer = await ctxOf(db, "customer@demo.cn");
    const found = (await globalSearch(customer, repair!.number)).repairs;
    expect(found.length).toBe(customer.actor.endCustomerId === repair!.endCustomerId ? 1 : 0);
  });

  it("gives a partner its own orders (also by PO number) and never another partner's or any partner record", async () => {
    const own = await ctxOf(db, "dealer@demo.cn");
    expect((await globalSearch(own, "长风-7788")).orders.map((o) => o.number)).toEqual([orderNumber]);
    const other = await ctxOf(db, "dealer2@demo.cn");
    const results = await globalSearch(other, orderNumber);
    expect(results.orders).toEqual([]);
    expect((await globalSearch(other, "DL-0001")).partners).toEqual([]);
    expect((await globalSearch(other, "长风-7788")).orders).toEqual([]);
  });

  it("finds nothing for a blank, one-character or non-text term", async () => {
    const admin = await ctxOf(db, "admin@demo.cn");
    for (const q of ["", " ", "S", 42, null, ["SO"]]) {
      const r = await globalSearch(admin, q);
      expect([r.orders, r.partners, r.products, r.serials, r.repairs].every((list) => list.length === 0)).toBe(true);
    }
  });
});

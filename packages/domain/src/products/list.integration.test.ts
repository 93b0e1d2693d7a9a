import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { products, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { ctxOf, seedDemoData } from "@cs/testing/demo";
import { listProducts, productListQuery } from "./list";

let db: Database;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
});

describe("listProducts", () => {
  it("shows staff the cost and sorts by it", async () => {
    const page = await listProducts(await ctxOf(db, "manager@demo.cn"), productListQuery.parse({ sort: "cost", size: "100" }));
    const expected = await db.select({ id: products.id }).from(products).where(eq(products.active, true)).orderBy(asc(products.costFen), asc(products.id)).limit(100);
    expect(page.rows.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    expect(page.rows.some((r) => r.costFen !== null)).toBe(true);
  });

  it("never gives a partner the cost, not even as a sort order", async () => {
    const page = await listProducts(await ctxOf(db, "dealer@demo.cn"), productListQuery.parse({ sort: "cost", size: "100" }));
    expect(page.rows.every((r) => r.costFen === null)).toBe(true);
    const byListPrice = await db.select({ id: products.id }).from(products).where(eq(products.active, true)).orderBy(asc(products.listPriceFen), asc(products.id)).limit(100);
    expect(page.rows.map((r) => r.id)).toEqual(byListPrice.map((r) => r.id));
  });
});

import { beforeAll, expect, it } from "vitest";
import { coupons, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { seedDemoData } from "@cs/testing/demo";
import { seedDemoCoupons } from "./coupons";

let db: Database;
beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
});

it("seeds demo coupons through the verb, once", async () => {
  const first = await seedDemoCoupons(db);
  expect(first.coupons).toBeGreaterThanOrEqual(2);
  expect((await seedDemoCoupons(db)).coupons).toBe(0);
  expect(await db.select().from(coupons)).toHaveLength(first.coupons);
});

import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { budgetPools, campaigns, dealRegistrations, dealSpecialPrices, fundApplications, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { seedDemoData } from "@cs/testing/demo";
import { seedDemoMarketing } from "./marketing";

let db: Database;
beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
});

it("seeds pools and two campaigns through the verbs, once", async () => {
  const first = await seedDemoMarketing(db);
  expect(first.pools).toBeGreaterThan(0);
  expect((await seedDemoMarketing(db)).pools).toBe(0);
  const rows = await db.select().from(campaigns).orderBy(campaigns.number);
  expect(rows.map((r) => r.status)).toEqual(["running", "draft"]);
  const [pool] = await db.select().from(budgetPools).where(eq(budgetPools.id, rows[0]!.poolId));
  expect(pool).toMatchObject({ plannedFen: 500_000_00n, committedFen: 50_000_00n + 5_000_00n, spentFen: 28_000_00n });
  const funds = await db.select().from(fundApplications).orderBy(fundApplications.number);
  expect(funds.map((f) => [f.status, f.approvedFen])).toEqual([
    ["approved", 5_000_00n],
    ["submitted", null],
  ]);
  const deals = await db.select().from(dealRegistrations).orderBy(dealRegistrations.number);
  expect(deals.map((d) => d.status)).toEqual(["approved", "submitted"]);
  expect(await db.select().from(dealSpecialPrices)).toHaveLength(1);
});

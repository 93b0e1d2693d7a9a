import { asc } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { partnerTargets, products, rebatePrograms, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { shanghaiToday } from "../shared/dates";
import type { Ctx } from "../shared/context";
import { createTestInvoice } from "@cs/testing/billing";
import { ctxOf, orgByCode, seedDemoData } from "@cs/testing/demo";
import { portalHome } from "../home/portal-home";
import { myPerformance } from "./my-performance";
import { currentPeriod, periodRange } from "./periods";
import { addInvoiceStats } from "./stats";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;
let dealer: Ctx;
let dealer2: Ctx;
let buyer: Ctx;
let manager: Ctx;
const today = shanghaiToday();
const quarter = periodRange("quarter", currentPeriod("quarter", today));

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  [dealer, dealer2, buyer, manager] = (await Promise.all(["dealer@demo.cn", "dealer2@demo.cn", "buyer@demo.cn", "manager@demo.cn"].map((l) => ctxOf(db, l)))) as [Ctx, Ctx, Ctx, Ctx];
  const [p] = await db.select({ id: products.id }).from(products).orderBy(asc(products.sku)).limit(1);
  const one = await orgByCode(db, "DL-0001");
  const two = await orgByCode(db, "DL-0002");
  await db.transaction(async (tx) => {
    const inv = await createTestInvoice(tx, { organizationId: one.id, productId: p!.id, totalFen: 9_000_000n, issuedOn: today, dueOn: today });
    await addInvoiceStats(tx, inv.id);
  });
  await db.insert(partnerTargets).values([
    { organizationId: one.id, periodKind: "quarter", periodStart: quarter.start, amountFen: 10_000_000n },
    { organizationId: two.id, periodKind: "quarter", periodStart: quarter.start, amountFen: 77_700_000n },
  ]);
  const lastDay = new Date(`${quarter.end}T00:00:00Z`);
  lastDay.setUTCDate(lastDay.getUTCDate() - 1);
  await db.insert(rebatePrograms).values({
    code: "RB-TEST-Q",
    name: "季度返利",
    status: "active",
    periodStart: quarter.start,
    periodEnd: lastDay.toISOString().slice(0, 10),
    basis: "invoiced",
    method: "retroactive",
    eligibleOrganizationIds: [one.id],
    tiers: [
      { minCompletionBp: 8000, rateBp: 100 },
      { minCompletionBp: 10000, rateBp: 200 },
    ],
  });
});

describe("My performance", () => {
  it("shows the partner its own progress and what remains to the next rebate tier", async () => {
    const mine = await myPerformance(dealer);
    expect(mine.progress).toEqual([expect.objectContaining({ periodKind: "quarter", divisionId: null, netFen: 9_000_000n, targetFen: 10_000_000n, completionBp: 9000 })]);
    expect(mine.nextTiers).toEqual([expect.objectContaining({ programCode: "RB-TEST-Q", completionBp: 9000, currentRateBp: 100, nextRateBp: 200, remainingFen: 1_000_000n })]);
    // a buyer of the same dealer sees the same figures
    expect((await myPerformance(buyer)).progress).toEqual(mine.progress);
    // and the home page shows the nearest of them
    expect((await portalHome(dealer)).nextTier).toEqual(mine.nextTiers[0]);
  });

  it("never shows another partner's targets or programs, and is not for staff", async () => {
    const other = await myPerformance(dealer2);
    expect(other.progress).toEqual([expect.objectContaining({ targetFen: 77_700_000n, netFen: 0n })]);
    expect(other.nextTiers).toEqual([]);
    expect((await portalHome(dealer2)).nextTier).toBeNull();
    await expectUnchanged(db, () => expect(myPerformance(manager)).rejects.toMatchObject({ code: "errors.forbidden" }));
  });
});

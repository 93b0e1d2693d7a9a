import { and, eq, ne } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { ALL_DIVISIONS, invoices, organizations, partnerMonthStats, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import type { Ctx } from "../shared/context";
import { ValidationError } from "../shared/errors";
import { ctxOf, orgByCode, seedDemoData } from "@cs/testing/demo";
import { channelAnalysis } from "./channel";

let db: Database;
let manager: Ctx;
let falling: string;
let dormant: string;
let steady: string;

const months = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `2031-${String(from + i).padStart(2, "0")}-01`);

async function stats(organizationId: string, list: string[], purchasesFen: bigint, returnsFen = 0n) {
  await db.insert(partnerMonthStats).values(list.map((month) => ({ organizationId, month, divisionId: ALL_DIVISIONS, purchasesFen, returnsFen })));
}

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  manager = await ctxOf(db, "manager@demo.cn");
  const dealer = await orgByCode(db, "DL-0001");
  const agent = await orgByCode(db, "AG-001");
  const [other] = await db.select().from(organizations).where(and(eq(organizations.kind, "dealer"), ne(organizations.id, dealer.id))).limit(1);
  [falling, dormant, steady] = [dealer.id, agent.id, other!.id];
  await stats(falling, months(1, 3), 100_00n);
  await stats(falling, months(4, 6), 60_00n, 10_00n); // 50 net a month: half of before
  await stats(dormant, months(1, 3), 200_00n);
  await stats(steady, months(1, 6), 110_00n);
  await db.insert(invoices).values({ kind: "invoice", number: "CH-OVERDUE-1", organizationId: steady, ownerBranchId: other!.ownerBranchId, issuedOn: "2020-01-01", dueOn: "2020-01-31", netFen: 100_00n, taxFen: 13_00n, totalFen: 113_00n });
});

describe("channelAnalysis", () => {
  it("gives each level's contribution, top-N concentration and the partners at risk with the reason", async () => {
    const result = await channelAnalysis(manager, { from: "2031-01", to: "2031-06", top: "5" });
    const level = (kind: string) => result.levels.find((l) => l.kind === kind)!;
    expect(level("agent")).toMatchObject({ netFen: 600_00n, partners: 1 });
    expect(level("dealer").netFen).toBe(450_00n + 660_00n);
    expect(result.totals.netFen).toBe(1710_00n);
    expect(level("agent").shareBp).toBe(3509); // 600 / 1710, half up
    expect(result.concentration.partners.map((p) => p.id)).toEqual([steady, dormant, falling]);
    expect(result.concentration.shareBp).toBe(10000);

    const risks = new Map(result.atRisk.map((p) => [p.id, p.risks]));
    // (demo invoices may leave a partner overdue too: only the purchase risks are asserted exactly)
    expect(risks.get(falling)?.filter((r) => r !== "overdue")).toEqual(["falling"]);
    expect(risks.get(dormant)?.filter((r) => r !== "overdue")).toEqual(["dormant"]);
    expect(risks.get(steady)).toEqual(["overdue"]);
    expect(result.atRisk.find((p) => p.id === steady)).toMatchObject({ overdueFen: 113_00n });
  });

  it("refuses reversed or over-long ranges with translated messages", async () => {
    for (const [input, key] of [
      [{ from: "2031-06", to: "2031-01" }, "analytics.errors.reversed"],
      [{ from: "2020-01", to: "2031-01" }, "analytics.errors.tooLong"],
      [{ top: "7" }, "analytics.errors.filter"],
    ] as const) {
      const error = await channelAnalysis(manager, input).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect(Object.values((error as ValidationError).fieldErrors).flat()).toEqual([key]);
    }
  });
});

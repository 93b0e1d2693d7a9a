import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, productLines, rebatePrograms, rebateStatements, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import type { Ctx } from "../shared/context";
import { expectDomainError } from "@cs/testing/billing";
import { ctxOf, seedDemoData } from "@cs/testing/demo";
import { createRebatePartner, programForm } from "@cs/testing/rebate-programs";
import { createRebateProgram, updateRebateProgram } from "./programs";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;
let finance: Ctx;
let partnerCode: string;

async function counts() {
  const [[p], [a]] = await Promise.all([db.select({ n: count() }).from(rebatePrograms), db.select({ n: count() }).from(auditLog)]);
  return { programs: p!.n, audit: a!.n };
}

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  finance = await ctxOf(db, "finance@demo.cn");
  partnerCode = (await createRebatePartner(db, { branchId: null })).code;
});

describe("rebate program validation", () => {
  const bad: [string, Record<string, unknown>, Record<string, string[]>][] = [
    ["unordered tiers", { tiers: [{ minCompletion: "100", rate: "2" }, { minCompletion: "80", rate: "1" }] }, { "tiers.1.minCompletion": ["rebatePrograms.errors.tiersOrder"] }],
    ["overlapping (duplicate) tiers", { tiers: [{ minCompletion: "80", rate: "1" }, { minCompletion: "80", rate: "2" }] }, { "tiers.1.minCompletion": ["rebatePrograms.errors.tiersDuplicate"] }],
    ["a negative rate", { tiers: [{ minCompletion: "80", rate: "-1" }] }, { "tiers.0.rate": ["rebatePrograms.errors.rateRange"] }],
    ["an absurd rate", { tiers: [{ minCompletion: "80", rate: "300" }] }, { "tiers.0.rate": ["rebatePrograms.errors.rateRange"] }],
    ["a zero rate", { tiers: [{ minCompletion: "80", rate: "0" }] }, { "tiers.0.rate": ["rebatePrograms.errors.rateRange"] }],
    ["no tiers", { tiers: [] }, { tiers: ["rebatePrograms.errors.tiersEmpty"] }],
    ["a period that ends before it starts", { periodStart: "2024-03-31", periodEnd: "2024-01-01" }, { periodEnd: ["rebatePrograms.errors.periodOrder"] }],
    ["a period that is not a calendar month, quarter or year", { periodStart: "2024-01-05", periodEnd: "2024-02-20" }, { periodEnd: ["rebatePrograms.errors.periodCalendar"] }],
    ["empty eligibility", { eligiblePartners: "" }, { eligibility: ["rebatePrograms.errors.eligibilityEmpty"] }],
    ["a zero cap", { cap: "0" }, { cap: ["rebatePrograms.errors.capPositive"] }],
    ["a multiplier scale not starting at 0 %", { multiplierTiers: [{ minOnTime: "90", multiplier: "110" }] }, { "multiplierTiers.0.minOnTime": ["rebatePrograms.errors.multiplierFirst"] }],
    ["an absurd multiplier", { multiplierTiers: [{ minOnTime: "0", multiplier: "500" }] }, { "multiplierTiers.0.multiplier": ["rebatePrograms.errors.multiplierRange"] }],
    ["collected basis with a division filter", { basis: "collected", divisionId: "00000000-0000-4000-8000-000000000001" }, { basis: ["rebatePrograms.errors.collectedFilter"] }],
  ];
  it.each(bad)("refuses %s with a translated field error and changes nothing", async (_name, over, fields) => {
    const before = await counts();
    await expectUnchanged(db, () => expectDomainError(createRebateProgram(finance, programForm({ eligiblePartners: partnerCode, ...over })), { fields }));
    expect(await counts()).toEqual(before);
  });

  it("refuses unknown partner codes and a product line of another division", async () => {
    const before = await counts();
    await expectUnchanged(db, () => expectDomainError(createRebateProgram(finance, programForm({ eligiblePartners: `${partnerCode} NOPE-9999` })), { fields: { eligiblePartners: ["rebatePrograms.errors.unknownPartners"] } }));
    const lines = await db.select().from(productLines);
    const line = lines[0]!;
    const otherDivision = lines.find((l) => l.divisionId !== line.divisionId)!;
    await expectUnchanged(db, () => expectDomainError(createRebateProgram(finance, programForm({ eligiblePartners: partnerCode, divisionId: otherDivision.divisionId, productLineId: line.id })), {
      fields: { productLineId: ["rebatePrograms.errors.productLineDivision"] },
    }));
    expect(await counts()).toEqual(before);
  });

  it("needs rebate:manage", async () => {
    const sales = await ctxOf(db, "sales.bj@demo.cn");
    await expectUnchanged(db, () => expectDomainError(createRebateProgram(sales, programForm({ eligiblePartners: partnerCode })), { code: "errors.forbidden" }));
  });
});

describe("rebate program create and update", () => {
  it("stores bp from percent, audits, and a retried create returns the same program", async () => {
    const form = programForm({ eligiblePartners: partnerCode, cap: "1,000.50", multiplierTiers: [{ minOnTime: "0", multiplier: "80" }, { minOnTime: "90", multiplier: "110" }] });
    const p = await createRebateProgram(finance, form);
    expect(p.tiers).toEqual([
      { minCompletionBp: 8000, rateBp: 100 },
      { minCompletionBp: 10000, rateBp: 200 },
      { minCompletionBp: 12000, rateBp: 300 },
    ]);
    expect(p.multiplierTiers).toEqual([{ minOnTimeBp: 0, multiplierBp: 8000 }, { minOnTimeBp: 9000, multiplierBp: 11000 }]);
    expect(p.capFen).toBe(100_050n);
    const again = await createRebateProgram(finance, form);
    expect(again.id).toBe(p.id);
    const audits = await db.select().from(auditLog).where(eq(auditLog.entityId, p.id));
    expect(audits.map((a) => a.action)).toEqual(["create"]);
  });

  it("is versioned, and once a statement is approved only name and status may change", async () => {
    const form = programForm({ eligiblePartners: partnerCode });
    const p = await createRebateProgram(finance, form);
    const v2 = await updateRebateProgram(finance, p.id, { ...form, name: "改名" }, p.version);
    expect(v2.version).toBe(2);
    await expectUnchanged(db, () => expectDomainError(updateRebateProgram(finance, p.id, { ...form, name: "旧版本" }, 1), { code: "rebatePrograms.errors.stale" }));
    const org = (await db.select().from(rebatePrograms).where(eq(rebatePrograms.id, p.id)))[0]!;
    await db.insert(rebateStatements).values({ number: `RB-T-${p.code}`, kind: "rebate", programId: p.id, organizationId: org.eligibleOrganizationIds[0]!, periodStart: p.periodStart, periodEnd: p.periodEnd, status: "approved" });
    await expectUnchanged(db, () => expectDomainError(updateRebateProgram(finance, p.id, { ...form, name: "改名", tiers: [{ minCompletion: "90", rate: "1" }] }, 2), { code: "rebatePrograms.errors.programFrozen" }));
    const v3 = await updateRebateProgram(finance, p.id, { ...form, name: "再改名" }, 2);
    expect(v3.name).toBe("再改名");
    expect(v3.tiers).toEqual(p.tiers);
  });
});

import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { budgetPools, campaigns, createDatabase, divisions, type Database } from "@cs/db";
import { testDatabaseUrl, testDb } from "../../../../tests/db";
import type { Ctx } from "../shared/context";
import { expectDomainError } from "@cs/testing/billing";
import { ctxOf, newKey, orgByCode, seedDemoData, userIdOf } from "@cs/testing/demo";
import { expectUnchanged } from "@cs/testing/unchanged";
import { addCampaignSpend } from "./campaign-spend";
import { approveCampaign, closeCampaign, startCampaign } from "./campaign-status";
import { createCampaign } from "./campaigns";
import { campaignListQuery, getCampaign, listCampaigns } from "./campaigns-queries";
import { createBudgetPool } from "./pools";

let db: Database;
let marketing: Ctx;
let manager: Ctx;
let finance: Ctx;
let dealer: Ctx;
let divisionId: string;
let bj: string;
let ownerId: string;
let poolId: string;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  marketing = await ctxOf(db, "marketing@demo.cn");
  manager = await ctxOf(db, "manager@demo.cn");
  finance = await ctxOf(db, "finance@demo.cn");
  dealer = await ctxOf(db, "dealer@demo.cn");
  divisionId = (await db.select({ id: divisions.id }).from(divisions).orderBy(divisions.code).limit(1))[0]!.id;
  bj = (await orgByCode(db, "BJ")).id;
  ownerId = await userIdOf(db, "marketing@demo.cn");
  ({ poolId } = await createBudgetPool(marketing, { _key: newKey(), divisionId, branchId: bj, quarter: "2027-Q1", planned: "10,000" }));
});

const draft = (over: Record<string, unknown> = {}) =>
  createCampaign(marketing, {
    _key: newKey(),
    name: "北京春季路演",
    type: "roadshow",
    divisionId,
    branchId: bj,
    startsOn: "2027-03-01",
    endsOn: "2027-03-03",
    ownerId,
    goal: "新增 20 家经销商",
    budget_venue: "2,000",
    budget_materials: "1,000.50",
    ...over,
  });
const poolOf = async () => (await db.select().from(budgetPools).where(eq(budgetPools.id, poolId)))[0]!;
const campaignOf = async (id: string) => (await db.select().from(campaigns).where(eq(campaigns.id, id)))[0]!;

describe("campaigns", () => {
  it("drafts a campaign on its pool, approval commits it, spend moves spent, closing gives the rest back", async () => {
    const { campaignId, number } = await draft();
    expect(number).toMatch(/^MC-2027-\d{6}$/);
    expect(await campaignOf(campaignId)).toMatchObject({ status: "draft", plannedFen: 3_000_50n, poolId });
    expect((await poolOf()).committedFen).toBe(0n);
    await expectDomainError(approveCampaign(marketing, { campaignId }), { code: "marketing.errors.ownCampaign" });
    await expectDomainError(approveCampaign(finance, { campaignId }), { code: "errors.forbidden" });
    await approveCampaign(manager, { campaignId });
    expect(await poolOf()).toMatchObject({ committedFen: 3_000_50n, spentFen: 0n });
    await expectDomainError(approveCampaign(manager, { campaignId }), { code: "marketing.errors.notDraft" });
    await startCampaign(marketing, { campaignId });
    const key = newKey();
    await addCampaignSpend(marketing, { _key: key, campaignId, category: "venue", amount: "1,500", spentOn: "2027-03-01" });
    const replay = await addCampaignSpend(marketing, { _key: key, campaignId, category: "venue", amount: "1,500", spentOn: "2027-03-01" });
    expect(replay.replayed).toBe(true);
    expect(await poolOf()).toMatchObject({ committedFen: 3_000_50n, spentFen: 1_500_00n });
    // past the approved budget: recorded as pending, counting nothing (campaign-spend.integration.test.ts)
    const over = await addCampaignSpend(marketing, { _key: newKey(), campaignId, category: "gifts", amount: "1,500.51", spentOn: "2027-03-02" });
    expect(over).toMatchObject({ status: "pending", overFen: 1n });
    expect(await poolOf()).toMatchObject({ committedFen: 3_000_50n, spentFen: 1_500_00n });
    const detail = await getCampaign(finance, campaignId);
    expect(detail.spends).toHaveLength(2);
    expect(detail.lines).toHaveLength(2);
    await closeCampaign(marketing, { campaignId });
    expect(await poolOf()).toMatchObject({ committedFen: 1_500_00n, spentFen: 1_500_00n });
    expect((await campaignOf(campaignId)).status).toBe("closed");
    const page = await listCampaigns(marketing, campaignListQuery.parse({ status: "closed", q: number }));
    expect(page.rows.map((r) => r.id)).toEqual([campaignId]);
  });

  it("refuses bad input with translated errors and changes nothing", async () => {
    await expectUnchanged(db, async () => {
      await expectDomainError(draft({ endsOn: "2027-02-28" }), { fields: { endsOn: ["marketing.errors.datesOrder"] } });
      await expectDomainError(draft({ budget_venue: "0" }), { fields: { budget_venue: ["marketing.errors.amountPositive"] } });
      await expectDomainError(draft({ budget_venue: "-3" }), { fields: { budget_venue: ["validation.money"] } });
      await expectDomainError(draft({ budget_venue: "", budget_materials: "" }), { fields: { budget_venue: ["marketing.errors.budgetRequired"] } });
      await expectDomainError(draft({ startsOn: "2027-07-01", endsOn: "2027-07-02" }), { fields: { startsOn: ["marketing.errors.noPool"] } });
      await expectDomainError(draft({ ownerId: (await orgByCode(db, "DL-0001")).id }), { fields: { ownerId: ["validation.invalid"] } });
      await expectDomainError(draft({ type: "party" }), { fields: { type: ["validation.required"] } });
      await expectDomainError(createCampaign(dealer, {}), { code: "errors.forbidden" });
      await expectDomainError(getCampaign(marketing, "00000000-0000-4000-8000-000000000000"), { code: "errors.notFound" });
    });
  });

  it("parallel approvals never commit more than the pool: the ones that do not fit are refused with the figures", async () => {
    const { poolId: small } = await createBudgetPool(marketing, { _key: newKey(), divisionId, branchId: bj, quarter: "2027-Q3", planned: "10,000" });
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await draft({ startsOn: "2027-08-01", endsOn: "2027-08-02", budget_venue: "3,000", budget_materials: "" })).campaignId);
    const pool = createDatabase(testDatabaseUrl(), { max: 6 });
    try {
      const results = await Promise.allSettled(ids.map((campaignId) => approveCampaign({ ...manager, db: pool }, { campaignId })));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
      const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason as { code: string; params?: Record<string, string> }] : []));
      expect(refused.every((e) => e.code === "marketing.errors.poolExceeded" && e.params?.remaining === "¥1,000.00")).toBe(true);
    } finally {
      await pool.$client.end();
    }
    const [row] = await db.select().from(budgetPools).where(eq(budgetPools.id, small));
    expect(row).toMatchObject({ plannedFen: 10_000_00n, committedFen: 9_000_00n });
    const statuses = await Promise.all(ids.map(async (id) => (await campaignOf(id)).status));
    expect(statuses.filter((s) => s === "approved")).toHaveLength(3);
    expect(statuses.filter((s) => s === "draft")).toHaveLength(3);
  });
});

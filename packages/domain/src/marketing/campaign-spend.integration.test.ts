import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { budgetPools, campaignBudgetLines, campaigns, campaignSpends, createDatabase, divisions, userRoles, users, type Database } from "@cs/db";
import { testDatabaseUrl, testDb } from "../../../../tests/db";
import type { Ctx } from "../shared/context";
import { expectDomainError } from "@cs/testing/billing";
import { auditOf, ctxOf, newKey, orgByCode, seedDemoData, userIdOf } from "@cs/testing/demo";
import { expectUnchanged } from "@cs/testing/unchanged";
import { addCampaignSpend, decideCampaignSpend } from "./campaign-spend";
import { approveCampaign, startCampaign } from "./campaign-status";
import { createCampaign } from "./campaigns";
import { createBudgetPool } from "./pools";

/** Campaign approval by amount and role (decision 034) and spend past the approved budget. */

let db: Database;
let marketing: Ctx;
let marketing2: Ctx;
let manager: Ctx;
let finance: Ctx;
let divisionId: string;
let bj: string;
let ownerId: string;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  marketing = await ctxOf(db, "marketing@demo.cn");
  manager = await ctxOf(db, "manager@demo.cn");
  finance = await ctxOf(db, "finance@demo.cn");
  const [hq] = await db.select({ organizationId: users.organizationId }).from(users).where(eq(users.login, "marketing@demo.cn"));
  const [second] = await db
    .insert(users)
    .values({ kind: "staff", login: "marketing2@demo.cn", displayName: "市场二", passwordHash: "x:x", organizationId: hq!.organizationId })
    .returning({ id: users.id });
  await db.insert(userRoles).values({ userId: second!.id, role: "marketing" });
  marketing2 = await ctxOf(db, "marketing2@demo.cn");
  divisionId = (await db.select({ id: divisions.id }).from(divisions).orderBy(divisions.code).limit(1))[0]!.id;
  bj = (await orgByCode(db, "BJ")).id;
  ownerId = await userIdOf(db, "marketing@demo.cn");
});

const firstMonth = { "2028-Q1": "01", "2028-Q2": "04", "2028-Q3": "07" } as const;
const draft = (quarter: keyof typeof firstMonth, venue: string, by: Ctx = marketing) =>
  createCampaign(by, {
    _key: newKey(),
    name: "审批权限测试",
    type: "promotion",
    divisionId,
    branchId: bj,
    startsOn: `2028-${firstMonth[quarter]}-10`,
    endsOn: `2028-${firstMonth[quarter]}-20`,
    ownerId,
    goal: "测试",
    budget_venue: venue,
  });
const poolOf = async (id: string) => (await db.select().from(budgetPools).where(eq(budgetPools.id, id)))[0]!;
const campaignOf = async (id: string) => (await db.select().from(campaigns).where(eq(campaigns.id, id)))[0]!;
const spendOf = async (id: string) => (await db.select().from(campaignSpends).where(eq(campaignSpends.id, id)))[0]!;

describe("campaign approval by amount and role", () => {
  it("marketing approves another's campaign within its limit; above it only a manager; never one's own", async () => {
    await createBudgetPool(marketing, { _key: newKey(), divisionId, branchId: bj, quarter: "2028-Q1", planned: "500,000" });
    const small = await draft("2028-Q1", "50,000");
    const large = await draft("2028-Q1", "50,000.01");
    await expectUnchanged(db, async () => {
      await expectDomainError(approveCampaign(marketing, { campaignId: small.campaignId }), { code: "marketing.errors.ownCampaign" });
      await expectDomainError(approveCampaign(finance, { campaignId: small.campaignId }), { code: "errors.forbidden" });
      const refused = approveCampaign(marketing2, { campaignId: large.campaignId });
      await expectDomainError(refused, { fields: { form: ["marketing.errors.beyondApprovalLimit"] } });
      await expect(refused).rejects.toMatchObject({ params: { amount: "¥50,000.01", limit: "¥50,000.00" } });
    });
    await approveCampaign(marketing2, { campaignId: small.campaignId });
    await approveCampaign(manager, { campaignId: large.campaignId });
    expect((await campaignOf(small.campaignId)).status).toBe("approved");
    expect((await campaignOf(large.campaignId)).status).toBe("approved");
  });
});

describe("spend past the approved budget", () => {
  it("is recorded pending with its figures, counts nothing, and a manager's approval raises budget, line and pool commitment", async () => {
    const { poolId } = await createBudgetPool(marketing, { _key: newKey(), divisionId, branchId: bj, quarter: "2028-Q2", planned: "10,000" });
    const { campaignId } = await draft("2028-Q2", "3,000");
    await approveCampaign(manager, { campaignId });
    await startCampaign(marketing, { campaignId });
    await addCampaignSpend(marketing, { _key: newKey(), campaignId, category: "venue", amount: "2,500", spentOn: "2028-04-10" });
    const key = newKey();
    const pending = await addCampaignSpend(marketing, { _key: key, campaignId, category: "gifts", amount: "1,000", spentOn: "2028-04-11" });
    expect(pending).toMatchObject({ status: "pending", plannedFen: 3_000_00n, spentFen: 2_500_00n, overFen: 500_00n, replayed: false });
    expect(await addCampaignSpend(marketing, { _key: key, campaignId, category: "gifts", amount: "1,000", spentOn: "2028-04-11" })).toMatchObject({ spendId: pending.spendId, replayed: true });
    expect(await campaignOf(campaignId)).toMatchObject({ plannedFen: 3_000_00n, spentFen: 2_500_00n });
    expect(await poolOf(poolId)).toMatchObject({ committedFen: 3_000_00n, spentFen: 2_500_00n });
    // its author cannot approve it; rejecting needs a reason; both change nothing
    await expectUnchanged(db, async () => {
      await expectDomainError(decideCampaignSpend(marketing, { campaignId, spendId: pending.spendId, decision: "approve" }), { code: "marketing.errors.ownCampaign" });
      await expectDomainError(decideCampaignSpend(manager, { campaignId, spendId: pending.spendId, decision: "reject" }), { fields: { reason: ["marketing.errors.reasonRequired"] } });
      await expectDomainError(decideCampaignSpend(finance, { campaignId, spendId: pending.spendId, decision: "approve" }), { code: "errors.forbidden" });
      await expectDomainError(decideCampaignSpend(manager, { campaignId, spendId: "00000000-0000-4000-8000-000000000000", decision: "approve" }), { code: "errors.notFound" });
    });
    const approved = await decideCampaignSpend(manager, { campaignId, spendId: pending.spendId, decision: "approve" });
    expect(approved).toMatchObject({ status: "counted", raisedFen: 500_00n, replayed: false });
    expect(await decideCampaignSpend(manager, { campaignId, spendId: pending.spendId, decision: "approve" })).toMatchObject({ replayed: true });
    await expectDomainError(decideCampaignSpend(manager, { campaignId, spendId: pending.spendId, decision: "reject", reason: "晚了" }), { code: "marketing.errors.alreadyDecided" });
    expect(await campaignOf(campaignId)).toMatchObject({ plannedFen: 3_500_00n, spentFen: 3_500_00n });
    expect(await poolOf(poolId)).toMatchObject({ committedFen: 3_500_00n, spentFen: 3_500_00n });
    const lines = await db.select().from(campaignBudgetLines).where(eq(campaignBudgetLines.campaignId, campaignId));
    expect(lines.reduce((sum, l) => sum + l.amountFen, 0n)).toBe(3_500_00n);
    expect(lines.find((l) => l.category === "gifts")?.amountFen).toBe(500_00n);
    expect((await auditOf(db, campaignId)).map((a) => a.action)).toEqual(expect.arrayContaining(["campaign.spend_pending", "campaign.spend_approve"]));
    // a rejected one never counts
    const other = await addCampaignSpend(marketing, { _key: newKey(), campaignId, category: "other", amount: "1", spentOn: "2028-04-12" });
    await decideCampaignSpend(manager, { campaignId, spendId: other.spendId, decision: "reject", reason: "无发票" });
    expect(await spendOf(other.spendId)).toMatchObject({ status: "rejected", decisionReason: "无发票" });
    expect(await campaignOf(campaignId)).toMatchObject({ spentFen: 3_500_00n });
  });

  it("concurrent spend approvals never commit more than the pool: the ones that do not fit are refused with the figures", async () => {
    const { poolId } = await createBudgetPool(marketing, { _key: newKey(), divisionId, branchId: bj, quarter: "2028-Q3", planned: "10,000" });
    const spends: { campaignId: string; spendId: string }[] = [];
    for (let i = 0; i < 4; i++) {
      const { campaignId } = await draft("2028-Q3", "1,000");
      await approveCampaign(manager, { campaignId });
      // each goes ¥2,000 over its budget: the pool has ¥6,000 left, room for three
      const spend = await addCampaignSpend(marketing, { _key: newKey(), campaignId, category: "venue", amount: "3,000", spentOn: "2028-07-10" });
      spends.push({ campaignId, spendId: spend.spendId });
    }
    expect(await poolOf(poolId)).toMatchObject({ committedFen: 4_000_00n, spentFen: 0n });
    const pool = createDatabase(testDatabaseUrl(), { max: 4 });
    try {
      const results = await Promise.allSettled(spends.map((s) => decideCampaignSpend({ ...manager, db: pool }, { ...s, decision: "approve" })));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
      const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason as { code: string; params?: Record<string, string> }] : []));
      expect(refused).toHaveLength(1);
      expect(refused[0]).toMatchObject({ code: "marketing.errors.poolExceeded", params: { amount: "¥2,000.00", remaining: "¥0.00" } });
    } finally {
      await pool.$client.end();
    }
    expect(await poolOf(poolId)).toMatchObject({ plannedFen: 10_000_00n, committedFen: 10_000_00n, spentFen: 9_000_00n });
    const statuses = await Promise.all(spends.map(async (s) => (await spendOf(s.spendId)).status));
    expect(statuses.sort()).toEqual(["counted", "counted", "counted", "pending"]);
  });
});

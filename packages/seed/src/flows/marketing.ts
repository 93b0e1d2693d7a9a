import { asc, eq, sql } from "drizzle-orm";
import { budgetPools, divisions, organizations, productLines, products, users, type Database } from "@cs/db";
import type { Ctx } from "@cs/domain/shared/context";
import { shanghaiToday } from "@cs/domain/shared/dates";
import { loadActor } from "@cs/domain/users/actor";
import { addCampaignSpend } from "@cs/domain/marketing/campaign-spend";
import { approveCampaign, startCampaign } from "@cs/domain/marketing/campaign-status";
import { createCampaign } from "@cs/domain/marketing/campaigns";
import { decideDeal, registerDeal } from "@cs/domain/marketing/deals";
import { addDays } from "@cs/domain/shared/dates";
import { applyForFunds, decideFundApplication } from "@cs/domain/marketing/funds";
import { createLead, setCampaignCode } from "@cs/domain/marketing/leads";
import { assignLead } from "@cs/domain/marketing/leads-assign";
import { acceptLead } from "@cs/domain/marketing/leads-work";
import { createBudgetPool } from "@cs/domain/marketing/pools";
import { quarterOf } from "@cs/domain/marketing/quarter";

/** The demo roadshow's landing form code: `/c/bj-roadshow` in the portal. */
export const DEMO_LANDING_CODE = "bj-roadshow";

async function ctxFor(db: Database, login: string): Promise<Ctx> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.login, login));
  const actor = user ? await loadActor(db, user.id) : null;
  if (!actor) throw new Error(`marketing demo: no active user ${login}`);
  return { db, actor };
}

/**
 * Budget pools for this quarter through the real verbs: every division in every branch, ¥200,000
 * each (¥500,000 for the first division in Beijing). Runs once: skipped when any pool exists.
 */
export async function seedDemoMarketing(db: Database): Promise<{ pools: number }> {
  const [{ n } = { n: 0 }] = await db.execute<{ n: number }>(sql`select count(*)::int as n from ${budgetPools}`);
  if (Number(n) > 0) return { pools: 0 };
  const marketing = await ctxFor(db, "marketing@demo.cn");
  const quarter = quarterOf(shanghaiToday());
  const divisionRows = await db.select({ id: divisions.id }).from(divisions).orderBy(asc(divisions.code));
  const branches = await db.select({ id: organizations.id, code: organizations.code }).from(organizations).where(eq(organizations.kind, "branch")).orderBy(asc(organizations.code));
  const manager = await ctxFor(db, "manager@demo.cn");
  let pools = 0;
  for (const branch of branches)
    for (const [i, division] of divisionRows.entries()) {
      const planned = branch.code === "BJ" && i === 0 ? "500000" : "200000";
      await createBudgetPool(marketing, { _key: `demo-pool-${branch.code}-${i}-${quarter}`, divisionId: division.id, branchId: branch.id, quarter, planned, note: "演示预算" });
      pools += 1;
    }
  // Two campaigns on the first division: a roadshow in Beijing approved, running and partly spent, a training in Shanghai in draft.
  const today = shanghaiToday();
  const [first] = divisionRows;
  const bj = branches.find((b) => b.code === "BJ");
  const sh = branches.find((b) => b.code === "SH");
  if (first && bj && sh) {
    const owner = marketing.actor.userId;
    const roadshow = await createCampaign(marketing, {
      _key: "demo-campaign-1", name: "北京渠道路演", type: "roadshow", divisionId: first.id, branchId: bj.id, startsOn: today, endsOn: today, ownerId: owner,
      goal: "发展 10 家新经销商", budget_venue: "30000", budget_materials: "12000", budget_gifts: "8000",
    });
    await approveCampaign(manager, { campaignId: roadshow.campaignId });
    await startCampaign(marketing, { campaignId: roadshow.campaignId });
    // its public landing form, /c/bj-roadshow, where visitors leave leads
    await setCampaignCode(marketing, { campaignId: roadshow.campaignId, code: DEMO_LANDING_CODE });
    await addCampaignSpend(marketing, { _key: "demo-campaign-spend-1", campaignId: roadshow.campaignId, category: "venue", amount: "28000", spentOn: today, note: "酒店会议厅" });
    await createCampaign(marketing, {
      _key: "demo-campaign-2", name: "上海经销商产品培训", type: "training", divisionId: first.id, branchId: sh.id, startsOn: today, endsOn: today, ownerId: owner,
      goal: "培训 30 名销售", budget_venue: "10000", budget_staff: "5000",
    });
  }
  // Co-marketing funds: DL-0001's shop opening approved (its claim is the partner's to file), DL-0002's waiting for a decision.
  if (first) {
    const dealer = await ctxFor(db, "dealer@demo.cn");
    const dealer2 = await ctxFor(db, "dealer2@demo.cn");
    const opening = await applyForFunds(dealer, {
      _key: "demo-fund-1", divisionId: first.id, activity: "门店周年庆促销", startsOn: today, endsOn: today, amount: "6000", expectedResult: "到店 200 人，销售额 30 万元",
    });
    await decideFundApplication(manager, { applicationId: opening.applicationId, decision: "approve", amount: "5000", reason: "礼品费用按 5,000 元支持" });
    await applyForFunds(dealer2, {
      _key: "demo-fund-2", divisionId: first.id, activity: "行业客户技术交流会", startsOn: today, endsOn: today, amount: "8000", expectedResult: "20 家行业客户，10 条线索",
    });
  }
  await seedDemoDeals(db, { manager, today });
  await seedDemoLeads(db, marketing);
  return { pools };
}

/**
 * Deal registrations (报备): DL-0001's hospital deal approved with a special price on its first
 * product (60 units at 85% of list), DL-0002's school deal on another line waiting for a decision.
 */
async function seedDemoDeals(db: Database, { manager, today }: { manager: Ctx; today: string }) {
  const lines = await db.select({ id: productLines.id }).from(productLines).orderBy(asc(productLines.code)).limit(2);
  const firstOf = async (lineId: string) =>
    db.select({ id: products.id, listPriceFen: products.listPriceFen }).from(products).where(eq(products.productLineId, lineId)).orderBy(asc(products.sku)).limit(2);
  const [a, b] = lines;
  if (!a || !b) return;
  const [p1, p2] = await firstOf(a.id);
  const [q1] = await firstOf(b.id);
  if (!p1 || !q1) return;
  const dealer = await ctxFor(db, "dealer@demo.cn");
  const dealer2 = await ctxFor(db, "dealer2@demo.cn");
  const hospital = await registerDeal(dealer, {
    _key: "demo-deal-1", customerName: "北京市朝阳区第一人民医院", customerCreditCode: "91110108MA0DEM0013", expectedCloseOn: addDays(today, 45), competitor: "某国际品牌",
    note: "门诊楼信息化改造，预计采购 60 台", lines: [{ productId: p1.id, quantity: "60" }, ...(p2 ? [{ productId: p2.id, quantity: "10" }] : [])],
  });
  const spa = (p1.listPriceFen * 85n) / 100n;
  await decideDeal(manager, {
    registrationId: hospital.registrationId, decision: "approve", specialPriceReason: "医院集采项目竞价，总经理特批",
    prices: [{ productId: p1.id, unitPrice: `${spa / 100n}.${String(spa % 100n).padStart(2, "0")}`, quantity: "60" }],
  });
  await registerDeal(dealer2, {
    _key: "demo-deal-2", customerName: "上海市浦东新区实验学校", customerCreditCode: "91310115MA1DEM002X", expectedCloseOn: addDays(today, 60), competitor: "国产品牌 A",
    lines: [{ productId: q1.id, quantity: "25" }],
  });
}

/**
 * Leads (线索): one accepted by DL-0001, one waiting for DL-0002 to accept, one in the pool.
 */
async function seedDemoLeads(db: Database, marketing: Ctx) {
  const enter = (key: string, fields: Record<string, string>) => createLead(marketing, { _key: key, ...fields });
  const a = await enter("demo-lead-1", { name: "刘洋", company: "北京智远科技有限公司", mobile: "13811110001", province: "北京市", city: "北京市", interest: "商务笔记本 50 台" });
  await assignLead(marketing, { leadId: a.leadId, partnerCode: "DL-0001" });
  await acceptLead(await ctxFor(db, "dealer@demo.cn"), { leadId: a.leadId });
  const b = await enter("demo-lead-2", { name: "陈静", company: "上海启明教育咨询有限公司", email: "chenjing@example.cn", province: "上海市", city: "上海市", interest: "教室投影" });
  await assignLead(marketing, { leadId: b.leadId, partnerCode: "DL-0002" });
  await enter("demo-lead-3", { name: "王磊", company: "天津港信物流有限公司", mobile: "13811110003", province: "天津市", city: "天津市", interest: "服务器" });
}

import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { campaigns, fundApplications, fundClaims, invoiceLines, invoices, orders, productLines, products, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import type { Ctx } from "../shared/context";
import { addDays, shanghaiToday } from "../shared/dates";
import { createTestInvoice, expectDomainError } from "@cs/testing/billing";
import { ctxOf, newKey, orgByCode, seedDemoData, unusedCreditCode } from "@cs/testing/demo";
import { createConfirmedOrder } from "@cs/testing/orders";
import { campaignRoiExport, campaignRoiQuery, getCampaignRoi, listCampaignRoi } from "./campaign-roi";
import { registerDeal } from "./deals";
import { createLead } from "./leads";
import { assignLead } from "./leads-assign";
import { acceptLead } from "./leads-work";
import { quarterOf } from "./quarter";
import { DEMO_LANDING_CODE, seedDemoMarketing } from "@cs/seed/flows/marketing";

let db: Database;
let marketing: Ctx;
let dealer: Ctx;
let campaignId: string;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  await seedDemoMarketing(db);
  marketing = await ctxOf(db, "marketing@demo.cn");
  dealer = await ctxOf(db, "dealer@demo.cn");
  campaignId = (await db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.code, DEMO_LANDING_CODE)))[0]!.id;
});

/** A lead of the campaign, accepted by DL-0001 and converted to a deal registration. */
async function convertedLead(seq: number) {
  const { leadId } = await createLead(marketing, { _key: newKey(), name: "客户", company: `归因客户${seq}`, mobile: `1370000${String(seq).padStart(4, "0")}`, campaignId });
  await assignLead(marketing, { leadId, partnerCode: "DL-0001" });
  await acceptLead(dealer, { leadId });
  const [line] = await db.select({ id: productLines.id }).from(productLines).orderBy(productLines.code).limit(1);
  const [product] = await db.select({ id: products.id }).from(products).where(eq(products.productLineId, line!.id)).limit(1);
  const form = { customerName: `归因客户${seq}`, customerCreditCode: await unusedCreditCode(db, 9100 + seq), expectedCloseOn: addDays(shanghaiToday(), 30), lines: [{ productId: product!.id, quantity: "1" }] };
  const { registrationId } = await registerDeal(dealer, { _key: newKey(), ...form, leadId });
  return { registrationId, productId: product!.id };
}

/** An order of DL-0001 under the registration; with `invoiced`, an invoice of it whose line carries `marginFen`. */
async function orderUnder(registrationId: string | null, productId: string, invoiced?: { totalFen: bigint; marginFen: bigint }) {
  const dl1 = (await orgByCode(db, "DL-0001")).id;
  const { order } = await createConfirmedOrder(db, { organizationId: dl1, lines: [{ productId, quantity: 1, unitPriceFen: 100n }] });
  const orderId = order.id;
  await db.update(orders).set({ dealRegistrationId: registrationId }).where(eq(orders.id, orderId));
  if (!invoiced) return { orderId, invoiceId: null };
  const today = shanghaiToday();
  const invoice = await createTestInvoice(db, { organizationId: dl1, productId, totalFen: invoiced.totalFen, issuedOn: today, dueOn: today });
  await db.update(invoices).set({ orderId }).where(eq(invoices.id, invoice.id));
  await db.update(invoiceLines).set({ marginFen: invoiced.marginFen }).where(eq(invoiceLines.invoiceId, invoice.id));
  return { orderId, invoiceId: invoice.id, netFen: invoice.netFen };
}

describe("campaign attribution and ROI", () => {
  it("counts leads, registrations, invoiced orders, revenue net of credit notes, margin, cost and ROI on margin", async () => {
    const before = await getCampaignRoi(marketing, campaignId);
    expect(before).toMatchObject({ leads: 0, deals: 0, ordersWon: 0, revenueFen: 0n, marginFen: 0n, spendFen: 2_800_000n, claimsFen: 0n, costFen: 2_800_000n, roiBp: -10000 });

    const a = await convertedLead(1);
    const b = await convertedLead(2);
    await createLead(marketing, { _key: newKey(), name: "未转化", mobile: "13700009999", campaignId });
    const won1 = await orderUnder(a.registrationId, a.productId, { totalFen: 2_260_000n, marginFen: 500_000n }); // net 2,000,000
    const won2 = await orderUnder(b.registrationId, b.productId, { totalFen: 1_130_000n, marginFen: 300_000n }); // net 1,000,000
    await orderUnder(a.registrationId, a.productId); // not invoiced: not won, no revenue
    await orderUnder(null, a.productId, { totalFen: 9_990_000n, marginFen: 9_000_000n }); // not the campaign's
    // a credit note on the second order takes its net and margin back in part
    const [original] = await db.select().from(invoices).where(eq(invoices.id, won2.invoiceId!));
    const [note] = await db
      .insert(invoices)
      .values({ kind: "credit_note", number: `CN-T-${newKey().slice(0, 8)}`, organizationId: original!.organizationId, orderId: won2.orderId, originalInvoiceId: original!.id, issuedOn: original!.issuedOn, dueOn: original!.issuedOn, netFen: 200_000n, taxFen: 26_000n, totalFen: 226_000n })
      .returning();
    await db.insert(invoiceLines).values({ invoiceId: note!.id, productId: b.productId, quantity: 1, unitPriceFen: 226_000n, grossFen: 226_000n, netFen: 200_000n, taxFen: 26_000n, marginFen: 60_000n });
    // an approved claim of a fund application naming the campaign is cost; a submitted one is not
    const [application] = await db.select().from(fundApplications).where(eq(fundApplications.status, "approved")).limit(1);
    await db.update(fundApplications).set({ campaignId }).where(eq(fundApplications.id, application!.id));
    await db.insert(fundClaims).values({ number: `FC-T-${newKey().slice(0, 8)}`, applicationId: application!.id, organizationId: application!.organizationId, claimedFen: 500_000n, approvedFen: 400_000n, status: "approved", description: "门店活动" });

    const roi = await getCampaignRoi(marketing, campaignId);
    const revenue = won1.netFen! + won2.netFen! - 200_000n;
    const margin = 500_000n + 300_000n - 60_000n;
    expect(roi).toMatchObject({ leads: 3, deals: 2, ordersWon: 2, revenueFen: revenue, marginFen: margin, spendFen: 2_800_000n, claimsFen: 400_000n, costFen: 3_200_000n });
    // (740,000 − 3,200,000) ÷ 3,200,000 = −76.875 %: basis points rounded half away from zero
    expect(margin).toBe(740_000n);
    expect(roi.roiBp).toBe(-7688);

    // the quarter's list carries the same figures, sorted by ROI; another quarter does not list it
    const page = await listCampaignRoi(marketing, campaignRoiQuery.parse({ quarter: quarterOf(shanghaiToday()) }));
    expect(page.rows.find((r) => r.id === campaignId)).toEqual(roi);
    const rois = page.rows.map((r) => r.roiBp ?? Number.NEGATIVE_INFINITY);
    expect(rois).toEqual([...rois].sort((x, y) => y - x));
    expect((await listCampaignRoi(marketing, campaignRoiQuery.parse({ quarter: "2019-Q1" }))).rows).toEqual([]);
    // sorted on the numbers, not their text: ¥5,000 of cost ranks below ¥32,000
    await db.update(campaigns).set({ spentFen: 500_000n }).where(eq(campaigns.name, "上海经销商产品培训"));
    const byCost = await listCampaignRoi(marketing, campaignRoiQuery.parse({ quarter: quarterOf(shanghaiToday()), sort: "costFen", dir: "desc" }));
    expect(byCost.rows.map((r) => r.costFen)).toEqual([3_200_000n, 500_000n]);
    // the export carries the list's rows and order under the same filters, past one page, and nothing else
    const exported = await campaignRoiExport(marketing, { quarter: quarterOf(shanghaiToday()), sort: "costFen", dir: "desc", size: "1" });
    expect(exported.rows).toEqual(byCost.rows);
    expect((await campaignRoiExport(marketing, { quarter: quarterOf(shanghaiToday()), q: "不存在的活动" })).rows).toEqual([]);
    await expectDomainError(campaignRoiExport(dealer, { quarter: quarterOf(shanghaiToday()) }), { code: "errors.forbidden" });
    // partners and out-of-scope ids never see it
    await expectDomainError(getCampaignRoi(dealer, campaignId), { code: "errors.forbidden" });
    await expectDomainError(getCampaignRoi(marketing, "not-a-uuid"), { code: "errors.notFound" });
  });
});

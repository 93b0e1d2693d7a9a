import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, leadCaptures, leadEvents, leads, organizations, productLines, products, withSessionSettings, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { PORTAL_ROLE } from "../access/tenant";
import type { Ctx } from "../shared/context";
import { addDays, shanghaiToday } from "../shared/dates";
import { expectDomainError } from "@cs/testing/billing";
import { ctxOf, newKey, orgByCode, seedDemoData, unusedCreditCode } from "@cs/testing/demo";
import { expectUnchanged } from "@cs/testing/unchanged";
import { ValidationError } from "../shared/errors";
import { registerDeal } from "./deals";
import { LANDING_MAX_PER_WINDOW } from "./lead-rules";
import { captureLead, createLead } from "./leads";
import { assignLead, sweepOverdueLeads, unassignLead } from "./leads-assign";
import { getLead, leadForDeal, leadListQuery, listLeads } from "./leads-queries";
import { acceptLead, declineLead, loseLead, progressLead } from "./leads-work";
import { importLeads, readLeadXlsx, type LeadImportRow } from "./leads-import";
import { DEMO_LANDING_CODE, seedDemoMarketing } from "@cs/seed/flows/marketing";
import ExcelJS from "exceljs";

let db: Database;
let marketing: Ctx;
let dealer: Ctx;
let dealer2: Ctx;
let dl1: string;
let dl2: string;
let phone = 13800000000;
const PROVINCE = "测试省";
const mobile = () => String(++phone);
const enter = (over: Record<string, unknown> = {}) => createLead(marketing, { _key: newKey(), name: "张三", company: "某某科技有限公司", mobile: mobile(), province: PROVINCE, city: "测试市", interest: "笔记本", ...over });
/** The landing form as the portal's connection runs it: the cs_portal role, no tenant. */
const anonymous = () => withSessionSettings(db, { role: PORTAL_ROLE, values: {} });
let ipSeq = 0;
const landing = (over: Record<string, unknown> = {}, ip = `10.0.0.${++ipSeq}`) =>
  captureLead(anonymous(), DEMO_LANDING_CODE, { name: "访客", company: "访客公司", mobile: mobile(), city: "北京", interest: "服务器", consent: "on", website: "", ...over }, { ip, consentText: "我同意…" });
const leadRow = async (id: string) => (await db.select().from(leads).where(eq(leads.id, id)))[0]!;
const eventsOf = async (id: string) => db.select().from(leadEvents).where(eq(leadEvents.leadId, id)).orderBy(leadEvents.createdAt);
const pastDeadline = (id: string) => db.update(leads).set({ acceptBy: new Date(Date.now() - 60_000) }).where(eq(leads.id, id));

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  await seedDemoMarketing(db);
  marketing = await ctxOf(db, "marketing@demo.cn");
  dealer = await ctxOf(db, "dealer@demo.cn");
  dealer2 = await ctxOf(db, "dealer2@demo.cn");
  dl1 = (await orgByCode(db, "DL-0001")).id;
  dl2 = (await orgByCode(db, "DL-0002")).id;
  // the two demo dealers are the only partners in the test province, both gold
  await db.update(organizations).set({ province: PROVINCE, region: "north", tier: "gold" }).where(sql`${organizations.id} in (${dl1}, ${dl2})`);
});

describe("lead intake", () => {
  it("merges a duplicate by mobile, e-mail or credit code into the live lead as a note, never a second row", async () => {
    const code = await unusedCreditCode(db, 4242);
    const first = await enter({ mobile: "13912345678", email: "Li@Example.com" });
    expect(first.merged).toBe(false);
    const byMobile = await enter({ mobile: "139 1234 5678", name: "李四", note: "展会又来了" });
    const byEmail = await enter({ mobile: "", email: "li@example.com" });
    expect(byMobile).toEqual({ leadId: first.leadId, merged: true });
    expect(byEmail).toEqual({ leadId: first.leadId, merged: true });
    expect((await db.select().from(leads).where(eq(leads.mobile, "13912345678"))).length).toBe(1);
    const events = await eventsOf(first.leadId);
    expect(events.map((e) => e.kind)).toEqual(["captured", "merged", "merged"]);
    expect(events[1]!.note).toBe("展会又来了");
    const withCode = await enter({ mobile: "", email: "", creditCode: code });
    expect((await enter({ mobile: "", creditCode: code.toLowerCase() })).leadId).toBe(withCode.leadId);
    // the landing form merges too, through the definer function, without seeing the lead
    await landing({ mobile: "13912345678" });
    expect((await eventsOf(first.leadId)).map((e) => e.kind)).toEqual(["captured", "merged", "merged", "merged"]);
    expect(await db.select({ a: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, first.leadId))).toHaveLength(4);
  });

  it("refuses a lead without any contact and bad fields, changing nothing", async () => {
    await expectUnchanged(db, () => expectDomainError(enter({ mobile: "", email: "" }), { fields: { mobile: ["leads.errors.contactOrCodeRequired"] } }));
    await expectUnchanged(db, () => expectDomainError(enter({ mobile: "12", email: "nope", name: "" }), { fields: { mobile: ["validation.mobile"], email: ["validation.email"], name: ["validation.required"] } }));
    await expectDomainError(createLead(dealer, { _key: newKey(), name: "x", mobile: mobile() }), { code: "errors.forbidden" });
  });
});

describe("landing form", () => {
  it("captures a lead into the pool with the consent kept; unknown or closed codes are not found", async () => {
    const m = mobile();
    await landing({ mobile: m }, "10.9.0.1");
    const [lead] = await db.select().from(leads).where(eq(leads.mobile, m));
    expect(lead).toMatchObject({ source: "landing", status: "new", organizationId: null });
    const [capture] = await db.select().from(leadCaptures).where(eq(leadCaptures.leadId, lead!.id));
    expect(capture).toMatchObject({ outcome: "created", consentText: "我同意…" });
    await expectDomainError(captureLead(anonymous(), "no-such-code", {}, { ip: null, consentText: "" }), { code: "errors.notFound" });
    await db.execute(sql`update campaigns set status = 'closed' where code = 'bj-roadshow'`);
    await expectDomainError(landing(), { code: "errors.notFound" });
    await db.execute(sql`update campaigns set status = 'running' where code = 'bj-roadshow'`);
  });

  it("answers a filled honeypot like success and keeps no lead", async () => {
    const m = mobile();
    expect(await landing({ mobile: m, website: "http://spam.example" }, "10.9.0.2")).toEqual({ accepted: true });
    expect(await db.select().from(leads).where(eq(leads.mobile, m))).toHaveLength(0);
    expect((await db.select().from(leadCaptures).where(sql`${leadCaptures.ip} = '10.9.0.2'::inet`)).map((c) => c.outcome)).toEqual(["dropped"]);
  });

  it("needs consent and a mobile or e-mail", async () => {
    await expectUnchanged(db, () => expectDomainError(landing({ mobile: "", consent: "" }), { fields: { mobile: ["leads.errors.contactRequired"], consent: ["leads.errors.consentRequired"] } }));
  });

  it("rate-limits one client address, not the next", async () => {
    const ip = "10.9.9.9";
    for (let i = 0; i < LANDING_MAX_PER_WINDOW; i++) await landing({}, ip);
    await expectUnchanged(db, () => expectDomainError(landing({}, ip), { fields: { form: ["leads.errors.tooManySubmissions"] } }));
    expect(await landing({}, "10.9.9.10")).toEqual({ accepted: true });
  });
});

describe("distribution", () => {
  it("assigns by rule: the province first, then tier, then the lowest open-lead load", async () => {
    await db.update(organizations).set({ tier: "silver" }).where(eq(organizations.id, dl1));
    const a = await enter();
    expect((await assignLead(marketing, { leadId: a.leadId })).organizationId).toBe(dl2); // gold beats silver
    await db.update(organizations).set({ tier: "gold" }).where(eq(organizations.id, dl1));
    const b = await enter();
    expect((await assignLead(marketing, { leadId: b.leadId })).organizationId).toBe(dl1); // DL-0002 has one open lead already
    const row = await leadRow(b.leadId);
    expect(row.status).toBe("assigned");
    expect(row.acceptBy!.getTime()).toBeGreaterThan(row.assignedAt!.getTime());
    // by hand, and a second assignment of an assigned lead is refused
    const c = await enter();
    expect((await assignLead(marketing, { leadId: c.leadId, partnerCode: "dl-0002" })).organizationId).toBe(dl2);
    await expectUnchanged(db, () => expectDomainError(assignLead(marketing, { leadId: c.leadId }), { code: "leads.errors.notInPool" }));
    await expectDomainError(assignLead(marketing, { leadId: (await enter()).leadId, partnerCode: "NOPE" }), { fields: { partnerCode: ["leads.errors.unknownPartner"] } });
    // unassign returns it to the pool; the same partner by hand is refused afterwards
    await unassignLead(marketing, { leadId: c.leadId });
    expect(await leadRow(c.leadId)).toMatchObject({ status: "returned", organizationId: null });
    await expectDomainError(assignLead(marketing, { leadId: c.leadId, partnerCode: "DL-0002" }), { fields: { partnerCode: ["leads.errors.hadItBefore"] } });
  });

  it("the sweep returns an overdue lead to the pool and gives it to the next partner, never the same one", async () => {
    const { leadId } = await enter();
    const first = (await assignLead(marketing, { leadId })).organizationId;
    await pastDeadline(leadId);
    const swept = await sweepOverdueLeads(db);
    expect(swept).toEqual({ returned: 1, reassigned: 1, declined: 0 });
    const after = await leadRow(leadId);
    const second = after.organizationId!;
    expect(after.status).toBe("assigned");
    expect([dl1, dl2]).toContain(second); // still in the province
    expect(second).not.toBe(first);
    await pastDeadline(leadId);
    await sweepOverdueLeads(db);
    const third = (await leadRow(leadId)).organizationId;
    expect([first, second]).not.toContain(third);
    const kinds = (await eventsOf(leadId)).map((e) => e.kind);
    expect(kinds).toEqual(["captured", "assigned", "expired", "assigned", "expired", "assigned"]);
    expect(await sweepOverdueLeads(db)).toEqual({ returned: 0, reassigned: 0, declined: 0 });
  });
});

describe("the partner's work", () => {
  const assignedTo = async (code: string) => {
    const { leadId } = await enter({ company: "客户公司", creditCode: await unusedCreditCode(db, 7000 + phone) });
    await assignLead(marketing, { leadId, partnerCode: code });
    return leadId;
  };

  it("keeps leads to their partner: another partner's by id is not found, in lists and in raw SQL", async () => {
    const leadId = await assignedTo("DL-0001");
    expect((await getLead(dealer, leadId)).lead.id).toBe(leadId);
    await expectDomainError(getLead(dealer2, leadId), { code: "errors.notFound" });
    await expectDomainError(acceptLead(dealer2, { leadId }), { code: "errors.notFound" });
    expect((await listLeads(dealer2, leadListQuery.parse({}))).rows.map((r) => r.id)).not.toContain(leadId);
    expect(await dealer2.db.select().from(leads).where(eq(leads.id, leadId))).toHaveLength(0);
    // a pool lead is nobody's
    await expectDomainError(getLead(dealer, (await enter()).leadId), { code: "errors.notFound" });
  });

  it("refuses acceptance after the deadline with nothing changed, accepts before it", async () => {
    const late = await assignedTo("DL-0001");
    await pastDeadline(late);
    await expectUnchanged(db, () => expectDomainError(acceptLead(dealer, { leadId: late }), { code: "leads.errors.acceptExpired" }));
    const onTime = await assignedTo("DL-0001");
    expect(await acceptLead(dealer, { leadId: onTime })).toEqual({ leadId: onTime, status: "accepted" });
    await expectDomainError(acceptLead(dealer, { leadId: onTime }), { code: "leads.errors.notAwaitingAcceptance" });
  });

  it("tells the partner's users of an assignment, and passes a declined lead on by the rule to a partner other than the decliner", async () => {
    const noticesOf = async (leadId: string) =>
      db.execute<{ login: string; kind: string; params: { lead: string; acceptBy: string } }>(sql`
        select u.login, n.kind, n.params from notifications n join users u on u.id = n.user_id where n.entity_type = 'lead' and n.entity_id = ${leadId} order by n.created_at, u.login`);
    const outboxOf = async (leadId: string) => db.execute<{ to_address: string }>(sql`select to_address from email_outbox where template = 'lead.assigned' and params->>'entityId' = ${leadId}`);
    const leadId = await assignedTo("DL-0001");
    const first = await noticesOf(leadId);
    expect(first.length).toBeGreaterThan(0);
    expect(first.map((n) => n.login)).toContain("dealer@demo.cn");
    expect(first.map((n) => n.login)).not.toContain("dealer2@demo.cn");
    expect(first[0]).toMatchObject({ kind: "lead.assigned", params: { lead: "客户公司", acceptBy: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/) } });
    expect((await outboxOf(leadId)).map((r) => r.to_address)).toContain("dealer@demo.cn");

    await declineLead(dealer, { leadId, reason: "不在我们的区域" });
    expect(await leadRow(leadId)).toMatchObject({ status: "returned", organizationId: null, reassignAt: expect.any(Date) });
    const swept = await sweepOverdueLeads(db);
    expect(swept.declined).toBe(1);
    // the other partner of the province, by the rule; the decliner is never picked again
    expect(await leadRow(leadId)).toMatchObject({ status: "assigned", organizationId: dl2, reassignAt: null });
    expect((await noticesOf(leadId)).map((n) => n.login)).toContain("dealer2@demo.cn");
    const assigned = (await eventsOf(leadId)).filter((e) => e.kind === "assigned");
    expect(assigned.map((e) => [e.organizationId, (e.data as { how: string }).how])).toEqual([[dl1, "hand"], [dl2, "declined"]]);
    await declineLead(dealer2, { leadId, reason: "忙不过来" });
    await sweepOverdueLeads(db);
    const third = await leadRow(leadId);
    expect(third.status).toBe("assigned");
    expect([dl1, dl2]).not.toContain(third.organizationId);
    expect((await sweepOverdueLeads(db)).declined).toBe(0);
  });

  it("declines back to the pool, works a lead and closes it as lost", async () => {
    const declined = await assignedTo("DL-0001");
    await expectDomainError(declineLead(dealer, { leadId: declined, reason: "" }), { fields: { reason: ["validation.required"] } });
    await declineLead(dealer, { leadId: declined, reason: "不在我们的区域" });
    expect(await leadRow(declined)).toMatchObject({ status: "returned", organizationId: null });
    await expectDomainError(getLead(dealer, declined), { code: "errors.notFound" });
    const worked = await assignedTo("DL-0001");
    await acceptLead(dealer, { leadId: worked });
    await progressLead(dealer, { leadId: worked, nextStep: "下周二上门演示" });
    expect(await leadRow(worked)).toMatchObject({ status: "working", nextStep: "下周二上门演示" });
    await expectDomainError(loseLead(dealer, { leadId: worked, lostReason: "" }), { fields: { lostReason: ["validation.required"] } });
    await loseLead(dealer, { leadId: worked, lostReason: "价格", competitor: "某品牌" });
    expect(await leadRow(worked)).toMatchObject({ status: "lost", lostReason: "价格", competitor: "某品牌" });
    const audit = await db.select({ a: auditLog.action }).from(auditLog).where(and(eq(auditLog.entityId, worked))).orderBy(auditLog.id);
    expect(audit.map((r) => r.a)).toEqual(["lead.create", "lead.assign", "lead.accept", "lead.progress", "lead.lose"]);
  });

  it("converts an accepted lead to a deal registration, prefilled with its company and credit code", async () => {
    const leadId = await assignedTo("DL-0001");
    await expectDomainError(leadForDeal(dealer, leadId), { code: "errors.notFound" }); // not accepted yet
    await acceptLead(dealer, { leadId });
    const prefill = await leadForDeal(dealer, leadId);
    expect(prefill.customerName).toBe("客户公司");
    const [line] = await db.select({ id: productLines.id }).from(productLines).orderBy(productLines.code).limit(1);
    const [product] = await db.select({ id: products.id }).from(products).where(eq(products.productLineId, line!.id)).limit(1);
    const form = { customerName: prefill.customerName, customerCreditCode: prefill.customerCreditCode, expectedCloseOn: addDays(shanghaiToday(), 30), lines: [{ productId: product!.id, quantity: "3" }] };
    // another partner cannot convert it: nothing registered
    await expectUnchanged(db, () => expectDomainError(registerDeal(dealer2, { _key: newKey(), ...form, leadId }), { code: "errors.notFound" }));
    const { registrationId } = await registerDeal(dealer, { _key: newKey(), ...form, leadId });
    expect(await leadRow(leadId)).toMatchObject({ status: "won", dealRegistrationId: registrationId });
    expect((await getLead(marketing, leadId)).lead.dealNumber).toMatch(/^DR-/);
  });
});

describe("import", () => {
  it("takes the good rows of an XLSX, lists the bad ones by row and column, and merges duplicates of live leads and of earlier rows", async () => {
    const existing = await enter({ mobile: "13700000001" });
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("线索");
    sheet.addRow(["姓名", "公司", "手机", "邮箱", "信用代码", "省份", "城市", "意向"]);
    sheet.addRow(["甲", "甲公司", "13700000001", "", "", "北京市", "北京市", "笔记本"]); // row 2: the live lead again
    sheet.addRow(["乙", "乙公司", 13700000002, "yi@example.cn", "", "上海市", "上海市", "投影"]); // row 3: new (a number cell)
    sheet.addRow(["", "丙公司", "13700000003", "", "", "", "", ""]); // row 4: no name
    sheet.addRow(["丁", "丁公司", "123", "bad-mail", "", "", "", ""]); // row 5: bad mobile and e-mail
    sheet.addRow(["乙二", "乙公司", "", "YI@example.cn", "", "", "", ""]); // row 6: row 3 again by e-mail
    const rows: LeadImportRow[] = [];
    for await (const r of readLeadXlsx(new Uint8Array(await book.xlsx.writeBuffer()))) rows.push(r);
    expect(rows.map((r) => r.row)).toEqual([2, 3, 4, 5, 6]);
    const file = { name: "leads.xlsx", bytes: 1234 };
    const campaign = (await db.execute<{ id: string }>(sql`select id from campaigns where code = 'bj-roadshow'`))[0]!.id;
    const before = (await db.select().from(leads)).length;
    const result = await importLeads(marketing, { _key: newKey(), campaignId: campaign }, { file, rows });
    expect(result).toMatchObject({ rows: 5, created: 1, merged: 2 });
    expect(result.errors).toEqual([
      { row: 4, column: "name", message: "validation.required" },
      { row: 5, column: "mobile", message: "validation.mobile" },
      { row: 5, column: "email", message: "validation.email" },
    ]);
    expect((await db.select().from(leads)).length).toBe(before + 1);
    const [yi] = await db.select().from(leads).where(eq(leads.email, "yi@example.cn"));
    expect(yi).toMatchObject({ mobile: "13700000002", source: "import", campaignId: campaign, status: "new" });
    expect((await eventsOf(yi!.id)).map((e) => e.kind)).toEqual(["captured", "merged"]);
    expect((await eventsOf(existing.leadId)).map((e) => e.kind)).toEqual(["captured", "merged"]);
    await expectDomainError(importLeads(dealer, { _key: newKey() }, { file, rows }), { code: "errors.forbidden" });
  });

  it("streams past a batch: duplicates across batches merge, a merged row's new key leads to the same lead, odd text survives, and a refusal mid-file keeps nothing", async () => {
    const existing = await enter({ mobile: "13611000000" });
    const mobileOf = (i: number) => `139${String(i).padStart(8, "0")}`;
    const oddName = '名"字\\ ,{x} NULL';
    function* sheet(n: number, bad?: number): Generator<LeadImportRow> {
      for (let i = 1; i <= n; i++) {
        if (i === bad) yield { row: i + 1, cells: ["坏", "", "1", "", "", "", "", ""] };
        // row 2: the live lead by mobile, with an e-mail the file meets again 9,000 rows later
        else if (i === 1) yield { row: 2, cells: ["甲", "", "13611000000", "alias@example.cn", "", "", "", ""] };
        else if (i === 9001) yield { row: i + 1, cells: ["甲二", "", "", "ALIAS@example.cn", "", "", "", ""] };
        // every row past 7,000 repeats the row 6,000 before it (an earlier batch)
        else if (i > 7000 && i % 10 === 0) yield { row: i + 1, cells: [`重复${i}`, "", mobileOf(i - 6000), "", "", "", "", ""] };
        else yield { row: i + 1, cells: [i === 2 ? oddName : `联系人${i}`, `公司${i}`, mobileOf(i), "", "", "", "", ""] };
      }
    }
    const before = (await db.execute<{ n: number }>(sql`select count(*)::int as n from leads`))[0]!.n;
    const file = { name: "big.csv", bytes: 99 };
    await expectUnchanged(db, () => expectDomainError(importLeads(marketing, { _key: newKey() }, { file, rows: sheet(0) }), { fields: { file: ["leads.import.empty"] } }));
    async function* unreadable(): AsyncGenerator<LeadImportRow> {
      yield* sheet(6000);
      throw new ValidationError({ file: ["leads.import.unreadable"] });
    }
    await expectUnchanged(db, () => expectDomainError(importLeads(marketing, { _key: newKey() }, { file, rows: unreadable() }), { fields: { file: ["leads.import.unreadable"] } }));

    const key = newKey();
    const result = await importLeads(marketing, { _key: key }, { file, rows: sheet(12_000, 3) });
    const repeats = Array.from({ length: 12_000 }, (_, k) => k + 1).filter((i) => i > 7000 && i % 10 === 0).length;
    expect(result).toMatchObject({ rows: 12_000, created: 12_000 - 1 - 2 - repeats, merged: 2 + repeats });
    expect(result.errors).toEqual([{ row: 4, column: "mobile", message: "validation.mobile" }]);
    expect((await db.execute<{ n: number }>(sql`select count(*)::int as n from leads`))[0]!.n).toBe(before + result.created);
    expect((await eventsOf(existing.leadId)).map((e) => e.kind)).toEqual(["captured", "merged", "merged"]);
    const [odd] = await db.select().from(leads).where(eq(leads.mobile, mobileOf(2)));
    expect(odd!.name).toBe(oddName);
    const [twin] = await db.select({ id: leads.id }).from(leads).where(eq(leads.mobile, mobileOf(1010)));
    expect((await eventsOf(twin!.id)).map((e) => e.kind).sort()).toEqual(["captured", "merged"]);
    // the same form sent again is a replay, not a second import; the key with another file is refused
    expect(await importLeads(marketing, { _key: key }, { file, rows: sheet(12_000, 3) })).toEqual(result);
    await expectDomainError(importLeads(marketing, { _key: key }, { file: { ...file, bytes: 100 }, rows: sheet(1) }), { code: "errors.keyReused" });
  });
});

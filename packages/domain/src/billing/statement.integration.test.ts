import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { organizations, payments, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { ctxOf, newKey, orgByCode, seedDemoData } from "@cs/testing/demo";
import { createTestInvoice, expectDomainError } from "@cs/testing/billing";
import { createTestProduct } from "@cs/testing/inventory";
import { pdfEmbeddedFonts, pdfText } from "@cs/testing/pdf-text";
import type { Ctx } from "../shared/context";
import { addDays, shanghaiToday } from "../shared/dates";
import { recordPayment } from "./payments";
import { statementOfAccount } from "./statement";
import { renderStatementPdf, type StatementLabels } from "./statement-pdf";
import { renderStatementXlsx } from "./statement-xlsx";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;
let finance: Ctx;
let orgId: string;
const today = shanghaiToday();
const ago = (d: number) => addDays(today, -d);

const labels: StatementLabels = {
  title: "对账单",
  partner: "客户",
  taxId: "税号",
  period: "期间",
  generated: "生成日期",
  opening: "期初余额",
  closing: "期末余额",
  totals: "本期合计",
  columns: { date: "日期", kind: "类型", number: "单号", reference: "摘要", debit: "应收", credit: "已收", balance: "余额" },
  kinds: { invoice: "销售发票", credit_note: "红字发票", payment: "回款", rebate: "返利抵扣", coupon: "优惠券抵扣" },
  agingTitle: "账龄",
  aging: { notDue: "未到期", d0_30: "0–30 天", d31_60: "31–60 天", d61_90: "61–90 天", d90Plus: "90 天以上", credit: "预收款", balance: "应收余额" },
  company: "华信达科技",
  confirmed: "客户已确认",
  money: (fen) => `¥${fen / 100n}.${String(fen % 100n).padStart(2, "0")}`,
  date: (d) => d,
};

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  finance = await ctxOf(db, "finance@demo.cn");
  const productId = await createTestProduct(db, "ST-P");
  orgId = (await orgByCode(db, "DL-0001")).id;
  await db.update(organizations).set({ name: "北京星辰科技有限公司" }).where(eq(organizations.id, orgId));
  // before the period: 1,000 invoiced, 400 paid → opening 600
  await createTestInvoice(db, { organizationId: orgId, productId, totalFen: 100_000n, issuedOn: ago(60), dueOn: ago(30) });
  await recordPayment(finance, { organizationId: orgId, receivedOn: ago(45), method: "bank_transfer", amount: "400", reference: "招行回单 A", _key: newKey() });
  // in the period: 250 invoiced, 500 paid
  await createTestInvoice(db, { organizationId: orgId, productId, totalFen: 25_000n, issuedOn: ago(10), dueOn: ago(-20) });
  await recordPayment(finance, { organizationId: orgId, receivedOn: ago(5), method: "bank_transfer", amount: "500", reference: "招行回单 B", _key: newKey() });
});

describe("statementOfAccount", () => {
  it("has the opening balance, the period's documents with a running balance, the closing balance and the aging", async () => {
    const s = await statementOfAccount(finance, orgId, { from: ago(20), to: today });
    expect(s.openingFen).toBe(60_000n);
    expect(s.entries.map((e) => [e.kind, e.debitFen, e.creditFen, e.balanceFen])).toEqual([
      ["invoice", 25_000n, 0n, 85_000n],
      ["payment", 0n, 50_000n, 35_000n],
    ]);
    expect(s.closingFen).toBe(35_000n);
    expect(s.aging.balanceFen).toBe(35_000n);
  });

  it("shows a payment made from the rebate balance as a rebate deduction, not as money received", async () => {
    const other = (await orgByCode(db, "DL-0002")).id;
    await db.insert(payments).values({ number: "PAY-REBATE-T1", organizationId: other, receivedOn: ago(3), method: "rebate", reference: "SO-T", amountFen: 12_000n, unallocatedFen: 12_000n });
    const s = await statementOfAccount(finance, other, { from: ago(20), to: today });
    expect(s.entries.filter((e) => e.number === "PAY-REBATE-T1").map((e) => [e.kind, e.creditFen])).toEqual([["rebate", 12_000n]]);
    expect(pdfText(await renderStatementPdf(s, labels))).toContain("返利抵扣");
  });

  it("is the partner's own for a partner admin, and not found for another partner", async () => {
    const dealer = await ctxOf(db, "dealer@demo.cn");
    expect((await statementOfAccount(dealer, orgId, {})).organization.id).toBe(orgId);
    const other = await ctxOf(db, "dealer2@demo.cn");
    await expectUnchanged(db, () => expectDomainError(statementOfAccount(other, orgId, {}), { code: "errors.notFound" }));
    const buyer = await ctxOf(db, "buyer@demo.cn");
    await expectUnchanged(db, () => expectDomainError(statementOfAccount(buyer, orgId, {}), { code: "errors.forbidden" }));
    await expectUnchanged(db, () => expectDomainError(statementOfAccount(finance, orgId, { from: today, to: ago(1) }), { fields: { to: ["billing.validation.periodOrder"] } }));
  });

  it("renders a PDF that embeds the CJK font and carries the Chinese text as its glyphs", async () => {
    const s = await statementOfAccount(finance, orgId, { from: ago(20), to: today });
    const pdf = await renderStatementPdf(s, labels);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    // the font programs themselves are in the file, subset (ABCDEF+) to the glyphs used
    const fonts = pdfEmbeddedFonts(pdf).map((f) => f.baseFont.replace(/^[A-Z]{6}\+/, ""));
    expect(fonts.sort()).toEqual(["NotoSansHans-Bold", "NotoSansHans-Regular"]);
    expect(pdfEmbeddedFonts(pdf).every((f) => /^[A-Z]{6}\+/.test(f.baseFont))).toBe(true);
    const text = pdfText(pdf);
    expect(text).toContain("华信达科技 · 对账单");
    expect(text).toContain("北京星辰科技有限公司");
    expect(text).toContain("期初余额");
    expect(text).toContain("招行回单 B");
    expect(text).toContain("¥350.00");
    expect(text).not.toContain("\uFFFD");
    expect(pdf.length).toBeLessThan(400_000);
  });

  it("renders an XLSX with the entries and numeric amounts", async () => {
    const s = await statementOfAccount(finance, orgId, { from: ago(20), to: today });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await renderStatementXlsx(s, labels)) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet("对账单")!;
    const values = sheet.getSheetValues().flat().filter((v) => v !== undefined && v !== null);
    expect(values).toContain("北京星辰科技有限公司（DL-0001）");
    expect(values).toContain("招行回单 B");
    expect(values).toContain(350);
    expect(values).toContain(600);
  });
});

import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { createInstance } from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { resources } from "@cs/i18n";
import { organizations, rebateStatementLines, rebateStatements, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { pdfEmbeddedFonts, pdfText } from "@cs/testing/pdf-text";
import { ctxOf, orgByCode, seedDemoData } from "@cs/testing/demo";
import { expectDomainError } from "@cs/testing/billing";
import { publishedStatement } from "@cs/testing/rebate-balance";
import { renderRebateStatementPdf, renderRebateStatementXlsx, type Translate } from "./rebate-statement-files";
import { explainStatementText } from "./statement-explain";
import { formatYuan } from "../shared/money";
import { getRebateStatement, type RebateStatementDetail } from "./statements-queries";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;
let detail: RebateStatementDetail;
let t: Translate;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  const org = await orgByCode(db, "DL-0001");
  await db.update(organizations).set({ name: "北京星辰科技有限公司" }).where(eq(organizations.id, org.id));
  const statement = await publishedStatement(db, org.id, 2_655_00n);
  await db.insert(rebateStatementLines).values([
    { statementId: statement.id, lineNo: 1, kind: "basis", basisFen: 120_000_00n, amountFen: 0n, params: { basis: "invoiced", basisFen: "12000000", targetFen: "10000000", completionBp: 12000 } },
    { statementId: statement.id, lineNo: 2, kind: "tier", basisFen: 120_000_00n, rateBp: 200, amountFen: 2_400_00n, params: { tierNo: 2, minCompletionBp: 10000 } },
    { statementId: statement.id, lineNo: 3, kind: "multiplier", basisFen: 2_400_00n, rateBp: 11000, amountFen: 240_00n, params: { onTimeBp: 9500, multiplierBp: 11000 } },
    { statementId: statement.id, lineNo: 4, kind: "adjustment", amountFen: 15_00n, params: { sourceNumber: "RB-2025-000007", creditNoteNumber: "CN-2026-000002" } },
  ]);
  detail = await getRebateStatement(await ctxOf(db, "dealer@demo.cn"), statement.id);
  const i18n = createInstance();
  await i18n.init({ lng: "zh-CN", resources, interpolation: { escapeValue: false } });
  t = (key, values) => i18n.t(key, values);
});

describe("rebate statement files", () => {
  it("explains the calculation in plain words from the lines", () => {
    expect(explainStatementText(detail, t, formatYuan)).toEqual([
      "期间内您的开票采购额（扣除退货）为 ¥120,000.00。",
      "本期目标为 ¥100,000.00，完成率 120%。",
      "达到第 2 档（完成率 ≥ 100%），按全额追溯：¥120,000.00 × 2% = ¥2,400.00。",
      "按期回款率 95%，返利乘以系数 1.1，调整 ¥240.00。",
      "对账单 RB-2025-000007 审批后发生的退货（红字发票 CN-2026-000002）：¥15.00。",
      "本对账单金额合计 ¥2,655.00。",
    ]);
  });

  it("renders a PDF with the embedded CJK font carrying the Chinese text as glyphs", async () => {
    const pdf = await renderRebateStatementPdf(detail, t, "2026-04-02");
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdfEmbeddedFonts(pdf).map((f) => f.baseFont.replace(/^[A-Z]{6}\+/, ""))).toContain("NotoSansHans-Regular");
    const text = pdfText(pdf);
    expect(text).toContain("华信达科技 · 返利对账单");
    expect(text).toContain("北京星辰科技有限公司");
    expect(text).toContain("按全额追溯");
    expect(text).toContain("¥2,655.00");
    expect(text).not.toContain("\uFFFD");
  });

  it("writes an XLSX with the explanation and the lines as numbers", async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await renderRebateStatementXlsx(detail, t, "2026-04-02")) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const values = sheet.getSheetValues().flatMap((r) => (Array.isArray(r) ? r.slice(1) : []));
    expect(values).toContain("本期目标为 ¥100,000.00，完成率 120%。");
    expect(values).toContain("追溯返利");
    expect(values).toContain(2655);
    expect(values).toContain(0.02);
  });

  it("is not found for another partner, and a draft is not found for its own partner", async () => {
    await expectUnchanged(db, async () => expectDomainError(getRebateStatement(await ctxOf(db, "dealer2@demo.cn"), detail.statement.id), { code: "errors.notFound" }));
    const draft = await publishedStatement(db, detail.statement.organizationId, 1_00n);
    await db.update(rebateStatements).set({ status: "draft" }).where(eq(rebateStatements.id, draft.id));
    await expectUnchanged(db, async () => expectDomainError(getRebateStatement(await ctxOf(db, "dealer@demo.cn"), draft.id), { code: "errors.notFound" }));
  });
});

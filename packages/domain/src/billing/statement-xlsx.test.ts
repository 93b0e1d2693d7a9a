import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { Statement } from "./statement";
import { renderStatementXlsx } from "./statement-xlsx";

const labels = {
  title: "对账单",
  partner: "客户",
  taxId: "税号",
  period: "期间",
  generated: "生成日期",
  opening: "期初",
  closing: "期末",
  totals: "合计",
  columns: { date: "日期", kind: "类型", number: "单号", reference: "参考", debit: "借方", credit: "贷方", balance: "余额" },
  kinds: { invoice: "发票", credit_note: "红字", payment: "回款", rebate: "返利抵扣", coupon: "优惠券抵扣" },
  agingTitle: "账龄",
  aging: { notDue: "未到期", d0_30: "0-30", d31_60: "31-60", d61_90: "61-90", d90Plus: "90+", credit: "贷项", balance: "余额" },
  company: "华信达",
  confirmed: "客户已确认",
  date: (d: string) => d,
};

const zero = { notDueFen: 0n, d0_30Fen: 0n, d31_60Fen: 0n, d61_90Fen: 0n, d90PlusFen: 0n, creditFen: 0n, balanceFen: 0n };

describe("renderStatementXlsx", () => {
  it("writes text a partner typed as text, never as a formula, and keeps amounts numeric", async () => {
    const statement: Statement = {
      organization: { id: "o", code: "DL-9", name: "=HYPERLINK(\"http://evil.example\",\"点我\")", taxId: "@SUM(1)" },
      from: "2026-11-01",
      to: "2026-11-30",
      openingFen: -1250n,
      entries: [
        { date: "2026-11-02", kind: "payment", number: "PAY-1", reference: "+cmd|' /C calc'!A0", debitFen: 0n, creditFen: 1250n, balanceFen: -2500n },
      ],
      totalDebitFen: 0n,
      totalCreditFen: 1250n,
      closingFen: -2500n,
      aging: { id: "o", code: "DL-9", name: "x", ...zero },
      generatedOn: "2026-12-01",
    };
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await renderStatementXlsx(statement, labels)) as unknown as ArrayBuffer);
    const texts: string[] = [];
    const numbers: number[] = [];
    book.worksheets[0]!.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === "string") texts.push(cell.value);
        if (typeof cell.value === "number") numbers.push(cell.value);
        expect(cell.formula).toBeFalsy();
      }),
    );
    expect(texts).toContain("'@SUM(1)");
    expect(texts).toContain("'+cmd|' /C calc'!A0");
    expect(texts).toContain(`'=HYPERLINK("http://evil.example","点我")（DL-9）`);
    expect(texts.filter((t) => /^[=+\-@\t\r]/.test(t))).toEqual([]);
    expect(numbers).toContain(-12.5);
    expect(numbers).toContain(-25);
  });
});

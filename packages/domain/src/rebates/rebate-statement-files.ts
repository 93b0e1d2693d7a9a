import ExcelJS from "exceljs";
import { newPdf, pdfRow } from "../shared/pdf-table";
import { neutraliseWorkbook } from "../shared/spreadsheet-cells";
import { explainStatementText, formatBp } from "./statement-explain";
import { formatYuan } from "../shared/money";
import type { NamedFile } from "../shared/named-file";
import type { RebateStatementDetail } from "./statements-queries";

/**
 * Server-only (imported by route *.server.ts / resource routes as
 * "@cs/domain/rebates/rebate-statement-files", never from the package index): pdfkit and the CJK
 * font stay out of browser bundles. The PDF embeds the same Noto Sans Hans subset as the account
 * statement (billing/statement-pdf.ts), so Chinese renders on a machine without system fonts.
 */
export type Translate = (key: string, values?: Record<string, string>) => string;

type Row = { label: string; value: string };

function header(d: RebateStatementDetail, t: Translate, generatedOn: string): Row[] {
  const s = d.statement;
  const source = d.program ? `${d.program.code} ${d.program.name}` : d.priceProtection ? d.priceProtection.number : "";
  return [
    { label: t("rebatePortal.detail.partner"), value: `${s.partner}（${s.partnerCode}）` },
    { label: t("rebatePortal.columns.number"), value: s.number },
    { label: t("rebatePortal.columns.kind"), value: t(`rebatePortal.kinds.${s.kind}`) },
    { label: t("rebatePortal.detail.source"), value: source },
    { label: t("rebatePortal.detail.period"), value: `${s.periodStart} – ${s.periodEnd}` },
    { label: t("rebatePortal.detail.status"), value: t(`rebatePortal.statuses.${s.status}`) },
    { label: t("rebatePortal.file.generated"), value: generatedOn },
  ];
}

const lineKind = (t: Translate, kind: string) => t(`rebatePortal.lineKinds.${["basis", "no_target", "below_first_tier", "tier", "slice", "multiplier", "cap", "adjustment", "price_protection"].includes(kind) ? kind : "other"}`);

const widths = [185, 130, 70, 130];

/** The statement as an A4 PDF: header, the plain-words explanation, the lines and the amount. */
export function renderRebateStatementPdf(d: RebateStatementDetail, t: Translate, generatedOn: string): Promise<Buffer> {
  const title = t("rebatePortal.file.title");
  const company = t("app.company");
  const { doc, done } = newPdf(`${title} ${d.statement.number}`, company);

  doc.font("cjk-bold").fontSize(16).text(`${company} · ${title}`, { align: "center" });
  doc.moveDown(0.6);
  doc.font("cjk").fontSize(10);
  for (const r of header(d, t, generatedOn)) doc.text(`${r.label}：${r.value}`);
  doc.moveDown(0.6);
  doc.font("cjk-bold").fontSize(11).text(t("rebatePortal.detail.explanation"));
  doc.font("cjk").fontSize(10);
  for (const sentence of explainStatementText(d, t, formatYuan)) doc.text(`· ${sentence}`, { paragraphGap: 2 });
  doc.moveDown(0.6);
  doc.font("cjk-bold").fontSize(11).text(t("rebatePortal.detail.lines"));
  doc.moveDown(0.2);
  row(doc, [t("rebatePortal.columns.line"), t("rebatePortal.columns.basis"), t("rebatePortal.columns.rate"), t("rebatePortal.columns.lineAmount")], true);
  for (const l of d.lines) row(doc, [lineKind(t, l.kind), l.basisFen === null ? "" : formatYuan(l.basisFen), l.rateBp === null ? "" : formatBp(l.rateBp, l.kind === "multiplier"), formatYuan(l.amountFen)], false);
  row(doc, [t("rebatePortal.detail.amount"), "", "", formatYuan(d.statement.amountFen)], true);
  doc.end();
  return done;
}

function row(doc: PDFKit.PDFDocument, cells: string[], bold: boolean) {
  pdfRow(doc, cells, { bold, widths, rightFrom: 1, fontSize: 9 });
}

const yuan = (fen: bigint) => Number(fen) / 100;

/** The statement as an XLSX workbook: amounts are numbers (yuan, two decimals) the partner can add up. */
export async function renderRebateStatementXlsx(d: RebateStatementDetail, t: Translate, generatedOn: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = t("app.company");
  const sheet = book.addWorksheet(t("rebatePortal.file.title"));
  sheet.columns = [{ width: 26 }, { width: 18 }, { width: 12 }, { width: 18 }];
  sheet.addRow([`${t("app.company")} · ${t("rebatePortal.file.title")}`]).font = { bold: true, size: 14 };
  for (const r of header(d, t, generatedOn)) sheet.addRow([r.label, r.value]);
  sheet.addRow([]);
  sheet.addRow([t("rebatePortal.detail.explanation")]).font = { bold: true };
  for (const sentence of explainStatementText(d, t, formatYuan)) sheet.addRow([sentence]);
  sheet.addRow([]);
  sheet.addRow([t("rebatePortal.columns.line"), t("rebatePortal.columns.basis"), t("rebatePortal.columns.rate"), t("rebatePortal.columns.lineAmount")]).font = { bold: true };
  const first = sheet.rowCount + 1;
  for (const l of d.lines) {
    // a rate is a percentage of the basis; the on-time multiplier a factor (×1.05)
    const added = sheet.addRow([lineKind(t, l.kind), l.basisFen === null ? null : yuan(l.basisFen), l.rateBp === null ? null : l.rateBp / 10000, yuan(l.amountFen)]);
    added.getCell(3).numFmt = l.kind === "multiplier" ? '"×"0.0000' : "0.00%";
  }
  const total = sheet.addRow([t("rebatePortal.detail.amount"), null, null, yuan(d.statement.amountFen)]);
  total.font = { bold: true };
  for (let r = first; r <= sheet.rowCount; r++) {
    sheet.getRow(r).getCell(2).numFmt = "#,##0.00";
    sheet.getRow(r).getCell(4).numFmt = "#,##0.00";
  }
  neutraliseWorkbook(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The rendered file and its names (the web layer makes the download response). */
export async function rebateStatementFile(d: RebateStatementDetail, format: "pdf" | "xlsx", t: Translate, generatedOn: string): Promise<NamedFile> {
  const body = format === "pdf" ? await renderRebateStatementPdf(d, t, generatedOn) : await renderRebateStatementXlsx(d, t, generatedOn);
  return {
    body,
    format,
    name: `${t("rebatePortal.file.title")}-${d.statement.partner}-${d.statement.number}.${format}`,
    asciiName: `rebate-${d.statement.number}.${format}`.replace(/[^\w.-]/g, "_"),
  };
}

import ExcelJS from "exceljs";
import { neutraliseWorkbook } from "../shared/spreadsheet-cells";
import type { NamedFile } from "../shared/named-file";
import type { EinvoiceBatch } from "./einvoice-export";

/**
 * The tax bureau's 数电票 batch-issue workbook (批量开具, docs/decisions/034): sheet 1 one row per
 * invoice, sheet 2 one row per line, joined by 发票流水号 (our invoice number). The headers are the
 * template's own, in Chinese whatever the reader's language: a machine reads them. Server-only.
 */
export const EINVOICE_SHEETS = { invoices: "1-发票基本信息", lines: "2-发票明细信息" } as const;
export const EINVOICE_INVOICE_COLUMNS = ["发票流水号", "发票类型", "特定业务类型", "是否含税", "受票方自然人标识", "购买方名称", "购买方纳税人识别号", "备注"] as const;
export const EINVOICE_LINE_COLUMNS = ["发票流水号", "项目名称", "商品和服务税收分类编码", "规格型号", "单位", "数量", "单价", "金额", "税率", "折扣金额"] as const;

/** The template's invoice type for a VAT special invoice (our buyers are businesses that deduct input VAT). */
const SPECIAL_INVOICE = "增值税专用发票";
const UNITS: Readonly<Record<string, string>> = { pcs: "台", box: "盒", set: "套", each: "个" };
const yuan = (fen: bigint) => Number(fen) / 100;

export async function renderEinvoiceXlsx(batch: EinvoiceBatch, company: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = company;
  const heads = book.addWorksheet(EINVOICE_SHEETS.invoices);
  heads.addRow([...EINVOICE_INVOICE_COLUMNS]).font = { bold: true };
  for (const i of batch.invoices)
    // 是否含税 是: amounts are tax-inclusive, the platform splits VAT per line half-up as we do
    heads.addRow([i.number, SPECIAL_INVOICE, "", "是", "否", i.buyerName, i.buyerTaxId, i.orderNumber ?? ""]);
  const lines = book.addWorksheet(EINVOICE_SHEETS.lines);
  lines.addRow([...EINVOICE_LINE_COLUMNS]).font = { bold: true };
  for (const i of batch.invoices)
    for (const l of i.lines)
      lines.addRow([i.number, l.name, l.taxCode, l.sku, Object.hasOwn(UNITS, l.unit) ? UNITS[l.unit]! : l.unit, l.quantity, yuan(l.unitPriceFen), yuan(l.grossFen), l.taxRateBp / 10_000, null]);
  heads.columns.forEach((c, i) => (c.width = [20, 16, 12, 10, 16, 36, 24, 20][i] ?? 12));
  lines.columns.forEach((c, i) => (c.width = [20, 36, 24, 24, 8, 8, 12, 14, 8, 10][i] ?? 12));
  // the code is text (19 digits lose precision as a number), money two decimals, the rate a percent
  lines.getColumn(3).numFmt = "@";
  for (const col of [7, 8]) lines.getColumn(col).numFmt = "0.00";
  lines.getColumn(9).numFmt = "0%";
  neutraliseWorkbook(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The batch as a download named for its period. */
export async function einvoiceFile(batch: EinvoiceBatch, company: string): Promise<NamedFile> {
  return {
    body: await renderEinvoiceXlsx(batch, company),
    format: "xlsx",
    name: `数电票批量开具-${batch.from}-${batch.to}.xlsx`,
    asciiName: `einvoice-batch-${batch.from}-${batch.to}.xlsx`,
  };
}

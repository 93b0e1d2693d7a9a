import type { getInvoice } from "./finance-queries";
import { PDF_MARGIN as MARGIN, newPdf, pdfRow } from "../shared/pdf-table";

/** Server-only, like statement-pdf: pdfkit and the embedded CJK font stay out of browser bundles. */
export type InvoiceDetail = Awaited<ReturnType<typeof getInvoice>>;

export type InvoiceLabels = {
  title: string;
  company: string;
  partner: string;
  taxId: string;
  number: string;
  order: string;
  shipment: string;
  issuedOn: string;
  dueOn: string;
  columns: { sku: string; product: string; quantity: string; unitPrice: string; net: string; taxRate: string; tax: string; gross: string };
  totals: string;
  settled: string;
  outstanding: string;
  money: (fen: bigint) => string;
  productName: (line: InvoiceDetail["lines"][number]) => string;
};

const widths = [70, 125, 40, 60, 60, 40, 60, 60]; // 515 of A4's 595 − 2 × 40

/** One invoice or credit note as an A4 PDF: header facts, its lines with VAT per line, totals. */
export function renderInvoicePdf(d: InvoiceDetail, l: InvoiceLabels): Promise<Buffer> {
  const { doc, done } = newPdf(`${l.title} ${d.invoice.number}`, l.company);

  doc.font("cjk-bold").fontSize(16).text(`${l.company} · ${l.title}`, { align: "center" });
  doc.moveDown(0.5);
  doc.font("cjk").fontSize(10);
  doc.text(`${l.number}：${d.invoice.number}`);
  doc.text(`${l.partner}：${d.partner}（${d.partnerCode}）`);
  if (d.taxId) doc.text(`${l.taxId}：${d.taxId}`);
  if (d.orderNumber) doc.text(`${l.order}：${d.orderNumber}${d.shipmentNumber ? `    ${l.shipment}：${d.shipmentNumber}` : ""}`);
  doc.text(`${l.issuedOn}：${d.invoice.issuedOn}    ${l.dueOn}：${d.invoice.dueOn}`);
  doc.moveDown(0.5);

  const c = l.columns;
  row(doc, [c.sku, c.product, c.quantity, c.unitPrice, c.net, c.taxRate, c.tax, c.gross], true);
  for (const line of d.lines)
    row(doc, [line.sku, l.productName(line), String(line.quantity), l.money(line.unitPriceFen), l.money(line.netFen), `${line.taxRateBp / 100}%`, l.money(line.taxFen), l.money(line.grossFen)], false);
  row(doc, ["", l.totals, "", "", l.money(d.invoice.netFen), "", l.money(d.invoice.taxFen), l.money(d.invoice.totalFen)], true);
  doc.moveDown(0.5);
  doc.font("cjk").fontSize(10).text(`${l.settled}：${l.money(d.invoice.settledFen)}    ${l.outstanding}：${l.money(d.invoice.totalFen - d.invoice.settledFen)}`, MARGIN);
  doc.end();
  return done;
}

function row(doc: PDFKit.PDFDocument, cells: string[], bold: boolean) {
  pdfRow(doc, cells, { bold, widths, rightFrom: 2 });
}

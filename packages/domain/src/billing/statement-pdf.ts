import type { Statement, StatementEntry } from "./statement";
import { PDF_MARGIN as MARGIN, newPdf, pdfRow } from "../shared/pdf-table";

/** Server-only (imported as "@cs/domain/billing/statement-pdf", never from the package index): see pdf-table.ts. */

export type StatementLabels = {
  title: string;
  partner: string;
  taxId: string;
  period: string;
  generated: string;
  opening: string;
  closing: string;
  totals: string;
  columns: { date: string; kind: string; number: string; reference: string; debit: string; credit: string; balance: string };
  kinds: Record<StatementEntry["kind"], string>;
  agingTitle: string;
  aging: { notDue: string; d0_30: string; d31_60: string; d61_90: string; d90Plus: string; credit: string; balance: string };
  company: string;
  /** "Confirmed by the partner" heading for a frozen statement. */
  confirmed: string;
  money: (fen: bigint) => string;
  date: (isoDate: string) => string;
};

const widths = [70, 70, 105, 85, 65, 65, 75]; // 535 = A4 width 595 − 2 × 30ish

/** Who confirmed a frozen statement and when (China wall-clock time). */
export type StatementConfirmation = { at: string; by: string };

/** Renders the statement as an A4 PDF and resolves with its bytes; a confirmed one says who confirmed it when. */
export function renderStatementPdf(s: Statement, l: StatementLabels, confirmation?: StatementConfirmation): Promise<Buffer> {
  const { doc, done } = newPdf(`${l.title} ${s.organization.name}`, l.company);

  doc.font("cjk-bold").fontSize(16).text(`${l.company} · ${l.title}`, { align: "center" });
  doc.moveDown(0.5);
  doc.font("cjk").fontSize(10);
  doc.text(`${l.partner}：${s.organization.name}（${s.organization.code}）`);
  if (s.organization.taxId) doc.text(`${l.taxId}：${s.organization.taxId}`);
  doc.text(`${l.period}：${l.date(s.from)} – ${l.date(s.to)}    ${l.generated}：${l.date(s.generatedOn)}`);
  if (confirmation) doc.font("cjk-bold").text(`${l.confirmed}：${confirmation.at} · ${confirmation.by}`).font("cjk");
  doc.moveDown(0.5);

  const c = l.columns;
  row(doc, [c.date, c.kind, c.number, c.reference, c.debit, c.credit, c.balance], true);
  row(doc, ["", l.opening, "", "", "", "", l.money(s.openingFen)], false);
  for (const e of s.entries)
    row(doc, [l.date(e.date), l.kinds[e.kind], e.number, e.reference ?? "", e.debitFen ? l.money(e.debitFen) : "", e.creditFen ? l.money(e.creditFen) : "", l.money(e.balanceFen)], false);
  row(doc, ["", l.totals, "", "", l.money(s.totalDebitFen), l.money(s.totalCreditFen), ""], true);
  row(doc, ["", l.closing, "", "", "", "", l.money(s.closingFen)], true);

  doc.moveDown(1);
  doc.font("cjk-bold").fontSize(11).text(l.agingTitle, MARGIN);
  const a = l.aging;
  const g = s.aging;
  const agingWidths = [75, 75, 75, 75, 75, 75, 85];
  row(doc, [a.notDue, a.d0_30, a.d31_60, a.d61_90, a.d90Plus, a.credit, a.balance], true, agingWidths);
  row(doc, [g.notDueFen, g.d0_30Fen, g.d31_60Fen, g.d61_90Fen, g.d90PlusFen, g.creditFen, g.balanceFen].map(l.money), false, agingWidths);
  doc.end();
  return done;
}

/** The statement's rows: its last three columns (or the aging table's) hold amounts. */
function row(doc: PDFKit.PDFDocument, cells: string[], bold: boolean, cols: readonly number[] = widths) {
  pdfRow(doc, cells, { bold, widths: cols, rightFrom: cols === widths ? cols.length - 3 : cols.length });
}

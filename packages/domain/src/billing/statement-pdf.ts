import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import PDFDocument from "pdfkit";
import type { Statement, StatementEntry } from "./statement";

/**
 * Server-only (imported by route *.server.ts files as "@cs/domain/billing/statement-pdf", never from
 * the package index): it loads pdfkit and a 8 MB font, which must stay out of any browser bundle.
 *
 * The font is Noto Sans Hans (GB2312 set, SIL Open Font Licence 1.1) from the npm package
 * @embedpdf/fonts-sc, so a fresh machine renders Chinese without any system font; pdfkit embeds
 * only the glyphs used (a subset), keeping statements small.
 */
const fontDir = join(dirname(createRequire(import.meta.url).resolve("@embedpdf/fonts-sc")), "..", "fonts");
export const STATEMENT_FONT = join(fontDir, "NotoSansHans-Regular.otf");
export const STATEMENT_FONT_BOLD = join(fontDir, "NotoSansHans-Bold.otf");

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
  money: (fen: bigint) => string;
  date: (isoDate: string) => string;
};

const MARGIN = 40;
const widths = [70, 70, 105, 85, 65, 65, 75]; // 535 = A4 width 595 − 2 × 30ish

/** Renders the statement as an A4 PDF and resolves with its bytes. */
export function renderStatementPdf(s: Statement, l: StatementLabels): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margin: MARGIN, info: { Title: `${l.title} ${s.organization.name}`, Author: l.company } });
  doc.registerFont("cjk", STATEMENT_FONT);
  doc.registerFont("cjk-bold", STATEMENT_FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  doc.font("cjk-bold").fontSize(16).text(`${l.company} · ${l.title}`, { align: "center" });
  doc.moveDown(0.5);
  doc.font("cjk").fontSize(10);
  doc.text(`${l.partner}：${s.organization.name}（${s.organization.code}）`);
  if (s.organization.taxId) doc.text(`${l.taxId}：${s.organization.taxId}`);
  doc.text(`${l.period}：${l.date(s.from)} – ${l.date(s.to)}    ${l.generated}：${l.date(s.generatedOn)}`);
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

function row(doc: PDFKit.PDFDocument, cells: string[], bold: boolean, cols = widths) {
  if (doc.y > doc.page.height - MARGIN - 30) doc.addPage();
  const y = doc.y;
  let x = MARGIN;
  doc.font(bold ? "cjk-bold" : "cjk").fontSize(8.5);
  let bottom = y;
  cells.forEach((text, i) => {
    const w = cols[i]!;
    const numeric = i >= cols.length - 3;
    doc.text(text, x + 2, y + 3, { width: w - 4, align: numeric && cols === widths ? "right" : "left" });
    bottom = Math.max(bottom, doc.y);
    x += w;
  });
  doc
    .moveTo(MARGIN, bottom + 2)
    .lineTo(MARGIN + cols.reduce((s, w) => s + w, 0), bottom + 2)
    .lineWidth(0.5)
    .strokeColor(bold ? "#333333" : "#cccccc")
    .stroke();
  doc.x = MARGIN;
  doc.y = bottom + 3;
}

import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import PDFDocument from "pdfkit";

/**
 * Server-only pieces shared by the statement and invoice PDFs (never from the package index: pdfkit
 * and an 8 MB font must stay out of browser bundles).
 *
 * The font is Noto Sans Hans (GB2312 set, SIL Open Font Licence 1.1) from the npm package
 * @embedpdf/fonts-sc, so a fresh machine renders Chinese without any system font; pdfkit embeds
 * only the glyphs used (a subset), keeping documents small.
 */
const fontDir = join(dirname(createRequire(import.meta.url).resolve("@embedpdf/fonts-sc")), "..", "fonts");
export const STATEMENT_FONT = join(fontDir, "NotoSansHans-Regular.otf");
export const STATEMENT_FONT_BOLD = join(fontDir, "NotoSansHans-Bold.otf");

export const PDF_MARGIN = 40;

/** An A4 document with the CJK fonts registered ("cjk", "cjk-bold") and its bytes once ended. */
export function newPdf(title: string, author: string): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const doc = new PDFDocument({ size: "A4", margin: PDF_MARGIN, info: { Title: title, Author: author } });
  doc.registerFont("cjk", STATEMENT_FONT);
  doc.registerFont("cjk-bold", STATEMENT_FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  return { doc, done };
}

/** One table row of `cells` in columns of `widths`, cells from `rightFrom` on right-aligned, ruled below. */
export function pdfRow(doc: PDFKit.PDFDocument, cells: string[], options: { bold: boolean; widths: readonly number[]; rightFrom: number; fontSize?: number }) {
  if (doc.y > doc.page.height - PDF_MARGIN - 30) doc.addPage();
  const y = doc.y;
  let x = PDF_MARGIN;
  doc.font(options.bold ? "cjk-bold" : "cjk").fontSize(options.fontSize ?? 8.5);
  let bottom = y;
  cells.forEach((text, i) => {
    const w = options.widths[i]!;
    doc.text(text, x + 2, y + 3, { width: w - 4, align: i >= options.rightFrom ? "right" : "left" });
    bottom = Math.max(bottom, doc.y);
    x += w;
  });
  doc
    .moveTo(PDF_MARGIN, bottom + 2)
    .lineTo(PDF_MARGIN + options.widths.reduce((s, w) => s + w, 0), bottom + 2)
    .lineWidth(0.5)
    .strokeColor(options.bold ? "#333333" : "#cccccc")
    .stroke();
  doc.x = PDF_MARGIN;
  doc.y = bottom + 3;
}

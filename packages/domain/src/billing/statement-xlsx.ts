import ExcelJS from "exceljs";
import type { Statement } from "./statement";
import { neutraliseWorkbook } from "../shared/spreadsheet-cells";
import type { StatementConfirmation, StatementLabels } from "./statement-pdf";

/** Yuan as an exact decimal number for a spreadsheet cell (fen / 100 is exact below 2^53 fen). */
const yuan = (fen: bigint) => Number(fen) / 100;

/**
 * The statement as an XLSX workbook (server-only, like the PDF): amounts are numbers with a
 * two-decimal yuan format so the partner's accountant can add them up.
 */
export async function renderStatementXlsx(s: Statement, l: Omit<StatementLabels, "money">, confirmation?: StatementConfirmation): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = l.company;
  const sheet = book.addWorksheet(l.title);
  const money = "#,##0.00";
  sheet.columns = [{ width: 12 }, { width: 12 }, { width: 20 }, { width: 18 }, { width: 14 }, { width: 14 }, { width: 16 }];
  sheet.addRow([`${l.company} · ${l.title}`]).font = { bold: true, size: 14 };
  sheet.addRow([l.partner, `${s.organization.name}（${s.organization.code}）`]);
  if (s.organization.taxId) sheet.addRow([l.taxId, s.organization.taxId]);
  sheet.addRow([l.period, `${s.from} – ${s.to}`, l.generated, s.generatedOn]);
  if (confirmation) sheet.addRow([l.confirmed, confirmation.at, confirmation.by]).font = { bold: true };
  sheet.addRow([]);
  const c = l.columns;
  sheet.addRow([c.date, c.kind, c.number, c.reference, c.debit, c.credit, c.balance]).font = { bold: true };
  sheet.addRow(["", l.opening, "", "", null, null, yuan(s.openingFen)]);
  for (const e of s.entries)
    sheet.addRow([e.date, l.kinds[e.kind], e.number, e.reference ?? "", e.debitFen ? yuan(e.debitFen) : null, e.creditFen ? yuan(e.creditFen) : null, yuan(e.balanceFen)]);
  sheet.addRow(["", l.totals, "", "", yuan(s.totalDebitFen), yuan(s.totalCreditFen), null]).font = { bold: true };
  sheet.addRow(["", l.closing, "", "", null, null, yuan(s.closingFen)]).font = { bold: true };
  sheet.addRow([]);
  sheet.addRow([l.agingTitle]).font = { bold: true };
  const a = l.aging;
  sheet.addRow([a.notDue, a.d0_30, a.d31_60, a.d61_90, a.d90Plus, a.credit, a.balance]).font = { bold: true };
  const g = s.aging;
  sheet.addRow([g.notDueFen, g.d0_30Fen, g.d31_60Fen, g.d61_90Fen, g.d90PlusFen, g.creditFen, g.balanceFen].map(yuan));
  for (const col of [5, 6, 7]) sheet.getColumn(col).numFmt = money;
  sheet.lastRow!.eachCell((cell) => (cell.numFmt = money));
  neutraliseWorkbook(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

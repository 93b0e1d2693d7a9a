import type { Statement } from "./statement";
import { renderStatementPdf, type StatementLabels } from "./statement-pdf";
import { renderStatementXlsx } from "./statement-xlsx";
import { formatYuan } from "../shared/money";

/**
 * Server-only glue shared by the back-office and the portal: labels from the app's translator,
 * the rendered file, and the download headers (an ASCII filename plus the UTF-8 one, RFC 6266).
 */
export type Translate = (key: string) => string;


export function statementLabels(t: Translate): StatementLabels {
  const k = (key: string) => t(`billing.statement.${key}`);
  return {
    title: k("title"),
    partner: k("partner"),
    taxId: k("taxId"),
    period: k("period"),
    generated: k("generated"),
    opening: k("opening"),
    closing: k("closing"),
    totals: k("totals"),
    columns: { date: k("date"), kind: k("kind"), number: k("number"), reference: k("reference"), debit: k("debit"), credit: k("credit"), balance: k("balance") },
    kinds: { invoice: t("billing.kinds.invoice"), credit_note: t("billing.kinds.credit_note"), payment: t("billing.kinds.payment") },
    agingTitle: t("billing.aging.title"),
    aging: {
      notDue: t("billing.aging.notDue"),
      d0_30: t("billing.aging.d0_30"),
      d31_60: t("billing.aging.d31_60"),
      d61_90: t("billing.aging.d61_90"),
      d90Plus: t("billing.aging.d90Plus"),
      credit: t("billing.aging.credit"),
      balance: t("billing.aging.balance"),
    },
    company: t("app.company"),
    money: formatYuan,
    date: (d) => d,
  };
}

export async function statementFile(statement: Statement, format: "pdf" | "xlsx", t: Translate) {
  const labels = statementLabels(t);
  const body = format === "pdf" ? await renderStatementPdf(statement, labels) : await renderStatementXlsx(statement, labels);
  const base = `${statement.organization.code}-${statement.from}-${statement.to}`;
  const ascii = `statement-${base}.${format}`.replace(/[^\w.-]/g, "_");
  const utf8 = encodeURIComponent(`${labels.title}-${statement.organization.name}-${base}.${format}`);
  return {
    body,
    headers: {
      "Content-Type": format === "pdf" ? "application/pdf" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`,
      "Content-Length": String(body.length),
      "Cache-Control": "no-store",
    },
  };
}

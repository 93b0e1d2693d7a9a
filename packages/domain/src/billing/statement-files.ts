import { renderInvoicePdf, type InvoiceDetail, type InvoiceLabels } from "./invoice-pdf";
import type { Statement } from "./statement";
import { renderStatementPdf, type StatementConfirmation, type StatementLabels } from "./statement-pdf";
import { renderStatementXlsx } from "./statement-xlsx";
import { formatYuan } from "../shared/money";
import type { NamedFile } from "../shared/named-file";
import type { Ctx } from "../shared/context";
import { shanghaiDateTime } from "../shared/dates";
import { getAccountStatement } from "./statement-records";

/**
 * Server-only glue shared by the back-office and the portal: labels from the app's translator and
 * the rendered file with its names (the web layer makes the download response).
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
    kinds: { invoice: t("billing.kinds.invoice"), credit_note: t("billing.kinds.credit_note"), payment: t("billing.kinds.payment"), rebate: t("billing.kinds.rebate"), coupon: t("billing.kinds.coupon") },
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
    confirmed: t("billing.statements.confirmedBy"),
    money: formatYuan,
    date: (d) => d,
  };
}

export async function statementFile(statement: Statement, format: "pdf" | "xlsx", t: Translate, confirmation?: StatementConfirmation): Promise<NamedFile> {
  const labels = statementLabels(t);
  const body = format === "pdf" ? await renderStatementPdf(statement, labels, confirmation) : await renderStatementXlsx(statement, labels, confirmation);
  const base = `${statement.organization.code}-${statement.from}-${statement.to}`;
  return {
    body,
    format,
    name: `${labels.title}-${statement.organization.name}-${base}.${format}`,
    asciiName: `statement-${base}.${format}`.replace(/[^\w.-]/g, "_"),
  };
}

/** An invoice or credit note as a PDF download, labelled in the reader's language. */
export async function invoiceFile(detail: InvoiceDetail, t: Translate, productName: InvoiceLabels["productName"]): Promise<NamedFile> {
  const f = (key: string) => t(`billing.fields.${key}`);
  const labels: InvoiceLabels = {
    title: t(`billing.kinds.${detail.invoice.kind}`),
    company: t("app.company"),
    partner: f("partner"),
    taxId: t("billing.statement.taxId"),
    number: f("number"),
    order: f("order"),
    shipment: f("shipment"),
    issuedOn: f("issuedOn"),
    dueOn: f("dueOn"),
    columns: { sku: f("sku"), product: f("product"), quantity: f("quantity"), unitPrice: f("unitPrice"), net: f("net"), taxRate: f("taxRate"), tax: f("tax"), gross: f("gross") },
    totals: t("billing.invoice.totals"),
    settled: f("settled"),
    outstanding: f("outstanding"),
    money: formatYuan,
    productName,
  };
  return {
    body: await renderInvoicePdf(detail, labels),
    format: "pdf",
    name: `${labels.title}-${detail.invoice.number}.pdf`,
    asciiName: `invoice-${detail.invoice.number}.pdf`.replace(/[^\w.-]/g, "_"),
  };
}

/** A monthly statement as a download: a confirmed one from its frozen copy, saying who confirmed it when. */
export async function accountStatementFile(ctx: Ctx, statementId: string, format: "pdf" | "xlsx", t: Translate): Promise<NamedFile> {
  const detail = await getAccountStatement(ctx, statementId);
  const confirmation = detail.confirmedAt ? { at: shanghaiDateTime(detail.confirmedAt), by: detail.confirmedBy ?? "" } : undefined;
  return statementFile(detail.statement, format, t, confirmation);
}

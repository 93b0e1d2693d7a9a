import type { ColumnDef } from "@tanstack/react-table";
import type { TFunction } from "i18next";
import { Link } from "react-router";
import type { listInvoices, listPayments } from "@cs/domain";
import { Badge, Money, formatDate } from "@cs/ui";

type InvoiceRow = Awaited<ReturnType<typeof listInvoices>>["rows"][number];
type PaymentRow = Awaited<ReturnType<typeof listPayments>>["rows"][number];

/** Invoices and credit notes; `base` is where a number links to (back-office or portal). */
export function invoiceColumns(t: TFunction, locale: string, base: string, withPartner = true): ColumnDef<InvoiceRow, unknown>[] {
  return [
    {
      id: "number",
      header: t("billing.fields.number"),
      meta: { sortKey: "number" },
      cell: ({ row }) => (
        <Link to={`${base}/${row.original.id}`} className="font-mono text-xs text-blue-800 hover:underline">
          {row.original.number}
        </Link>
      ),
    },
    { id: "kind", header: t("billing.fields.kind"), cell: ({ row }) => t(`billing.kinds.${row.original.kind}`) },
    ...(withPartner ? [{ id: "partner", header: t("billing.fields.partner"), cell: ({ row }: { row: { original: InvoiceRow } }) => row.original.partner } as ColumnDef<InvoiceRow, unknown>] : []),
    { id: "order", header: t("billing.fields.order"), cell: ({ row }) => <span className="font-mono text-xs">{row.original.orderNumber ?? ""}</span> },
    { id: "issuedOn", header: t("billing.fields.issuedOn"), meta: { sortKey: "issuedOn" }, cell: ({ row }) => formatDate(row.original.issuedOn, locale) },
    { id: "dueOn", header: t("billing.fields.dueOn"), meta: { sortKey: "dueOn" }, cell: ({ row }) => formatDate(row.original.dueOn, locale) },
    { id: "total", header: t("billing.fields.total"), meta: { sortKey: "totalFen", align: "right" }, cell: ({ row }) => <Money fen={row.original.totalFen} locale={locale} /> },
    { id: "tax", header: t("billing.fields.tax"), meta: { align: "right", defaultHidden: true }, cell: ({ row }) => <Money fen={row.original.taxFen} locale={locale} /> },
    { id: "open", header: t("billing.fields.outstanding"), meta: { align: "right" }, cell: ({ row }) => <Money fen={row.original.totalFen - row.original.settledFen} locale={locale} /> },
    {
      id: "state",
      header: t("billing.fields.status"),
      cell: ({ row }) => {
        const r = row.original;
        if (r.settledFen >= r.totalFen) return <Badge tone="green">{t("billing.state.settled")}</Badge>;
        if (r.kind === "invoice" && r.daysOverdue > 0) return <Badge tone="red">{t("billing.state.overdueDays", { days: r.daysOverdue })}</Badge>;
        return <Badge tone="amber">{t("billing.state.open")}</Badge>;
      },
    },
  ];
}

export function paymentColumns(t: TFunction, locale: string, withPartner = true): ColumnDef<PaymentRow, unknown>[] {
  return [
    { id: "number", header: t("billing.fields.number"), meta: { sortKey: "number" }, cell: ({ row }) => <span className="font-mono text-xs">{row.original.number}</span> },
    ...(withPartner ? [{ id: "partner", header: t("billing.fields.partner"), cell: ({ row }: { row: { original: PaymentRow } }) => row.original.partner } as ColumnDef<PaymentRow, unknown>] : []),
    { id: "receivedOn", header: t("billing.fields.receivedOn"), meta: { sortKey: "receivedOn" }, cell: ({ row }) => formatDate(row.original.receivedOn, locale) },
    { id: "method", header: t("billing.fields.method"), cell: ({ row }) => t(`billing.methods.${row.original.method}`) },
    { id: "reference", header: t("billing.fields.reference"), cell: ({ row }) => row.original.reference ?? "" },
    { id: "amount", header: t("billing.fields.amount"), meta: { sortKey: "amountFen", align: "right" }, cell: ({ row }) => <Money fen={row.original.amountFen} locale={locale} /> },
    { id: "unallocated", header: t("billing.fields.unallocated"), meta: { align: "right" }, cell: ({ row }) => <Money fen={row.original.unallocatedFen} locale={locale} /> },
    { id: "allocatedTo", header: t("billing.fields.allocatedTo"), cell: ({ row }) => <span className="font-mono text-xs">{row.original.allocatedTo ?? ""}</span> },
  ];
}


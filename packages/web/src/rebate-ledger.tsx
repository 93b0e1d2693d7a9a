import type { ColumnDef } from "@tanstack/react-table";
import type { TFunction } from "i18next";
import { Link } from "react-router";
import type { RebateLedgerRow } from "@cs/domain";
import { useTranslation } from "@cs/i18n/react";
import { Card, DataTable, Money, formatDateTime } from "@cs/ui";
import { useTableLabels } from "./table-labels";

/**
 * The rebate balance's ledger, the same in the back-office and the portal; `links` say where a
 * statement or an order number goes in this app (none: plain text).
 */
export function rebateLedgerColumns(t: TFunction, locale: string, links: { statement?: string; order?: string } = {}): ColumnDef<RebateLedgerRow, unknown>[] {
  const ref = (r: RebateLedgerRow) => {
    if (r.statementNumber)
      return links.statement && r.statementId ? <Link to={`${links.statement}/${r.statementId}`} className="font-mono text-xs text-blue-800 hover:underline">{r.statementNumber}</Link> : <span className="font-mono text-xs">{r.statementNumber}</span>;
    if (r.orderNumber)
      return links.order && r.orderId ? <Link to={`${links.order}/${r.orderId}`} className="font-mono text-xs text-blue-800 hover:underline">{r.orderNumber}</Link> : <span className="font-mono text-xs">{r.orderNumber}</span>;
    return null;
  };
  return [
    { id: "date", header: t("rebateBalance.columns.date"), cell: ({ row }) => formatDateTime(row.original.createdAt, locale) },
    { id: "kind", header: t("rebateBalance.columns.kind"), cell: ({ row }) => t(`rebateBalance.kinds.${row.original.kind}`) },
    { id: "reference", header: t("rebateBalance.columns.reference"), cell: ({ row }) => ref(row.original) },
    {
      id: "amount",
      header: t("rebateBalance.columns.amount"),
      meta: { align: "right" },
      cell: ({ row }) => <span className={row.original.amountFen < 0n ? "text-red-700" : "text-green-800"}><Money fen={row.original.amountFen} locale={locale} /></span>,
    },
    { id: "balanceAfter", header: t("rebateBalance.columns.balanceAfter"), meta: { align: "right" }, cell: ({ row }) => <Money fen={row.original.balanceAfterFen} locale={locale} /> },
    { id: "note", header: t("rebateBalance.columns.note"), cell: ({ row }) => <span className="text-xs text-slate-600">{row.original.note ?? ""}</span> },
  ];
}

/** The ledger as a table, newest first, or a line saying there is nothing yet. */
export function RebateLedgerTable({ ledger, caption, links }: { ledger: { rows: RebateLedgerRow[]; total: number; page: number; size: number }; caption: string; links: { statement?: string; order?: string } }) {
  const { t, i18n } = useTranslation();
  const labels = useTableLabels();
  if (ledger.total === 0)
    return (
      <Card>
        <p className="text-sm text-slate-600">{t("rebateBalance.ledger.empty")}</p>
      </Card>
    );
  return (
    <DataTable caption={caption} columns={rebateLedgerColumns(t, i18n.language, links)} data={ledger.rows} total={ledger.total} page={ledger.page} size={ledger.size} sort="created" dir="desc" labels={labels} getRowId={(r) => r.id} />
  );
}

import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import type { ListedOrder } from "@cs/domain";
import { formatDate, formatDateTime, formatMoney } from "@cs/ui";
import { OrderStatusBadge } from "./status";

export function useOrderColumns(): ColumnDef<ListedOrder, unknown>[] {
  const { t, i18n } = useTranslation();
  return [
    {
      id: "number",
      header: t("orders.columns.number"),
      meta: { sortKey: "number" },
      cell: ({ row }) => (
        <Link to={`/orders/${row.original.id}`} className="font-mono text-xs text-blue-700 underline-offset-2 hover:underline">
          {row.original.number}
        </Link>
      ),
    },
    { id: "submittedAt", header: t("orders.columns.submittedAt"), meta: { sortKey: "submittedAt" }, cell: ({ row }) => formatDateTime(row.original.submittedAt, i18n.language) },
    { id: "poNumber", header: t("orders.columns.poNumber"), cell: ({ row }) => row.original.poNumber ?? "—" },
    {
      id: "status",
      header: t("orders.columns.status"),
      cell: ({ row }) => (
        <span className="flex flex-wrap items-center gap-1">
          <OrderStatusBadge status={row.original.status} />
          {row.original.status === "pending_approval" || row.original.status === "submitted"
            ? row.original.approvalReasons.map((r) => (
                <span key={r} className="text-xs text-slate-500">
                  {t(`orders.reasons.${r}`, { defaultValue: r })}
                </span>
              ))
            : null}
        </span>
      ),
    },
    { id: "requestedDate", header: t("orders.columns.requestedDate"), meta: { defaultHidden: true }, cell: ({ row }) => (row.original.requestedDate ? formatDate(row.original.requestedDate, i18n.language) : "—") },
    { id: "total", header: t("orders.columns.total"), meta: { sortKey: "total", align: "right" }, cell: ({ row }) => <span className="tabular-nums">{formatMoney(row.original.totalFen, i18n.language)}</span> },
  ];
}

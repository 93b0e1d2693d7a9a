import type { ColumnDef } from "@tanstack/react-table";
import type { TFunction } from "i18next";
import { Link } from "react-router";
import type { listDocuments } from "@cs/domain";
import { Badge, formatDateTime, formatMoney, formatNumber } from "@cs/ui";

export type DocumentRow = Awaited<ReturnType<typeof listDocuments>>["rows"][number];

type Tone = "slate" | "green" | "amber" | "red" | "blue";
const statusTones: Record<string, Tone> = {
  draft: "slate",
  open: "blue",
  counting: "blue",
  requested: "blue",
  shipped: "blue",
  approved: "blue",
  partially_received: "amber",
  pending_approval: "amber",
  received: "green",
  done: "green",
  posted: "green",
  cancelled: "slate",
  rejected: "red",
};

export function StatusBadge({ status, t }: { status: string; t: TFunction }) {
  return <Badge tone={statusTones[status] ?? "slate"}>{t(`stock.documents.statuses.${status}`, { defaultValue: status })}</Badge>;
}

export function documentColumns(t: TFunction, locale: string): ColumnDef<DocumentRow, unknown>[] {
  const zh = locale === "zh-CN";
  const place = (z: string | null, e: string | null) => (zh ? z : e) ?? "—";
  return [
    {
      id: "number",
      header: t("stock.documents.fields.number"),
      meta: { sortKey: "number" },
      cell: ({ row }) => (
        <Link to={`/stock/documents/${row.original.id}`} className="font-mono text-xs font-medium text-blue-800 hover:underline">
          {row.original.number}
        </Link>
      ),
    },
    { id: "kind", header: t("stock.documents.fields.kind"), cell: ({ row }) => t(`stock.documents.kinds.${row.original.kind}`) },
    { id: "status", header: t("stock.documents.fields.status"), meta: { sortKey: "status" }, cell: ({ row }) => <StatusBadge status={row.original.status} t={t} /> },
    { id: "from", header: t("stock.documents.fields.from"), cell: ({ row }) => place(row.original.fromZh, row.original.fromEn) },
    { id: "to", header: t("stock.documents.fields.to"), cell: ({ row }) => place(row.original.toZh, row.original.toEn) },
    { id: "partner", header: t("stock.documents.fields.partner"), meta: { defaultHidden: true }, cell: ({ row }) => row.original.partner ?? "—" },
    { id: "lines", header: t("stock.documents.fields.lines"), meta: { align: "right" }, cell: ({ row }) => formatNumber(row.original.lines, locale) },
    {
      id: "value",
      header: t("stock.documents.fields.value"),
      meta: { align: "right", defaultHidden: true },
      cell: ({ row }) => (row.original.valueFen ? formatMoney(row.original.valueFen, locale) : "—"),
    },
    { id: "createdAt", header: t("stock.documents.fields.createdAt"), meta: { sortKey: "createdAt" }, cell: ({ row }) => formatDateTime(row.original.createdAt, locale) },
  ];
}

import type { ColumnDef } from "@tanstack/react-table";
import type { TFunction } from "i18next";
import { Link } from "react-router";
import type { listRepairRequests } from "@cs/domain";
import { formatDateTime } from "@cs/ui";
import { RepairStatusBadge, WarrantyBadge } from "@cs/web";
import { localName } from "@cs/i18n";

export type RepairRow = Awaited<ReturnType<typeof listRepairRequests>>["rows"][number];

export function repairColumns(t: TFunction, locale: string): ColumnDef<RepairRow, unknown>[] {
  const zh = locale === "zh-CN";
  return [
    {
      id: "number",
      header: t("service.fields.number"),
      meta: { sortKey: "number" },
      cell: ({ row }) => (
        <Link to={`/service/requests/${row.original.id}`} className="font-mono text-xs font-medium text-blue-800 hover:underline">
          {row.original.number}
        </Link>
      ),
    },
    { id: "status", header: t("service.fields.status"), meta: { sortKey: "status" }, cell: ({ row }) => <RepairStatusBadge status={row.original.status} t={t} /> },
    {
      id: "device",
      header: t("service.device"),
      cell: ({ row }) => (
        <div>
          <div>{localName(zh, row.original.productNameZh, row.original.productNameEn)}</div>
          <div className="font-mono text-xs text-slate-500">{row.original.serial}</div>
        </div>
      ),
    },
    { id: "warranty", header: t("service.fields.warranty"), cell: ({ row }) => <WarrantyBadge status={row.original.warrantyStatus} t={t} /> },
    { id: "customer", header: t("service.fields.customer"), cell: ({ row }) => row.original.customerName },
    { id: "station", header: t("service.fields.station"), cell: ({ row }) => row.original.stationName ?? "—" },
    { id: "createdAt", header: t("service.fields.createdAt"), meta: { sortKey: "createdAt" }, cell: ({ row }) => formatDateTime(row.original.createdAt, locale) },
  ];
}

import type { ColumnDef } from "@tanstack/react-table";
import type { TFunction } from "i18next";
import { Link } from "react-router";
import type { listRepairRequests } from "@cs/domain";
import { Badge, formatDateTime } from "@cs/ui";
import { RepairStatusBadge, SlaClock, WarrantyBadge } from "@cs/web";
import { localName } from "@cs/i18n";

export type DeskRow = Awaited<ReturnType<typeof listRepairRequests>>["rows"][number];

function age(from: Date | string, now: number) {
  const h = Math.floor((now - new Date(from).getTime()) / 3_600_000);
  return h < 48 ? `${h}h` : `${Math.floor(h / 24)}d`;
}

export function deskColumns(t: TFunction, locale: string, now: number, divisionName: (id: string | null) => string): ColumnDef<DeskRow, unknown>[] {
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
      id: "priority",
      header: t("service.fields.priority"),
      meta: { sortKey: "priority" },
      cell: ({ row }) => (
        <span className="flex gap-1">
          <Badge tone={row.original.priority === "urgent" ? "red" : row.original.priority === "high" ? "amber" : "slate"}>{t(`service.priorities.${row.original.priority}`)}</Badge>
          {row.original.escalated ? <Badge tone="red">{t("service.escalated")}</Badge> : null}
        </span>
      ),
    },
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
    { id: "city", header: t("service.fields.city"), cell: ({ row }) => row.original.city },
    { id: "division", header: t("service.fields.division"), cell: ({ row }) => divisionName(row.original.divisionId) },
    { id: "station", header: t("service.fields.station"), cell: ({ row }) => row.original.stationName ?? <span className="text-amber-700">{t("service.desk.unassigned")}</span> },
    { id: "sla", header: t("service.fields.sla"), meta: { sortKey: "slaDueAt" }, cell: ({ row }) => <SlaClock due={row.original.slaDueAt} now={now} t={t} locale={locale} /> },
    { id: "age", header: t("service.fields.age"), meta: { sortKey: "createdAt" }, cell: ({ row }) => <span title={formatDateTime(row.original.createdAt, locale)}>{age(row.original.createdAt, now)}</span> },
    { id: "customer", header: t("service.fields.customer"), meta: { defaultHidden: true }, cell: ({ row }) => row.original.customerName },
  ];
}

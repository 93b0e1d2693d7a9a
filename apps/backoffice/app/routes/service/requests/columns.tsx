import type { ColumnDef } from "@tanstack/react-table";
import type { TFunction } from "i18next";
import { Badge, formatDateTime } from "@cs/ui";
import { repairBaseColumns, SlaClock, type RepairRow } from "@cs/web";

export type DeskRow = RepairRow;

function age(from: Date | string, now: number) {
  const h = Math.floor((now - new Date(from).getTime()) / 3_600_000);
  return h < 48 ? `${h}h` : `${Math.floor(h / 24)}d`;
}

export function deskColumns(t: TFunction, locale: string, now: number, divisionName: (id: string | null) => string): ColumnDef<DeskRow, unknown>[] {
  const base = repairBaseColumns(t, locale);
  return [
    base.number,
    base.status,
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
    base.device,
    base.warranty,
    { id: "city", header: t("service.fields.city"), cell: ({ row }) => row.original.city },
    { id: "division", header: t("service.fields.division"), cell: ({ row }) => divisionName(row.original.divisionId) },
    { id: "station", header: t("service.fields.station"), cell: ({ row }) => row.original.stationName ?? <span className="text-amber-700">{t("service.desk.unassigned")}</span> },
    { id: "sla", header: t("service.fields.sla"), meta: { sortKey: "slaDueAt" }, cell: ({ row }) => <SlaClock due={row.original.slaDueAt} now={now} t={t} locale={locale} /> },
    { id: "age", header: t("service.fields.age"), meta: { sortKey: "createdAt" }, cell: ({ row }) => <span title={formatDateTime(row.original.createdAt, locale)}>{age(row.original.createdAt, now)}</span> },
    { id: "customer", header: t("service.fields.customer"), meta: { defaultHidden: true }, cell: ({ row }) => row.original.customerName },
  ];
}

import type { ColumnDef } from "@tanstack/react-table";
import type { TFunction } from "i18next";
import { formatDateTime } from "@cs/ui";
import { repairBaseColumns, type RepairRow } from "@cs/web";

export type { RepairRow };

export function repairColumns(t: TFunction, locale: string): ColumnDef<RepairRow, unknown>[] {
  const base = repairBaseColumns(t, locale);
  return [
    base.number,
    base.status,
    base.device,
    base.warranty,
    { id: "customer", header: t("service.fields.customer"), cell: ({ row }) => row.original.customerName },
    { id: "station", header: t("service.fields.station"), cell: ({ row }) => row.original.stationName ?? "—" },
    { id: "createdAt", header: t("service.fields.createdAt"), meta: { sortKey: "createdAt" }, cell: ({ row }) => formatDateTime(row.original.createdAt, locale) },
  ];
}

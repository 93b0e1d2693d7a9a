import type { ColumnDef } from "@tanstack/react-table";
import type { TFunction } from "i18next";
import { Link } from "react-router";
import type { LocationRow, LocationStockRow } from "@cs/domain";
import { Badge, cn, formatNumber } from "@cs/ui";
import { localName } from "@cs/i18n";
import { levelColumns, productColumns } from "../columns-shared";

export function locationColumns(t: TFunction, locale: string): ColumnDef<LocationRow, unknown>[] {
  const zh = locale === "zh-CN";
  const n = (row: LocationRow, v: number) => (row.holdsStock ? formatNumber(v, locale) : "—");
  return [
    {
      id: "code",
      header: t("stock.fields.code"),
      meta: { sortKey: "code" },
      cell: ({ row }) => (
        <Link to={`/stock/locations/${row.original.id}`} className="font-mono text-xs font-medium text-blue-800 hover:underline">
          {row.original.code}
        </Link>
      ),
    },
    { id: "name", header: t("stock.fields.name"), meta: { sortKey: "name" }, cell: ({ row }) => localName(zh, row.original.nameZh, row.original.nameEn) },
    { id: "kind", header: t("stock.fields.kind"), meta: { sortKey: "kind" }, cell: ({ row }) => <Badge tone={row.original.kind === "warehouse" ? "blue" : "slate"}>{t(`stock.kinds.${row.original.kind}`)}</Badge> },
    { id: "branch", header: t("stock.fields.branch"), cell: ({ row }) => row.original.branchName ?? "—" },
    { id: "holder", header: t("stock.fields.holder"), cell: ({ row }) => row.original.organizationName ?? "—" },
    { id: "products", header: t("stock.fields.products"), meta: { align: "right", defaultHidden: true }, cell: ({ row }) => n(row.original, row.original.products) },
    { id: "onHand", header: t("stock.fields.onHand"), meta: { sortKey: "onHand", align: "right" }, cell: ({ row }) => n(row.original, row.original.onHand) },
    { id: "reserved", header: t("stock.fields.reserved"), meta: { align: "right" }, cell: ({ row }) => n(row.original, row.original.reserved) },
    { id: "available", header: t("stock.fields.available"), meta: { sortKey: "available", align: "right" }, cell: ({ row }) => n(row.original, row.original.available) },
    { id: "held", header: t("stock.fields.held"), meta: { sortKey: "held", align: "right" }, cell: ({ row }) => n(row.original, row.original.held) },
    { id: "active", header: t("stock.fields.active"), meta: { defaultHidden: true }, cell: ({ row }) => (row.original.active ? t("common.yes") : t("common.no")) },
  ];
}

export function locationStockColumns(t: TFunction, locale: string): ColumnDef<LocationStockRow, unknown>[] {
  const zh = locale === "zh-CN";
  const n = (v: number) => formatNumber(v, locale);
  return [
    ...productColumns<LocationStockRow>(t, zh, "name"),
    {
      id: "owner",
      header: t("stock.fields.owner"),
      meta: { sortKey: "owner" },
      cell: ({ row }) => (row.original.ownerName ? row.original.ownerName : <Badge tone="green">{t("stock.ourStock")}</Badge>),
    },
    ...levelColumns<LocationStockRow>(t, n),
    {
      id: "available",
      header: t("stock.fields.available"),
      meta: { sortKey: "available", align: "right" },
      // A partner's goods are never ours to sell: shown muted, for the record.
      cell: ({ row }) => <span className={cn(row.original.ownerName ? "text-slate-500" : "font-semibold")}>{n(row.original.available)}</span>,
    },
  ];
}

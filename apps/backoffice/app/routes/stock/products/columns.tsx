import type { ColumnDef } from "@tanstack/react-table";
import type { TFunction } from "i18next";
import { Link } from "react-router";
import type { StockByProductRow } from "@cs/domain";
import { cn, formatMoney, formatNumber } from "@cs/ui";
import { localName } from "@cs/i18n";
import { levelColumns, productColumns } from "../columns-shared";

/** Column ids are also the `cols` search-param values; cost columns only for staff who may see cost. */
export function stockByProductColumns(t: TFunction, locale: string, showCost = false): ColumnDef<StockByProductRow, unknown>[] {
  const zh = locale === "zh-CN";
  const n = (v: number) => formatNumber(v, locale);
  const money = (v: bigint | null) => (v === null ? "—" : formatMoney(v, locale));
  const cost: ColumnDef<StockByProductRow, unknown>[] = showCost
    ? [
        { id: "averageCost", header: t("stock.fields.averageCost"), meta: { align: "right" }, cell: ({ row }) => money(row.original.averageCostFen) },
        { id: "value", header: t("stock.fields.value"), meta: { align: "right" }, cell: ({ row }) => money(row.original.valueFen) },
      ]
    : [];
  return [
    ...productColumns<StockByProductRow>(t, zh, "name"),
    { id: "line", header: t("stock.fields.line"), cell: ({ row }) => localName(zh, row.original.lineZh, row.original.lineEn) },
    { id: "division", header: t("stock.fields.division"), meta: { defaultHidden: true }, cell: ({ row }) => localName(zh, row.original.divisionZh, row.original.divisionEn) },
    { id: "unit", header: t("stock.fields.unit"), meta: { defaultHidden: true }, cell: ({ row }) => t(`product.units.${row.original.unit}`, { defaultValue: row.original.unit }) },
    ...levelColumns<StockByProductRow>(t, n),
    {
      id: "available",
      header: t("stock.fields.available"),
      meta: { sortKey: "available", align: "right" },
      cell: ({ row }) => <span className={cn("font-semibold", row.original.available <= 0 && "text-red-700")}>{n(row.original.available)}</span>,
    },
    { id: "held", header: t("stock.fields.held"), meta: { sortKey: "held", align: "right" }, cell: ({ row }) => n(row.original.held) },
    ...cost,
    {
      id: "moves",
      header: t("common.actions"),
      cell: ({ row }) => (
        <Link to={`/stock/moves?q=${encodeURIComponent(row.original.sku)}`} className="text-blue-800 hover:underline">
          {t("stock.viewMoves")}
          <span className="sr-only"> {row.original.sku}</span>
        </Link>
      ),
    },
  ];
}

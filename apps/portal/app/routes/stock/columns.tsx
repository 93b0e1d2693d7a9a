import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import type { MyMoveRow, MyStockRow } from "@cs/domain";
import { Badge, formatDateTime, formatNumber } from "@cs/ui";
import { localName } from "@cs/i18n";

const placeTone = { virtual: "blue", consignment: "amber", held: "slate" } as const;

export function useBalanceColumns(): ColumnDef<MyStockRow, unknown>[] {
  const { t, i18n } = useTranslation();
  const zh = i18n.language === "zh-CN";
  const n = (v: number) => formatNumber(v, i18n.language);
  return [
    { id: "sku", header: t("myStock.columns.sku"), meta: { sortKey: "sku" }, cell: ({ row }) => <span className="font-mono text-xs">{row.original.sku}</span> },
    { id: "name", header: t("myStock.columns.product"), meta: { sortKey: "name" }, cell: ({ row }) => localName(zh, row.original.nameZh, row.original.nameEn) },
    { id: "place", header: t("myStock.columns.place"), cell: ({ row }) => <Badge tone={placeTone[row.original.place]}>{t(`myStock.places.${row.original.place}`)}</Badge> },
    { id: "location", header: t("myStock.columns.location"), meta: { sortKey: "location" }, cell: ({ row }) => localName(zh, row.original.locationZh, row.original.locationEn) },
    { id: "owner", header: t("myStock.columns.owner"), meta: { defaultHidden: true }, cell: ({ row }) => t(`myStock.owners.${row.original.owner}`) },
    { id: "onHand", header: t("myStock.columns.onHand"), meta: { sortKey: "quantity", align: "right" }, cell: ({ row }) => n(row.original.onHand) },
    { id: "reserved", header: t("myStock.columns.reserved"), meta: { align: "right" }, cell: ({ row }) => n(row.original.reserved) },
    { id: "available", header: t("myStock.columns.available"), meta: { align: "right" }, cell: ({ row }) => <strong>{n(row.original.available)}</strong> },
    {
      id: "actions",
      header: t("myStock.columns.actions"),
      cell: ({ row }) => (
        <Link to={`/stock/moves?product=${row.original.productId}`} className="text-blue-700 underline-offset-2 hover:underline">
          {t("myStock.movesLink")}
          <span className="sr-only"> {row.original.sku}</span>
        </Link>
      ),
    },
  ];
}

export function useMoveColumns(): ColumnDef<MyMoveRow, unknown>[] {
  const { t, i18n } = useTranslation();
  const zh = i18n.language === "zh-CN";
  // A location the partner may not know (another partner's) comes back without a name.
  const place = (nameZh: string | null, nameEn: string | null) => (nameZh === null ? <span className="text-slate-500">{t("myStock.hiddenLocation")}</span> : localName(zh, nameZh, nameEn));
  return [
    { id: "date", header: t("myStock.columns.date"), meta: { sortKey: "date" }, cell: ({ row }) => formatDateTime(row.original.createdAt, i18n.language) },
    { id: "sku", header: t("myStock.columns.sku"), meta: { sortKey: "sku" }, cell: ({ row }) => <span className="font-mono text-xs">{row.original.sku}</span> },
    { id: "name", header: t("myStock.columns.product"), cell: ({ row }) => localName(zh, row.original.nameZh, row.original.nameEn) },
    { id: "reason", header: t("myStock.columns.reason"), cell: ({ row }) => t(`myStock.reasons.${row.original.reason}`) },
    { id: "reference", header: t("myStock.columns.reference"), cell: ({ row }) => <span className="font-mono text-xs">{row.original.reference}</span> },
    { id: "from", header: t("myStock.columns.from"), cell: ({ row }) => place(row.original.fromZh, row.original.fromEn) },
    { id: "to", header: t("myStock.columns.to"), cell: ({ row }) => place(row.original.toZh, row.original.toEn) },
    { id: "quantity", header: t("myStock.columns.quantity"), meta: { align: "right", defaultHidden: true }, cell: ({ row }) => formatNumber(row.original.quantity, i18n.language) },
    {
      id: "change",
      header: t("myStock.columns.change"),
      meta: { align: "right" },
      cell: ({ row }) => {
        const c = row.original.change;
        if (c === 0) return <span className="text-slate-500">{t("myStock.internal")}</span>;
        return <span className={c > 0 ? "text-green-800" : "text-red-800"}>{`${c > 0 ? "+" : "−"}${formatNumber(Math.abs(c), i18n.language)}`}</span>;
      },
    },
  ];
}

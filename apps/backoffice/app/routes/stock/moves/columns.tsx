import type { ColumnDef } from "@tanstack/react-table";
import type { TFunction } from "i18next";
import { Link } from "react-router";
import type { MoveRow } from "@cs/domain";
import { Badge, formatDateTime, formatNumber } from "@cs/ui";
import { productColumns } from "../columns-shared";

const reasonTone = { receipt: "green", transfer_in: "green", shipment: "blue", transfer_out: "blue", adjustment: "amber", issue: "amber" } as const;

/** Internal locations link to their balances; supplier, customer and loss have none to show. */
function place(id: string, code: string, kind: MoveRow["fromKind"], t: TFunction) {
  if (kind === "supplier" || kind === "customer" || kind === "loss") return <span title={t(`stock.kinds.${kind}`)}>{code}</span>;
  return (
    <Link to={`/stock/locations/${id}`} className="font-mono text-xs text-blue-800 hover:underline" title={t(`stock.kinds.${kind}`)}>
      {code}
    </Link>
  );
}

export function moveColumns(t: TFunction, locale: string): ColumnDef<MoveRow, unknown>[] {
  const zh = locale === "zh-CN";
  return [
    { id: "time", header: t("stock.fields.time"), meta: { sortKey: "time" }, cell: ({ row }) => formatDateTime(row.original.createdAt, locale) },
    ...productColumns<MoveRow>(t, zh),
    { id: "quantity", header: t("stock.fields.quantity"), meta: { sortKey: "quantity", align: "right" }, cell: ({ row }) => formatNumber(row.original.quantity, locale) },
    { id: "from", header: t("stock.fields.from"), cell: ({ row }) => place(row.original.fromId, row.original.fromCode, row.original.fromKind, t) },
    { id: "to", header: t("stock.fields.to"), cell: ({ row }) => place(row.original.toId, row.original.toCode, row.original.toKind, t) },
    {
      id: "reason",
      header: t("stock.fields.reason"),
      meta: { sortKey: "reason" },
      cell: ({ row }) => {
        const tone = (reasonTone as Record<string, "green" | "blue" | "amber">)[row.original.reason] ?? "slate";
        return <Badge tone={tone}>{t(`stock.reasons.${row.original.reason}`)}</Badge>;
      },
    },
    {
      id: "reference",
      header: t("stock.fields.reference"),
      // A document number opens the document list on it; other references filter the ledger.
      cell: ({ row }) => {
        const { referenceType, referenceId } = row.original;
        const to = referenceType === "stock_document" ? `/stock/documents?q=${encodeURIComponent(referenceId)}` : `/stock/moves?reference=${encodeURIComponent(referenceId)}`;
        return (
          <Link to={to} className="font-mono text-xs text-blue-800 hover:underline" title={referenceType}>
            {referenceId}
          </Link>
        );
      },
    },
    { id: "owner", header: t("stock.fields.owner"), cell: ({ row }) => row.original.ownerName ?? t("stock.ourStock") },
    { id: "actor", header: t("stock.fields.actor"), meta: { defaultHidden: true }, cell: ({ row }) => row.original.actorName ?? "—" },
  ];
}

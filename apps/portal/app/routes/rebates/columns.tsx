import type { ColumnDef } from "@tanstack/react-table";
import { localName } from "@cs/i18n";
import type { TFunction } from "i18next";
import { Link } from "react-router";
import type { RebateStatementRow } from "@cs/domain";
import { Badge, Money, formatDate } from "@cs/ui";

/** The partner's own statements (published and settled), both kinds. */
export function statementColumns(t: TFunction, locale: string): ColumnDef<RebateStatementRow, unknown>[] {
  return [
    {
      id: "number",
      header: t("rebatePortal.columns.number"),
      meta: { sortKey: "number" },
      cell: ({ row }) => (
        <Link to={`/rebates/${row.original.id}`} className="font-mono text-xs text-blue-800 hover:underline">
          {row.original.number}
        </Link>
      ),
    },
    { id: "kind", header: t("rebatePortal.columns.kind"), cell: ({ row }) => t(`rebatePortal.kinds.${row.original.kind}`) },
    { id: "source", header: t("rebatePortal.columns.source"), cell: ({ row }) => localName(locale === "zh-CN", row.original.programName, row.original.programNameEn) ?? row.original.priceProtectionNumber ?? "" },
    { id: "period", header: t("rebatePortal.columns.period"), meta: { sortKey: "periodEnd" }, cell: ({ row }) => `${formatDate(row.original.periodStart, locale)} – ${formatDate(row.original.periodEnd, locale)}` },
    { id: "amount", header: t("rebatePortal.columns.amount"), meta: { sortKey: "amountFen", align: "right" }, cell: ({ row }) => <Money fen={row.original.amountFen} locale={locale} /> },
    {
      id: "status",
      header: t("rebatePortal.columns.status"),
      cell: ({ row }) => <Badge tone={row.original.status === "settled" ? "green" : "amber"}>{t(`rebatePortal.statuses.${row.original.status}`)}</Badge>,
    },
  ];
}

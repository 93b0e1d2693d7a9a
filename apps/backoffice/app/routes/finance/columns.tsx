import type { ColumnDef } from "@tanstack/react-table";
import type { TFunction } from "i18next";
import { Link } from "react-router";
import type { AgingRow } from "@cs/domain";
import { Money } from "@cs/ui";

/** Receivables aging per partner or branch; invoice and payment columns are shared with the portal in @cs/web. */
export function agingColumns(t: TFunction, locale: string, linkPartner: boolean): ColumnDef<AgingRow, unknown>[] {
  const money = (key: keyof AgingRow, label: string, sortKey?: string): ColumnDef<AgingRow, unknown> => ({
    id: key,
    header: label,
    meta: { align: "right", ...(sortKey ? { sortKey } : {}) },
    cell: ({ row }) => <Money fen={row.original[key] as bigint} locale={locale} />,
  });
  return [
    {
      id: "name",
      header: t("billing.fields.name"),
      meta: { sortKey: "name" },
      cell: ({ row }) =>
        linkPartner ? (
          <Link to={`/finance/invoices?partner=${row.original.id}&state=open`} className="text-blue-800 hover:underline">
            {row.original.code} {row.original.name}
          </Link>
        ) : (
          `${row.original.code} ${row.original.name}`
        ),
    },
    money("notDueFen", t("billing.aging.notDue")),
    money("d0_30Fen", t("billing.aging.d0_30")),
    money("d31_60Fen", t("billing.aging.d31_60")),
    money("d61_90Fen", t("billing.aging.d61_90")),
    money("d90PlusFen", t("billing.aging.d90Plus"), "overdue"),
    money("creditFen", t("billing.aging.credit")),
    money("balanceFen", t("billing.aging.balance"), "balance"),
    ...(linkPartner
      ? [
          {
            id: "statement",
            header: t("billing.statement.title"),
            cell: ({ row }: { row: { original: AgingRow } }) => (
              <span className="space-x-2 text-xs">
                <a className="text-blue-800 hover:underline" href={`/finance/partners/${row.original.id}/statement?format=pdf`}>PDF</a>
                <a className="text-blue-800 hover:underline" href={`/finance/partners/${row.original.id}/statement?format=xlsx`}>XLSX</a>
              </span>
            ),
          } as ColumnDef<AgingRow, unknown>,
        ]
      : []),
  ];
}

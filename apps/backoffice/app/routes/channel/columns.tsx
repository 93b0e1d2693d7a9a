import type { ColumnDef } from "@tanstack/react-table";
import type { TFunction } from "i18next";
import { Link } from "react-router";
import type { ScorecardRow, TargetRow } from "@cs/domain";
import { Money } from "@cs/ui";
import { formatBp, periodLabel } from "./shared";

/** The scorecard: one row per partner for the chosen period. */
export function scorecardColumns(t: TFunction, locale: string): ColumnDef<ScorecardRow, unknown>[] {
  const money = (key: "netFen" | "paymentsFen", label: string, sortKey: string): ColumnDef<ScorecardRow, unknown> => ({
    id: key,
    header: label,
    meta: { align: "right", sortKey },
    cell: ({ row }) => <Money fen={row.original[key]} locale={locale} />,
  });
  return [
    {
      id: "partner",
      header: t("channel.scorecard.columns.partner"),
      meta: { sortKey: "code" },
      cell: ({ row }) => (
        <Link to={`/channel/partners/${row.original.id}`} className="text-blue-800 hover:underline">
          <span className="text-slate-500">{row.original.code}</span> {row.original.name}
        </Link>
      ),
    },
    { id: "branch", header: t("channel.scorecard.columns.branch"), cell: ({ row }) => row.original.branchName ?? "—" },
    { id: "tier", header: t("channel.scorecard.columns.tier"), cell: ({ row }) => (row.original.tier ? t(`org.tiers.${row.original.tier}`) : "—") },
    money("netFen", t("channel.scorecard.columns.net"), "net"),
    money("paymentsFen", t("channel.scorecard.columns.payments"), "payments"),
    {
      id: "onTime",
      header: t("channel.scorecard.columns.onTime"),
      meta: { align: "right", sortKey: "onTime" },
      cell: ({ row }) => formatBp(row.original.onTimeBp, locale, t("channel.scorecard.nothingDue")),
    },
    {
      id: "confirmation",
      header: t("channel.scorecard.columns.confirmation"),
      meta: { align: "right", sortKey: "confirmation" },
      cell: ({ row }) => formatBp(row.original.confirmationBp, locale, t("channel.scorecard.noStatements")),
    },
    {
      id: "target",
      header: t("channel.scorecard.columns.target"),
      meta: { align: "right", sortKey: "target" },
      cell: ({ row }) => (row.original.targetFen === null ? <span className="text-slate-500">{t("channel.scorecard.noTarget")}</span> : <Money fen={row.original.targetFen} locale={locale} />),
    },
    {
      id: "completion",
      header: t("channel.scorecard.columns.completion"),
      meta: { align: "right", sortKey: "completion" },
      cell: ({ row }) => <CompletionCell bp={row.original.completionBp} locale={locale} />,
    },
    {
      id: "tierRank",
      header: t("channel.scorecard.columns.tierRank"),
      meta: { align: "right", sortKey: "tierRank" },
      cell: ({ row }) => row.original.tierRank === null ? t("channel.scorecard.unranked") : t("channel.scorecard.rankOf", { rank: row.original.tierRank, size: row.original.tierSize }),
    },
    {
      id: "branchRank",
      header: t("channel.scorecard.columns.branchRank"),
      meta: { align: "right", sortKey: "branchRank" },
      cell: ({ row }) => row.original.branchRank === null ? t("channel.scorecard.unranked") : t("channel.scorecard.rankOf", { rank: row.original.branchRank, size: row.original.branchSize }),
    },
  ];
}

function CompletionCell({ bp, locale }: { bp: number | null; locale: string }) {
  if (bp === null) return <span className="text-slate-500">—</span>;
  const tone = bp >= 10000 ? "bg-emerald-600" : bp >= 8000 ? "bg-amber-500" : "bg-rose-500";
  return (
    <span className="inline-flex items-center justify-end gap-2">
      <span aria-hidden className="h-1.5 w-16 overflow-hidden rounded bg-slate-200">
        <span className={`block h-full ${tone}`} style={{ width: `${Math.min(100, Math.max(0, bp / 100))}%` }} />
      </span>
      <span className="tabular-nums">{formatBp(bp, locale)}</span>
    </span>
  );
}

/** Targets, with edit and delete links when the user may change them. */
export function targetColumns(t: TFunction, locale: string, may: boolean, editHref: (id: string) => string): ColumnDef<TargetRow, unknown>[] {
  return [
    { id: "partner", header: t("channel.targets.columns.partner"), meta: { sortKey: "code" }, cell: ({ row }) => `${row.original.code} ${row.original.name}` },
    { id: "branch", header: t("channel.targets.columns.branch"), cell: ({ row }) => row.original.branchName ?? "—" },
    { id: "kind", header: t("channel.targets.columns.kind"), cell: ({ row }) => t(`channel.period.${row.original.periodKind}`) },
    { id: "start", header: t("channel.targets.columns.start"), meta: { sortKey: "periodStart" }, cell: ({ row }) => periodLabel(t, row.original.periodKind, row.original.periodStart) },
    { id: "division", header: t("channel.targets.columns.division"), cell: ({ row }) => row.original.divisionCode ?? t("channel.fields.allDivisions") },
    { id: "amount", header: t("channel.targets.columns.amount"), meta: { align: "right", sortKey: "amount" }, cell: ({ row }) => <Money fen={row.original.amountFen} locale={locale} /> },
    ...(may
      ? [
          {
            id: "actions",
            header: t("common.actions"),
            cell: ({ row }: { row: { original: TargetRow } }) => (
              <Link to={editHref(row.original.id)} className="text-blue-800 hover:underline" aria-label={`${t("channel.targets.edit")} ${row.original.code} ${periodLabel(t, row.original.periodKind, row.original.periodStart)}`}>
                {t("channel.targets.edit")}
              </Link>
            ),
          } as ColumnDef<TargetRow, unknown>,
        ]
      : []),
  ];
}

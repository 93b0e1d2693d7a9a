import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { listBranches, listRebateAdjustments, rebateAdjustmentListQuery, type RebateAdjustmentRow } from "@cs/domain";
import { Badge, DataTable, Money, PageHeader, SelectField, TextField, formatDate, formatDateTime } from "@cs/ui";
import { useTableLabels, FilterForm } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/adjustments";
import { RebateTabs } from "./tabs";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = rebateAdjustmentListQuery.parse(searchParamsObject(request));
  const [page, branches] = await Promise.all([listRebateAdjustments(ctx, query), listBranches(ctx)]);
  return { page, query, branches };
});

const statementLink = (id: string, number: string) => (
  <Link to={`/rebates/statements/${id}`} className="font-mono text-blue-700 underline">
    {number}
  </Link>
);

export default function RebateAdjustments({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const labels = useTableLabels();
  const { page, query, branches } = loaderData;
  const locale = i18n.language;
  const reason = (r: string) => (r === "return" ? t("rebateAdjustments.reasons.return") : r);
  const columns: ColumnDef<RebateAdjustmentRow, unknown>[] = [
    { id: "createdAt", header: t("rebateAdjustments.columns.createdAt"), meta: { sortKey: "createdAt" }, cell: ({ row }) => formatDateTime(row.original.createdAt, locale) },
    {
      id: "partner",
      header: t("rebateAdjustments.columns.partner"),
      meta: { sortKey: "partner" },
      cell: ({ row }) => (
        <>
          <span className="font-mono text-xs">{row.original.partnerCode}</span> {row.original.partner}
        </>
      ),
    },
    { id: "branch", header: t("rebateAdjustments.columns.branch"), meta: { defaultHidden: true }, cell: ({ row }) => row.original.branch ?? "—" },
    { id: "source", header: t("rebateAdjustments.columns.source"), meta: { sortKey: "source" }, cell: ({ row }) => statementLink(row.original.sourceStatementId, row.original.sourceNumber) },
    {
      id: "sourcePeriod",
      header: t("rebateAdjustments.columns.sourcePeriod"),
      meta: { defaultHidden: true },
      cell: ({ row }) => `${formatDate(row.original.sourcePeriodStart, locale)} – ${formatDate(row.original.sourcePeriodEnd, locale)}`,
    },
    {
      id: "creditNote",
      header: t("rebateAdjustments.columns.creditNote"),
      cell: ({ row }) =>
        row.original.creditNoteId && row.original.creditNoteNumber ? (
          <Link to={`/finance/invoices/${row.original.creditNoteId}`} className="font-mono text-blue-700 underline">
            {row.original.creditNoteNumber}
          </Link>
        ) : (
          "—"
        ),
    },
    { id: "reason", header: t("rebateAdjustments.columns.reason"), cell: ({ row }) => reason(row.original.reason) },
    { id: "amount", header: t("rebateAdjustments.columns.amount"), meta: { sortKey: "amountFen", align: "right" }, cell: ({ row }) => <Money fen={row.original.amountFen} locale={locale} /> },
    {
      id: "status",
      header: t("rebateAdjustments.columns.status"),
      cell: ({ row }) =>
        row.original.appliedStatementId ? <Badge tone="green">{t("rebateAdjustments.statuses.applied")}</Badge> : <Badge tone="amber">{t("rebateAdjustments.statuses.pending")}</Badge>,
    },
    {
      id: "applied",
      header: t("rebateAdjustments.columns.applied"),
      cell: ({ row }) => (row.original.appliedStatementId && row.original.appliedNumber ? statementLink(row.original.appliedStatementId, row.original.appliedNumber) : "—"),
    },
  ];
  return (
    <>
      <PageHeader title={t("rebateAdjustments.title")}>
        <p className="text-sm text-slate-600">{t("rebateAdjustments.intro")}</p>
      </PageHeader>
      <RebateTabs />
      <FilterForm resetTo="/rebates/adjustments" className="sm:grid-cols-2 lg:grid-cols-5">
        <TextField label={t("common.search")} name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("rebateAdjustments.searchPlaceholder")} className="lg:col-span-2" />
        <SelectField
          label={t("rebateAdjustments.status")}
          name="status"
          defaultValue={query.status ?? ""}
          placeholder={t("rebateAdjustments.anyStatus")}
          options={(["pending", "applied"] as const).map((s) => ({ value: s, label: t(`rebateAdjustments.statuses.${s}`) }))}
        />
        <SelectField label={t("rebateAdjustments.branch")} name="branch" defaultValue={query.branch ?? ""} placeholder={t("rebateAdjustments.anyBranch")} options={branches.map((b) => ({ value: b.id, label: b.name }))} />
      </FilterForm>
      <DataTable caption={t("rebateAdjustments.title")} columns={columns} data={page.rows} total={page.total} page={page.page} size={page.size} sort={query.sort} dir={query.dir} labels={{ ...labels, empty: t("rebateAdjustments.empty") }} getRowId={(r) => r.id} />
    </>
  );
}

import type { ColumnDef } from "@tanstack/react-table";
import { localName } from "@cs/i18n";
import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { dealListQuery, listBranches, listDealRegistrations, shanghaiToday, type DealRegistrationRow } from "@cs/domain";
import { DataTable, PageHeader, SelectField, TextField, formatDate } from "@cs/ui";
import { DealStatusBadge, FilterForm, useTableLabels } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import { MarketingTabs } from "./tabs";
import type { Route } from "./+types/deals";

const statuses = ["submitted", "approved", "rejected"] as const;

/** Partners' deal registrations (报备) for review, by branch scope. */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = dealListQuery.parse(searchParamsObject(request));
  const [page, branches] = await Promise.all([listDealRegistrations(ctx, query), listBranches(ctx)]);
  // Sales read deals without the other marketing pages: the tabs are for those who may open them all.
  return { page, query, branches, today: shanghaiToday(), tabs: ctx.actor.permissions.has("marketing:read") };
});

export default function Deals({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const labels = useTableLabels();
  const { page, query, branches, today, tabs } = loaderData;
  const locale = i18n.language;
  const columns: ColumnDef<DealRegistrationRow, unknown>[] = [
    {
      id: "number",
      header: t("deals.columns.number"),
      meta: { sortKey: "number" },
      cell: ({ row }) => (
        <Link to={`/marketing/deals/${row.original.id}`} className="font-mono text-blue-700 underline">
          {row.original.number}
        </Link>
      ),
    },
    {
      id: "partner",
      header: t("deals.columns.partner"),
      cell: ({ row }) => (
        <>
          <span className="font-mono text-xs">{row.original.partnerCode}</span> {row.original.partner}
        </>
      ),
    },
    { id: "branch", header: t("deals.columns.branch"), meta: { defaultHidden: true }, cell: ({ row }) => row.original.branch ?? "—" },
    {
      id: "customer",
      header: t("deals.columns.customer"),
      cell: ({ row }) => (
        <>
          <div>{row.original.customerName}</div>
          <div className="font-mono text-xs text-slate-500">{row.original.customerCreditCode}</div>
        </>
      ),
    },
    { id: "productLine", header: t("deals.columns.productLine"), cell: ({ row }) => localName(locale === "zh-CN", row.original.productLineZh, row.original.productLineEn) },
    { id: "expectedClose", header: t("deals.columns.expectedClose"), meta: { sortKey: "expectedCloseOn" }, cell: ({ row }) => formatDate(row.original.expectedCloseOn, locale) },
    { id: "status", header: t("deals.columns.status"), cell: ({ row }) => <DealStatusBadge status={row.original.status} protectedUntil={row.original.protectedUntil} today={today} /> },
    { id: "protectedUntil", header: t("deals.columns.protectedUntil"), cell: ({ row }) => (row.original.protectedUntil ? formatDate(row.original.protectedUntil, locale) : "—") },
  ];
  return (
    <>
      <PageHeader title={t("deals.title")}>
        <p className="max-w-3xl text-sm text-slate-600">{t("deals.staffIntro")}</p>
      </PageHeader>
      {tabs ? <MarketingTabs /> : null}
      <FilterForm resetTo="/marketing/deals" className="sm:grid-cols-2 lg:grid-cols-4">
        <TextField label={t("common.search")} name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("deals.searchPlaceholder")} className="lg:col-span-2" />
        <SelectField label={t("deals.status")} name="status" defaultValue={query.status ?? ""} placeholder={t("deals.anyStatus")} options={statuses.map((s) => ({ value: s, label: t(`deals.statuses.${s}`) }))} />
        <SelectField label={t("deals.branch")} name="branch" defaultValue={query.branch ?? ""} placeholder={t("deals.anyBranch")} options={branches.map((b) => ({ value: b.id, label: b.name }))} />
      </FilterForm>
      <DataTable caption={t("deals.title")} columns={columns} data={page.rows} total={page.total} page={page.page} size={page.size} sort={query.sort} dir={query.dir} labels={{ ...labels, empty: t("deals.empty") }} getRowId={(r) => r.id} />
    </>
  );
}

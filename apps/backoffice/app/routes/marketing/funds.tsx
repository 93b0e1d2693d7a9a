import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { fundListQuery, listBranches, listFundApplications, type FundApplicationRow } from "@cs/domain";
import { DataTable, Money, PageHeader, SelectField, TextField, formatDate } from "@cs/ui";
import { FilterForm, FundClaimBadge, FundStatusBadge, useTableLabels } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import { MarketingTabs } from "./tabs";
import type { Route } from "./+types/funds";

const statuses = ["submitted", "approved", "rejected"] as const;
const claimStatuses = ["submitted", "returned", "approved"] as const;

/** Partners' co-marketing fund applications with their claims, for review. */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = fundListQuery.parse(searchParamsObject(request));
  const [page, branches] = await Promise.all([listFundApplications(ctx, query), listBranches(ctx)]);
  return { page, query, branches };
});

export default function Funds({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const labels = useTableLabels();
  const { page, query, branches } = loaderData;
  const locale = i18n.language;
  const columns: ColumnDef<FundApplicationRow, unknown>[] = [
    {
      id: "number",
      header: t("marketing.funds.columns.number"),
      meta: { sortKey: "number" },
      cell: ({ row }) => (
        <Link to={`/marketing/funds/${row.original.id}`} className="font-mono text-blue-700 underline">
          {row.original.number}
        </Link>
      ),
    },
    {
      id: "partner",
      header: t("marketing.funds.columns.partner"),
      cell: ({ row }) => (
        <>
          <span className="font-mono text-xs">{row.original.partnerCode}</span> {row.original.partner}
        </>
      ),
    },
    { id: "branch", header: t("marketing.funds.columns.branch"), meta: { defaultHidden: true }, cell: ({ row }) => row.original.branch ?? "—" },
    { id: "activity", header: t("marketing.funds.columns.activity"), cell: ({ row }) => row.original.activity },
    { id: "dates", header: t("marketing.funds.columns.dates"), cell: ({ row }) => `${formatDate(row.original.startsOn, locale)} – ${formatDate(row.original.endsOn, locale)}` },
    { id: "status", header: t("marketing.funds.columns.status"), cell: ({ row }) => <FundStatusBadge status={row.original.status} /> },
    { id: "requested", header: t("marketing.funds.columns.requested"), meta: { sortKey: "requestedFen", align: "right" }, cell: ({ row }) => <Money fen={row.original.requestedFen} locale={locale} /> },
    { id: "approved", header: t("marketing.funds.columns.approved"), meta: { align: "right" }, cell: ({ row }) => (row.original.approvedFen === null ? "—" : <Money fen={row.original.approvedFen} locale={locale} />) },
    { id: "claim", header: t("marketing.funds.columns.claim"), cell: ({ row }) => (row.original.claimStatus ? <FundClaimBadge status={row.original.claimStatus} /> : "—") },
  ];
  return (
    <>
      <PageHeader title={t("marketing.funds.title")}>
        <p className="max-w-3xl text-sm text-slate-600">{t("marketing.funds.staffIntro")}</p>
      </PageHeader>
      <MarketingTabs />
      <FilterForm resetTo="/marketing/funds" className="sm:grid-cols-2 lg:grid-cols-4">
        <TextField label={t("common.search")} name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("marketing.funds.searchPlaceholder")} />
        <SelectField label={t("marketing.funds.status")} name="status" defaultValue={query.status ?? ""} placeholder={t("marketing.funds.anyStatus")} options={statuses.map((s) => ({ value: s, label: t(`marketing.fundStatuses.${s}`) }))} />
        <SelectField label={t("marketing.funds.claimFilter")} name="claim" defaultValue={query.claim ?? ""} placeholder={t("marketing.funds.anyClaim")} options={claimStatuses.map((s) => ({ value: s, label: t(`marketing.claimStatuses.${s}`) }))} />
        <SelectField label={t("marketing.funds.branch")} name="branch" defaultValue={query.branch ?? ""} placeholder={t("marketing.funds.anyBranch")} options={branches.map((b) => ({ value: b.id, label: b.name }))} />
      </FilterForm>
      <DataTable caption={t("marketing.funds.title")} columns={columns} data={page.rows} total={page.total} page={page.page} size={page.size} sort={query.sort} dir={query.dir} labels={{ ...labels, empty: t("marketing.funds.empty") }} getRowId={(r) => r.id} />
    </>
  );
}

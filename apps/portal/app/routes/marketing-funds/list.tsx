import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { fundListQuery, listFundApplications, type FundApplicationRow } from "@cs/domain";
import { DataTable, Money, PageHeader, buttonClass, formatDate } from "@cs/ui";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import { FundClaimBadge, FundStatusBadge, useTableLabels } from "@cs/web";
import type { Route } from "./+types/list";

/** The partner's own co-marketing fund applications and their claims. */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = fundListQuery.parse(searchParamsObject(request));
  return { page: await listFundApplications(ctx, query), query };
});

export default function MarketingFunds({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const labels = useTableLabels();
  const { page, query } = loaderData;
  const locale = i18n.language;
  const columns: ColumnDef<FundApplicationRow, unknown>[] = [
    {
      id: "number",
      header: t("marketing.funds.columns.number"),
      meta: { sortKey: "number" },
      cell: ({ row }) => (
        <Link to={`/marketing-funds/${row.original.id}`} className="font-mono text-blue-700 underline">
          {row.original.number}
        </Link>
      ),
    },
    { id: "activity", header: t("marketing.funds.columns.activity"), cell: ({ row }) => row.original.activity },
    { id: "dates", header: t("marketing.funds.columns.dates"), cell: ({ row }) => `${formatDate(row.original.startsOn, locale)} – ${formatDate(row.original.endsOn, locale)}` },
    { id: "status", header: t("marketing.funds.columns.status"), cell: ({ row }) => <FundStatusBadge status={row.original.status} /> },
    { id: "requested", header: t("marketing.funds.columns.requested"), meta: { sortKey: "requestedFen", align: "right" }, cell: ({ row }) => <Money fen={row.original.requestedFen} locale={locale} /> },
    { id: "approved", header: t("marketing.funds.columns.approved"), meta: { align: "right" }, cell: ({ row }) => (row.original.approvedFen === null ? "—" : <Money fen={row.original.approvedFen} locale={locale} />) },
    { id: "claim", header: t("marketing.funds.columns.claim"), cell: ({ row }) => (row.original.claimStatus ? <FundClaimBadge status={row.original.claimStatus} /> : "—") },
  ];
  return (
    <>
      <PageHeader
        title={t("marketing.funds.title")}
        actions={
          <Link to="/marketing-funds/new" className={buttonClass()}>
            {t("marketing.funds.apply")}
          </Link>
        }
      >
        <p className="max-w-3xl text-sm text-slate-600">{t("marketing.funds.portalIntro")}</p>
      </PageHeader>
      <DataTable caption={t("marketing.funds.title")} columns={columns} data={page.rows} total={page.total} page={page.page} size={page.size} sort={query.sort} dir={query.dir} labels={{ ...labels, empty: t("marketing.funds.empty") }} getRowId={(r) => r.id} />
    </>
  );
}

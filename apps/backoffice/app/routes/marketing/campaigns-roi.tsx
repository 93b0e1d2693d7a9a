import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { campaignRoiQuery, listCampaignRoi, marketingChoices, quarterChoices, quarterOf, shanghaiToday, type CampaignRoi } from "@cs/domain";
import { campaignStatuses } from "@cs/domain/shared/schema-vocabulary";
import { DataTable, Money, PageHeader, SelectField, TextField, buttonClass, formatDate, formatNumber } from "@cs/ui";
import { FilterForm, useTableLabels } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import { RoiValue } from "./roi-figures";
import { MarketingTabs } from "./tabs";
import type { Route } from "./+types/campaigns-roi";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = campaignRoiQuery.parse(searchParamsObject(request));
  const [page, choices] = await Promise.all([listCampaignRoi(ctx, query), marketingChoices(ctx)]);
  // this quarter, the four before it and the next: where campaigns run
  const now = quarterOf(shanghaiToday());
  const year = Number(now.slice(0, 4)) - 1;
  const quarters = [...new Set([...quarterChoices(`${year}-${String(Number(now.slice(6)) * 3).padStart(2, "0")}-01`, 6), query.quarter])].sort().reverse();
  return { page, query, branches: choices.branches, quarters };
});

/** The campaigns of a quarter with their return, sorted by ROI (docs/decisions/027). */
export default function CampaignsRoi({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const labels = useTableLabels();
  const { page, query, branches, quarters } = loaderData;
  const locale = i18n.language;
  const exportQuery = new URLSearchParams(Object.entries({ quarter: query.quarter, q: query.q ?? "", status: query.status ?? "", branch: query.branch ?? "", sort: query.sort, dir: query.dir }).filter(([, v]) => v !== "")).toString();
  const money = (fen: bigint) => <Money fen={fen} locale={locale} />;
  const right = { align: "right" as const };
  const columns: ColumnDef<CampaignRoi, unknown>[] = [
    {
      id: "campaign",
      header: t("marketing.roi.columns.campaign"),
      meta: { sortKey: "number" },
      cell: ({ row }) => (
        <Link to={`/marketing/campaigns/${row.original.id}`} className="text-blue-700 underline">
          <span className="font-mono">{row.original.number}</span> {row.original.name}
        </Link>
      ),
    },
    { id: "branch", header: t("marketing.campaigns.columns.branch"), meta: { defaultHidden: true }, cell: ({ row }) => row.original.branch },
    { id: "dates", header: t("marketing.campaigns.columns.dates"), meta: { sortKey: "startsOn", defaultHidden: true }, cell: ({ row }) => `${formatDate(row.original.startsOn, locale)} – ${formatDate(row.original.endsOn, locale)}` },
    { id: "leads", header: t("marketing.roi.columns.leads"), meta: { sortKey: "leads", ...right }, cell: ({ row }) => formatNumber(row.original.leads, locale) },
    { id: "deals", header: t("marketing.roi.columns.deals"), meta: right, cell: ({ row }) => formatNumber(row.original.deals, locale) },
    { id: "ordersWon", header: t("marketing.roi.columns.ordersWon"), meta: right, cell: ({ row }) => formatNumber(row.original.ordersWon, locale) },
    { id: "revenue", header: t("marketing.roi.columns.revenue"), meta: { sortKey: "revenueFen", ...right }, cell: ({ row }) => money(row.original.revenueFen) },
    { id: "margin", header: t("marketing.roi.columns.margin"), meta: { sortKey: "marginFen", ...right }, cell: ({ row }) => money(row.original.marginFen) },
    { id: "cost", header: t("marketing.roi.columns.cost"), meta: { sortKey: "costFen", ...right }, cell: ({ row }) => money(row.original.costFen) },
    { id: "roi", header: t("marketing.roi.columns.roi"), meta: { sortKey: "roi", ...right }, cell: ({ row }) => <RoiValue bp={row.original.roiBp} /> },
  ];
  return (
    <>
      <PageHeader
        title={t("marketing.roi.listTitle")}
        actions={
          <>
            <a href={`/marketing/campaigns/roi/export?${exportQuery}`} className={buttonClass("secondary")} download>
              {t("analytics.exportXlsx")}
            </a>
            <a href={`/marketing/campaigns/roi/export?${exportQuery}&format=csv`} className={buttonClass("secondary")} download>
              {t("marketing.roi.exportCsv")}
            </a>
            <Link to="/marketing/campaigns" className={buttonClass("ghost")}>
              {t("marketing.campaigns.title")}
            </Link>
          </>
        }
      >
        <p className="max-w-3xl text-sm text-slate-600">{t("marketing.roi.intro")}</p>
      </PageHeader>
      <MarketingTabs />
      <FilterForm resetTo="/marketing/campaigns/roi" className="sm:grid-cols-2 lg:grid-cols-4">
        <SelectField label={t("marketing.roi.quarter")} name="quarter" defaultValue={query.quarter} options={quarters.map((q) => ({ value: q, label: q }))} />
        <TextField label={t("common.search")} name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("marketing.campaigns.searchPlaceholder")} />
        <SelectField label={t("marketing.campaigns.status")} name="status" defaultValue={query.status ?? ""} placeholder={t("marketing.campaigns.anyStatus")} options={campaignStatuses.map((s) => ({ value: s, label: t(`marketing.statuses.${s}`) }))} />
        <SelectField label={t("marketing.pools.branch")} name="branch" defaultValue={query.branch ?? ""} placeholder={t("marketing.pools.anyBranch")} options={branches.map((b) => ({ value: b.id, label: b.name }))} />
      </FilterForm>
      <DataTable caption={t("marketing.roi.listTitle")} columns={columns} data={page.rows} total={page.total} page={page.page} size={page.size} sort={query.sort} dir={query.dir} labels={{ ...labels, empty: t("marketing.roi.empty") }} getRowId={(r) => r.id} />
    </>
  );
}

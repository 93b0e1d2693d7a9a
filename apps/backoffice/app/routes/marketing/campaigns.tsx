import type { ColumnDef } from "@tanstack/react-table";
import { localName } from "@cs/i18n";
import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { campaignListQuery, can, listCampaigns, marketingChoices, type CampaignRow } from "@cs/domain";
import { campaignStatuses, campaignTypes } from "@cs/domain/shared/schema-vocabulary";
import { DataTable, Money, PageHeader, SelectField, TextField, buttonClass, formatDate } from "@cs/ui";
import { FilterForm, useTableLabels } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import { CampaignStatusBadge } from "./status-badge";
import { MarketingTabs } from "./tabs";
import type { Route } from "./+types/campaigns";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = campaignListQuery.parse(searchParamsObject(request));
  const [page, choices] = await Promise.all([listCampaigns(ctx, query), marketingChoices(ctx)]);
  return { page, query, ...choices, canManage: can(ctx.actor, "marketing:manage") };
});

export default function Campaigns({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const labels = useTableLabels();
  const { page, query, divisions, branches, canManage } = loaderData;
  const locale = i18n.language;
  const zh = locale === "zh-CN";
  const columns: ColumnDef<CampaignRow, unknown>[] = [
    {
      id: "number",
      header: t("marketing.campaigns.columns.number"),
      meta: { sortKey: "number" },
      cell: ({ row }) => (
        <Link to={`/marketing/campaigns/${row.original.id}`} className="font-mono text-blue-700 underline">
          {row.original.number}
        </Link>
      ),
    },
    { id: "name", header: t("marketing.campaigns.columns.name"), cell: ({ row }) => row.original.name },
    { id: "type", header: t("marketing.campaigns.columns.type"), cell: ({ row }) => t(`marketing.types.${row.original.type}`) },
    { id: "division", header: t("marketing.campaigns.columns.division"), meta: { defaultHidden: true }, cell: ({ row }) => localName(zh, row.original.divisionZh, row.original.divisionEn) },
    { id: "branch", header: t("marketing.campaigns.columns.branch"), cell: ({ row }) => row.original.branch },
    { id: "dates", header: t("marketing.campaigns.columns.dates"), meta: { sortKey: "startsOn" }, cell: ({ row }) => `${formatDate(row.original.startsOn, locale)} – ${formatDate(row.original.endsOn, locale)}` },
    { id: "owner", header: t("marketing.campaigns.columns.owner"), meta: { defaultHidden: true }, cell: ({ row }) => row.original.owner },
    { id: "status", header: t("marketing.campaigns.columns.status"), cell: ({ row }) => <CampaignStatusBadge status={row.original.status} /> },
    { id: "planned", header: t("marketing.campaigns.columns.planned"), meta: { sortKey: "plannedFen", align: "right" }, cell: ({ row }) => <Money fen={row.original.plannedFen} locale={locale} /> },
    { id: "spent", header: t("marketing.campaigns.columns.spent"), meta: { sortKey: "spentFen", align: "right" }, cell: ({ row }) => <Money fen={row.original.spentFen} locale={locale} /> },
  ];
  return (
    <>
      <PageHeader
        title={t("marketing.campaigns.title")}
        actions={
          <>
            <Link to="/marketing/campaigns/roi" className={buttonClass("ghost")}>
              {t("marketing.roi.open")}
            </Link>
            {canManage ? (
              <Link to="/marketing/campaigns/new" className={buttonClass()}>
                {t("marketing.campaigns.new")}
              </Link>
            ) : null}
          </>
        }
      >
        <p className="text-sm text-slate-600">{t("marketing.campaigns.intro")}</p>
      </PageHeader>
      <MarketingTabs />
      <FilterForm resetTo="/marketing/campaigns" className="sm:grid-cols-2 lg:grid-cols-5">
        <TextField label={t("common.search")} name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("marketing.campaigns.searchPlaceholder")} />
        <SelectField label={t("marketing.campaigns.status")} name="status" defaultValue={query.status ?? ""} placeholder={t("marketing.campaigns.anyStatus")} options={campaignStatuses.map((s) => ({ value: s, label: t(`marketing.statuses.${s}`) }))} />
        <SelectField label={t("marketing.campaigns.type")} name="type" defaultValue={query.type ?? ""} placeholder={t("marketing.campaigns.anyType")} options={campaignTypes.map((s) => ({ value: s, label: t(`marketing.types.${s}`) }))} />
        <SelectField label={t("marketing.pools.division")} name="division" defaultValue={query.division ?? ""} placeholder={t("marketing.pools.anyDivision")} options={divisions.map((d) => ({ value: d.id, label: localName(zh, d.nameZh, d.nameEn) }))} />
        <SelectField label={t("marketing.pools.branch")} name="branch" defaultValue={query.branch ?? ""} placeholder={t("marketing.pools.anyBranch")} options={branches.map((b) => ({ value: b.id, label: b.name }))} />
      </FilterForm>
      <DataTable caption={t("marketing.campaigns.title")} columns={columns} data={page.rows} total={page.total} page={page.page} size={page.size} sort={query.sort} dir={query.dir} labels={{ ...labels, empty: t("marketing.campaigns.empty") }} getRowId={(r) => r.id} />
    </>
  );
}

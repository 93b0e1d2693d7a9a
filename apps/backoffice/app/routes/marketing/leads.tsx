import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { leadCampaigns, leadListQuery, listLeads, type LeadRow } from "@cs/domain";
import { DataTable, PageHeader, SelectField, TextField, buttonClass, formatDateTime } from "@cs/ui";
import { FilterForm, LeadStatusBadge, useTableLabels } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import { MarketingTabs } from "./tabs";
import type { Route } from "./+types/leads";

const statuses = ["new", "returned", "assigned", "accepted", "working", "won", "lost"] as const;
const sources = ["landing", "import", "staff"] as const;

/** Every lead, pool and assigned, for marketing staff to distribute. */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = leadListQuery.parse(searchParamsObject(request));
  const [page, campaigns] = await Promise.all([listLeads(ctx, query), leadCampaigns(ctx)]);
  return { page, query, campaigns };
});

export default function Leads({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const labels = useTableLabels();
  const { page, query, campaigns } = loaderData;
  const locale = i18n.language;
  const columns: ColumnDef<LeadRow, unknown>[] = [
    {
      id: "name",
      header: t("leads.columns.name"),
      meta: { sortKey: "name" },
      cell: ({ row }) => (
        <Link to={`/marketing/leads/${row.original.id}`} className="text-blue-700 underline">
          {row.original.name}
        </Link>
      ),
    },
    { id: "company", header: t("leads.columns.company"), cell: ({ row }) => row.original.company ?? "—" },
    { id: "contact", header: t("leads.columns.contact"), cell: ({ row }) => [row.original.mobile, row.original.email].filter(Boolean).join(" · ") || "—" },
    { id: "city", header: t("leads.columns.city"), cell: ({ row }) => [row.original.province, row.original.city].filter(Boolean).join(" ") || "—" },
    { id: "interest", header: t("leads.columns.interest"), meta: { defaultHidden: true }, cell: ({ row }) => row.original.interest ?? "—" },
    { id: "source", header: t("leads.columns.source"), cell: ({ row }) => t(`leads.sources.${row.original.source}`) },
    { id: "campaign", header: t("leads.columns.campaign"), meta: { defaultHidden: true }, cell: ({ row }) => row.original.campaign ?? "—" },
    { id: "status", header: t("leads.columns.status"), cell: ({ row }) => <LeadStatusBadge status={row.original.status} /> },
    { id: "partner", header: t("leads.columns.partner"), cell: ({ row }) => (row.original.partnerCode ? `${row.original.partnerCode} ${row.original.partner}` : "—") },
    { id: "acceptBy", header: t("leads.columns.acceptBy"), meta: { sortKey: "acceptBy" }, cell: ({ row }) => (row.original.acceptBy ? formatDateTime(row.original.acceptBy, locale) : "—") },
    { id: "createdAt", header: t("leads.columns.createdAt"), meta: { sortKey: "createdAt" }, cell: ({ row }) => formatDateTime(row.original.createdAt, locale) },
  ];
  return (
    <>
      <PageHeader
        title={t("leads.title")}
        actions={
          <>
            <Link to="/marketing/leads/import" className={buttonClass("secondary")}>
              {t("leads.import.title")}
            </Link>
            <Link to="/marketing/leads/landing" className={buttonClass("secondary")}>
              {t("leads.codes.title")}
            </Link>
            <Link to="/marketing/leads/new" className={buttonClass()}>
              {t("leads.create.button")}
            </Link>
          </>
        }
      >
        <p className="max-w-3xl text-sm text-slate-600">{t("leads.staffIntro")}</p>
      </PageHeader>
      <MarketingTabs />
      <FilterForm resetTo="/marketing/leads" className="sm:grid-cols-2 lg:grid-cols-5">
        <TextField label={t("common.search")} name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("leads.searchPlaceholder")} className="lg:col-span-2" />
        <SelectField label={t("leads.status")} name="status" defaultValue={query.status ?? ""} placeholder={t("leads.anyStatus")} options={statuses.map((s) => ({ value: s, label: t(`leads.statuses.${s}`) }))} />
        <SelectField label={t("leads.source")} name="source" defaultValue={query.source ?? ""} placeholder={t("leads.anySource")} options={sources.map((s) => ({ value: s, label: t(`leads.sources.${s}`) }))} />
        <SelectField label={t("leads.campaign")} name="campaign" defaultValue={query.campaign ?? ""} placeholder={t("leads.anyCampaign")} options={campaigns.map((c) => ({ value: c.id, label: `${c.number} ${c.name}` }))} />
      </FilterForm>
      <DataTable caption={t("leads.title")} columns={columns} data={page.rows} total={page.total} page={page.page} size={page.size} sort={query.sort} dir={query.dir} labels={{ ...labels, empty: t("leads.empty") }} getRowId={(r) => r.id} />
    </>
  );
}

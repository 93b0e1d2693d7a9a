import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { leadCampaigns, leadListQuery, listLeads } from "@cs/domain";
import { DataTable, PageHeader, SelectField, TextField, buttonClass } from "@cs/ui";
import { FilterForm, useTableLabels, leadColumns } from "@cs/web";
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
  const columns = leadColumns(t, locale, { base: "/marketing/leads", staff: true });
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

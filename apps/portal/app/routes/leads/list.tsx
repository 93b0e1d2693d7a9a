import { useTranslation } from "@cs/i18n/react";
import { useSearchParams } from "react-router";
import { leadListQuery, listLeads } from "@cs/domain";
import { Alert, DataTable, PageHeader, SelectField, TextField } from "@cs/ui";
import { FilterForm, useTableLabels, leadColumns } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/list";

const statuses = ["assigned", "accepted", "working", "won", "lost"] as const;

/** The partner's own leads (线索): waiting for acceptance first by deadline, then those it works. */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = leadListQuery.parse(searchParamsObject(request));
  return { page: await listLeads(ctx, query), query };
});

export default function Leads({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const labels = useTableLabels();
  const { page, query } = loaderData;
  const [search] = useSearchParams();
  const locale = i18n.language;
  const columns = leadColumns(t, locale, { base: "/leads", staff: false });
  return (
    <>
      <PageHeader title={t("leads.title")}>
        <p className="max-w-3xl text-sm text-slate-600">{t("leads.portalIntro")}</p>
      </PageHeader>
      {search.get("done") === "declined" ? <Alert tone="success">{t("leads.work.declined")}</Alert> : null}
      <FilterForm resetTo="/leads" className="sm:grid-cols-2 lg:grid-cols-3">
        <TextField label={t("common.search")} name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("leads.searchPlaceholder")} className="lg:col-span-2" />
        <SelectField label={t("leads.status")} name="status" defaultValue={query.status ?? ""} placeholder={t("leads.anyStatus")} options={statuses.map((s) => ({ value: s, label: t(`leads.statuses.${s}`) }))} />
      </FilterForm>
      <DataTable caption={t("leads.title")} columns={columns} data={page.rows} total={page.total} page={page.page} size={page.size} sort={query.sort} dir={query.dir} labels={{ ...labels, empty: t("leads.empty") }} getRowId={(r) => r.id} />
    </>
  );
}

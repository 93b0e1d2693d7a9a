import { useTranslation } from "@cs/i18n/react";
import { dealListQuery, listBranches, listDealRegistrations, shanghaiToday } from "@cs/domain";
import { DataTable, PageHeader, SelectField, TextField } from "@cs/ui";
import { FilterForm, useTableLabels, dealColumns } from "@cs/web";
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
  const columns = dealColumns(t, locale, today, { base: "/marketing/deals", staff: true });
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

import { useTranslation } from "@cs/i18n/react";
import { fundListQuery, listBranches, listFundApplications } from "@cs/domain";
import { DataTable, PageHeader, SelectField, TextField } from "@cs/ui";
import { FilterForm, useTableLabels, fundColumns } from "@cs/web";
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
  const columns = fundColumns(t, locale, { base: "/marketing/funds", staff: true });
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

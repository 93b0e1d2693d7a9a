import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { dealListQuery, listDealRegistrations, shanghaiToday } from "@cs/domain";
import { DataTable, PageHeader, buttonClass } from "@cs/ui";
import { useTableLabels, dealColumns } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/list";

/** The partner's own deal registrations (报备). */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = dealListQuery.parse(searchParamsObject(request));
  return { page: await listDealRegistrations(ctx, query), query, today: shanghaiToday() };
});

export default function Deals({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const labels = useTableLabels();
  const { page, query, today } = loaderData;
  const locale = i18n.language;
  const columns = dealColumns(t, locale, today, { base: "/deals", staff: false });
  return (
    <>
      <PageHeader
        title={t("deals.title")}
        actions={
          <Link to="/deals/new" className={buttonClass()}>
            {t("deals.register")}
          </Link>
        }
      >
        <p className="max-w-3xl text-sm text-slate-600">{t("deals.portalIntro")}</p>
      </PageHeader>
      <DataTable caption={t("deals.title")} columns={columns} data={page.rows} total={page.total} page={page.page} size={page.size} sort={query.sort} dir={query.dir} labels={{ ...labels, empty: t("deals.empty") }} getRowId={(r) => r.id} />
    </>
  );
}

import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { fundListQuery, listFundApplications } from "@cs/domain";
import { DataTable, PageHeader, buttonClass } from "@cs/ui";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import { useTableLabels, fundColumns } from "@cs/web";
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
  const columns = fundColumns(t, locale, { base: "/marketing-funds", staff: false });
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

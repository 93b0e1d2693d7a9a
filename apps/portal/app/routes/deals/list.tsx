import type { ColumnDef } from "@tanstack/react-table";
import { localName } from "@cs/i18n";
import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { dealListQuery, listDealRegistrations, shanghaiToday, type DealRegistrationRow } from "@cs/domain";
import { DataTable, PageHeader, buttonClass, formatDate } from "@cs/ui";
import { DealStatusBadge, useTableLabels } from "@cs/web";
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
  const columns: ColumnDef<DealRegistrationRow, unknown>[] = [
    {
      id: "number",
      header: t("deals.columns.number"),
      meta: { sortKey: "number" },
      cell: ({ row }) => (
        <Link to={`/deals/${row.original.id}`} className="font-mono text-blue-700 underline">
          {row.original.number}
        </Link>
      ),
    },
    { id: "customer", header: t("deals.columns.customer"), cell: ({ row }) => row.original.customerName },
    { id: "productLine", header: t("deals.columns.productLine"), cell: ({ row }) => localName(locale === "zh-CN", row.original.productLineZh, row.original.productLineEn) },
    { id: "expectedClose", header: t("deals.columns.expectedClose"), meta: { sortKey: "expectedCloseOn" }, cell: ({ row }) => formatDate(row.original.expectedCloseOn, locale) },
    { id: "status", header: t("deals.columns.status"), cell: ({ row }) => <DealStatusBadge status={row.original.status} protectedUntil={row.original.protectedUntil} today={today} /> },
    { id: "protectedUntil", header: t("deals.columns.protectedUntil"), cell: ({ row }) => (row.original.protectedUntil ? formatDate(row.original.protectedUntil, locale) : "—") },
  ];
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

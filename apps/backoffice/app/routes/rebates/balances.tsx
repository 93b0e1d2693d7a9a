import type { ColumnDef } from "@tanstack/react-table";
import type { TFunction } from "i18next";
import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { listRebateBalances, rebateBalanceQuery, type RebateBalanceRow } from "@cs/domain";
import { Card, Money, PageHeader, TextField, formatDateTime } from "@cs/ui";
import { FilterForm, PagedTable } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import { RebateTabs } from "./tabs";
import type { Route } from "./+types/balances";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const raw = searchParamsObject(request);
  const query = rebateBalanceQuery.parse(raw);
  return { page: await listRebateBalances(domainCtx(context, request), raw), query };
});

function columns(t: TFunction, locale: string): ColumnDef<RebateBalanceRow, unknown>[] {
  return [
    { id: "code", header: t("rebateBalance.columns.code"), cell: ({ row }) => <span className="font-mono text-xs">{row.original.code}</span> },
    {
      id: "name",
      header: t("rebateBalance.columns.partner"),
      meta: { sortKey: "name" },
      cell: ({ row }) => (
        <Link to={`/rebates/balances/${row.original.organizationId}`} className="text-blue-800 hover:underline">
          {row.original.name}
        </Link>
      ),
    },
    { id: "balance", header: t("rebateBalance.columns.balance"), meta: { sortKey: "balance", align: "right" }, cell: ({ row }) => <Money fen={row.original.balanceFen} locale={locale} /> },
    { id: "credited", header: t("rebateBalance.columns.credited"), meta: { align: "right" }, cell: ({ row }) => <Money fen={row.original.creditedFen} locale={locale} /> },
    { id: "updated", header: t("rebateBalance.columns.updated"), meta: { sortKey: "updated" }, cell: ({ row }) => formatDateTime(row.original.updatedAt, locale) },
  ];
}

export default function RebateBalances({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { page, query } = loaderData;
  return (
    <>
      <PageHeader title={t("rebateBalance.title")}>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("rebateBalance.intro")}</p>
      </PageHeader>
      <RebateTabs />
      <FilterForm resetTo="/rebates/balances" columns={3} submitLabel={t("common.search")}>
        <TextField label={t("rebateBalance.searchPlaceholder")} name="q" type="search" defaultValue={query.q ?? ""} />
      </FilterForm>
      {page.total === 0 && !query.q ? (
        <Card>
          <p className="text-sm text-slate-600">{t("rebateBalance.empty")}</p>
        </Card>
      ) : (
        <PagedTable caption={t("rebateBalance.title")} columns={columns(t, i18n.language)} page={page} query={query} getRowId={(r) => r.organizationId} />
      )}
    </>
  );
}

import type { ColumnDef } from "@tanstack/react-table";
import type { TFunction } from "i18next";
import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { listCatalogueTree, listLocationOptions, listLowStock, lowStockQuery, type LowStockRow } from "@cs/domain";
import { PageHeader, formatNumber } from "@cs/ui";
import { FilterForm, PagedTable } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import { Intro } from "./shared";
import type { Route } from "./+types/low";
import { localName } from "@cs/i18n";
import { levelColumns, ProductStockFilters, productColumns } from "./columns-shared";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = lowStockQuery.parse(searchParamsObject(request));
  const [page, warehouses, tree] = await Promise.all([listLowStock(ctx, query), listLocationOptions(ctx, ["warehouse"]), listCatalogueTree(ctx)]);
  return { page, query, warehouses, divisions: tree.map(({ id, nameZh, nameEn }) => ({ id, nameZh, nameEn })) };
});

function columns(t: TFunction, locale: string): ColumnDef<LowStockRow, unknown>[] {
  const zh = locale === "zh-CN";
  const n = (v: number) => formatNumber(v, locale);
  return [
    ...productColumns<LowStockRow>(t, zh),
    {
      id: "warehouse",
      header: t("stock.fields.warehouse"),
      meta: { sortKey: "warehouse" },
      cell: ({ row }) => (
        <Link to={`/stock/locations/${row.original.locationId}`} className="text-blue-800 hover:underline">
          {row.original.locationCode} {localName(zh, row.original.locationZh, row.original.locationEn)}
        </Link>
      ),
    },
    ...levelColumns<LowStockRow>(t, n, { sortable: false, hidden: true }),
    { id: "available", header: t("stock.fields.available"), meta: { sortKey: "available", align: "right" }, cell: ({ row }) => n(row.original.available) },
    { id: "minimum", header: t("stock.fields.minimum"), meta: { sortKey: "minimum", align: "right" }, cell: ({ row }) => n(row.original.minimum) },
    {
      id: "shortfall",
      header: t("stock.fields.shortfall"),
      meta: { sortKey: "shortfall", align: "right" },
      cell: ({ row }) => <span className="font-semibold text-red-700">{n(row.original.shortfall)}</span>,
    },
  ];
}

export default function LowStock({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { page, query, warehouses, divisions } = loaderData;
  return (
    <>
      <PageHeader title={t("stock.tabs.low")} />
      <Intro>{t("stock.low.intro")}</Intro>
      <FilterForm resetTo="/stock/low" sort={query.sort} dir={query.dir} size={query.size}>
        <ProductStockFilters query={query} warehouses={warehouses} divisions={divisions} />
      </FilterForm>
      <PagedTable caption={t("stock.tabs.low")} columns={columns(t, i18n.language)} page={page} query={query} getRowId={(r) => `${r.productId}:${r.locationId}`} />
    </>
  );
}

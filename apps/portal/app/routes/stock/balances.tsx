import { useTranslation } from "@cs/i18n/react";
import { listMyStock, myStockPlaces, myStockQuery } from "@cs/domain";
import { DataTable, PageHeader, SelectField, TextField } from "@cs/ui";
import { useTableLabels, FilterForm } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/balances";
import { useBalanceColumns } from "./columns";
import { StockTabs } from "./tabs";

/** My stock (虚拟库存): the partner's own balances; anyone without own_stock:read gets 404. */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const query = myStockQuery.parse(searchParamsObject(request));
  return { page: await listMyStock(domainCtx(context, request), query), query, places: myStockPlaces };
});

export default function Balances({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const labels = useTableLabels();
  const columns = useBalanceColumns();
  const { page, query, places } = loaderData;
  return (
    <>
      <PageHeader title={t("myStock.title")}>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("myStock.intro")}</p>
      </PageHeader>
      <StockTabs />
      <FilterForm resetTo="/stock" className="sm:grid-cols-4" actionsClassName="sm:col-span-2">
        <TextField label={t("myStock.filters.search")} name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("myStock.filters.searchPlaceholder")} />
        <SelectField
          label={t("myStock.filters.place")}
          name="place"
          defaultValue={query.place ?? ""}
          placeholder={t("myStock.filters.allPlaces")}
          options={places.map((p) => ({ value: p, label: t(`myStock.places.${p}`) }))}
        />
      </FilterForm>
      <DataTable
        caption={t("myStock.title")}
        columns={columns}
        data={page.rows}
        total={page.total}
        page={page.page}
        size={page.size}
        sort={query.sort}
        dir={query.dir}
        labels={labels}
        getRowId={(r) => r.key}
      />
    </>
  );
}

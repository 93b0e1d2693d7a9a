import { useTranslation } from "@cs/i18n/react";
import { Form, Link } from "react-router";
import { listMyStock, myStockPlaces, myStockQuery } from "@cs/domain";
import { Button, DataTable, PageHeader, SelectField, TextField, buttonClass } from "@cs/ui";
import { useTableLabels } from "@cs/web";
import { domainCtx, loaderError, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/balances";
import { useBalanceColumns } from "./columns";
import { StockTabs } from "./tabs";

/** My stock (虚拟库存): the partner's own balances; anyone without own_stock:read gets 404. */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const query = myStockQuery.parse(searchParamsObject(request));
  try {
    return { page: await listMyStock(domainCtx(context, request), query), query, places: myStockPlaces };
  } catch (error) {
    loaderError(error);
  }
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
      <Form method="get" role="search" className="mb-4 grid gap-3 rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200 sm:grid-cols-4">
        <TextField label={t("myStock.filters.search")} name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("myStock.filters.searchPlaceholder")} />
        <SelectField
          label={t("myStock.filters.place")}
          name="place"
          defaultValue={query.place ?? ""}
          placeholder={t("myStock.filters.allPlaces")}
          options={places.map((p) => ({ value: p, label: t(`myStock.places.${p}`) }))}
        />
        <div className="flex items-end gap-2 sm:col-span-2">
          <Button>{t("common.filter")}</Button>
          <Link to="/stock" className={buttonClass("ghost")}>
            {t("common.reset")}
          </Link>
        </div>
      </Form>
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

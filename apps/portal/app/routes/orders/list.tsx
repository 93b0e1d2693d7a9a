import { useTranslation } from "@cs/i18n/react";
import { listOrders, listOrdersQuery } from "@cs/domain";
import { DataTable, PageHeader, SelectField, TextField } from "@cs/ui";
import { useTableLabels, FilterForm } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/list";
import { useOrderColumns } from "./columns";
import { orderStatusList } from "./status";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = listOrdersQuery.parse(searchParamsObject(request));
  return { page: await listOrders(ctx, query), query };
});

export default function Orders({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const labels = useTableLabels();
  const columns = useOrderColumns();
  const { page, query } = loaderData;
  return (
    <>
      <PageHeader title={t("orders.title")}>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("orders.intro")}</p>
      </PageHeader>
      <FilterForm resetTo="/orders" columns={3} submitLabel={t("orders.filters.apply")}>
        <TextField label={t("orders.filters.search")} name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("orders.filters.searchPlaceholder")} />
        <SelectField
          label={t("orders.filters.status")}
          name="status"
          defaultValue={query.status ?? ""}
          placeholder={t("orders.filters.allStatuses")}
          options={orderStatusList.map((s) => ({ value: s, label: t(`orders.status.${s}`) }))}
        />
      </FilterForm>
      <DataTable
        caption={t("orders.title")}
        columns={columns}
        data={page.rows}
        total={page.total}
        page={page.page}
        size={page.size}
        sort={query.sort}
        dir={query.dir}
        labels={{ ...labels, empty: t("orders.empty") }}
        getRowId={(r) => r.id}
      />
    </>
  );
}

import { useTranslation } from "@cs/i18n/react";
import { listLocations, locationListQuery } from "@cs/domain";
import { locationKinds } from "@cs/domain/shared/schema-vocabulary";
import { PageHeader, TextField } from "@cs/ui";
import { FilterForm, PagedTable } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/list";
import { locationColumns } from "./columns";
import { LocationKindSelect } from "../columns-shared";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = locationListQuery.parse(searchParamsObject(request, ["kind"]));
  return { page: await listLocations(ctx, query), query, kinds: [...locationKinds] };
});

export default function StockLocations({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { page, query, kinds } = loaderData;
  return (
    <>
      <PageHeader title={t("stock.tabs.locations")} />
      <FilterForm resetTo="/stock/locations" sort={query.sort} dir={query.dir} size={query.size} columns={4}>
        <TextField label={t("common.search")} name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("stock.locations.searchPlaceholder")} />
        <LocationKindSelect kinds={kinds} value={query.kind[0]} />
      </FilterForm>
      <PagedTable caption={t("stock.tabs.locations")} columns={locationColumns(t, i18n.language)} page={page} query={query} getRowId={(r) => r.id} />
    </>
  );
}

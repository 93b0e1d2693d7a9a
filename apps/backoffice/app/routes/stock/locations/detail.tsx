import { useTranslation } from "@cs/i18n/react";
import { Link, useNavigation } from "react-router";
import { listStockByLocation, locationStockQuery } from "@cs/domain";
import { Badge, DataTable, PageHeader, SelectField, TextField, buttonClass } from "@cs/ui";
import { useTableLabels, FilterForm } from "@cs/web";
import { domainCtx, loaderError, searchParamsObject, guarded } from "@cs/web/server";
import { TotalsBar, useLocalName } from "../shared";
import type { Route } from "./+types/detail";
import { locationStockColumns } from "./columns";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = locationStockQuery.parse(searchParamsObject(request));
  try {
    return { ...(await listStockByLocation(ctx, params.id, query)), query };
  } catch (error) {
    loaderError(error);
  }
});

export default function StockLocation({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const labels = useTableLabels();
  const name = useLocalName();
  const navigation = useNavigation();
  const { location, page, totals, query } = loaderData;
  return (
    <>
      <PageHeader
        title={`${location.code} · ${name(location)}`}
        actions={
          <Link to={`/stock/moves?location=${location.id}`} className={buttonClass("secondary")}>
            {t("stock.tabs.moves")}
          </Link>
        }
      >
        <div className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <Badge tone="blue">{t(`stock.kinds.${location.kind}`)}</Badge>
          {location.branchName ? <span>{location.branchName}</span> : null}
          {location.organizationName ? <span>· {location.organizationName}</span> : null}
        </div>
      </PageHeader>
      <TotalsBar totals={totals} />
      <FilterForm resetTo={`/stock/locations/${location.id}`} sort={query.sort} dir={query.dir} size={query.size} columns={4}>
        <TextField label={t("common.search")} name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("stock.byProduct.searchPlaceholder")} />
        <SelectField
          label={t("stock.location.ownerFilter")}
          name="owner"
          defaultValue={query.owner ?? ""}
          placeholder={t("common.all")}
          options={[
            { value: "ours", label: t("stock.location.ours") },
            { value: "partners", label: t("stock.location.partners") },
          ]}
        />
      </FilterForm>
      <div className={navigation.state === "loading" ? "opacity-60 transition-opacity" : undefined}>
        <DataTable
          caption={`${location.code} · ${name(location)}`}
          columns={locationStockColumns(t, i18n.language)}
          data={page.rows}
          total={page.total}
          page={page.page}
          size={page.size}
          sort={query.sort}
          dir={query.dir}
          labels={labels}
          getRowId={(r) => `${r.productId}:${r.ownerId ?? "ours"}`}
        />
      </div>
    </>
  );
}

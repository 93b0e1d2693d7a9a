import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { listStockByLocation, locationStockQuery } from "@cs/domain";
import { Badge, PageHeader, SelectField, TextField, buttonClass } from "@cs/ui";
import { FilterForm, PagedTable } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import { TotalsBar, useLocalName } from "../shared";
import type { Route } from "./+types/detail";
import { locationStockColumns } from "./columns";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = locationStockQuery.parse(searchParamsObject(request));
  return { ...(await listStockByLocation(ctx, params.id, query)), query };
});

export default function StockLocation({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const name = useLocalName();
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
      <PagedTable caption={`${location.code} · ${name(location)}`} columns={locationStockColumns(t, i18n.language)} page={page} query={query} getRowId={(r) => `${r.productId}:${r.ownerId ?? "ours"}`} />
    </>
  );
}

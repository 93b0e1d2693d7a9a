import { useTranslation } from "@cs/i18n/react";
import { useSearchParams } from "react-router";
import { listCatalogueTree, listLocationOptions, listStockByProduct, stockByProductQuery } from "@cs/domain";
import { PageHeader, SelectField, buttonClass } from "@cs/ui";
import { FilterForm, PagedTable } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import { Intro, TotalsBar, useLocalName } from "../shared";
import type { Route } from "./+types/list";
import { stockByProductColumns } from "./columns";
import { ProductStockFilters } from "../columns-shared";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = stockByProductQuery.parse(searchParamsObject(request));
  const [page, tree, warehouses] = await Promise.all([listStockByProduct(ctx, query), listCatalogueTree(ctx), listLocationOptions(ctx, ["warehouse"])]);
  return { page, query, tree, warehouses };
});

export default function StockByProduct({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const name = useLocalName();
  const [params] = useSearchParams();
  const { page, query, tree, warehouses } = loaderData;
  const lines = tree.flatMap((d) => d.lines.filter((l) => !query.division || l.divisionId === query.division));
  return (
    <>
      <PageHeader
        title={t("stock.tabs.products")}
        actions={
          <a href={`/stock/export.csv?${params.toString()}`} className={buttonClass("secondary")} download>
            {t("stock.exportCsv")}
          </a>
        }
      />
      <Intro>{t("stock.byProduct.intro")}</Intro>
      <FilterForm resetTo="/stock" sort={query.sort} dir={query.dir} size={query.size}>
        <ProductStockFilters query={query} warehouses={warehouses} divisions={tree} />
        <SelectField label={t("stock.fields.line")} name="line" defaultValue={query.line ?? ""} placeholder={t("product.allLines")} options={lines.map((l) => ({ value: l.id, label: name(l) }))} />
      </FilterForm>
      <TotalsBar totals={page.totals} />
      <PagedTable caption={t("stock.tabs.products")} columns={stockByProductColumns(t, i18n.language, page.totals.valueFen !== null)} page={page} query={query} getRowId={(r) => r.id} />
    </>
  );
}

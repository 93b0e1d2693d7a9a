import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { listMyMoves, myMoveReasons, myMovesQuery } from "@cs/domain";
import { Alert, DataTable, PageHeader, SelectField, TextField } from "@cs/ui";
import { useTableLabels, FilterForm } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/moves";
import { useMoveColumns } from "./columns";
import { StockTabs } from "./tabs";

/** Movement history of the partner's goods and locations, newest first. */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const query = myMovesQuery.parse(searchParamsObject(request));
  return { page: await listMyMoves(domainCtx(context, request), query), query, reasons: myMoveReasons };
});

export default function Moves({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const labels = useTableLabels();
  const columns = useMoveColumns();
  const { page, query, reasons } = loaderData;
  return (
    <>
      <PageHeader title={t("myStock.title")}>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("myStock.intro")}</p>
      </PageHeader>
      <StockTabs />
      {query.product ? (
        <div className="mb-3">
          <Alert tone="info">
            {t("myStock.filters.productOnly")}
            {page.rows[0] ? ` · ${page.rows[0].sku}` : ""} ·{" "}
            <Link to="/stock/moves" className="underline">
              {t("myStock.filters.allProducts")}
            </Link>
          </Alert>
        </div>
      ) : null}
      <FilterForm resetTo="/stock/moves" className="sm:grid-cols-5">
        {query.product ? <input type="hidden" name="product" value={query.product} /> : null}
        <TextField label={t("myStock.filters.search")} name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("myStock.filters.movesSearchPlaceholder")} />
        <SelectField
          label={t("myStock.filters.reason")}
          name="reason"
          defaultValue={query.reason ?? ""}
          placeholder={t("myStock.filters.allReasons")}
          options={reasons.map((r) => ({ value: r, label: t(`myStock.reasons.${r}`) }))}
        />
        <TextField label={t("myStock.filters.from")} name="from" type="date" defaultValue={query.from ?? ""} />
        <TextField label={t("myStock.filters.to")} name="to" type="date" defaultValue={query.to ?? ""} />
      </FilterForm>
      <DataTable
        caption={t("myStock.tabs.moves")}
        columns={columns}
        data={page.rows}
        total={page.total}
        page={page.page}
        size={page.size}
        sort={query.sort}
        dir={query.dir}
        labels={labels}
        getRowId={(r) => r.id}
      />
    </>
  );
}

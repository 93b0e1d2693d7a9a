import { useTranslation } from "@cs/i18n/react";
import { useSearchParams } from "react-router";
import { listLocationOptions, listMoves, moveListQuery } from "@cs/domain";
import { moveReasons } from "@cs/domain/shared/schema-vocabulary";
import { PageHeader, SelectField, TextField, buttonClass } from "@cs/ui";
import { FilterForm, PagedTable } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import { useLocalName } from "../shared";
import type { Route } from "./+types/list";
import { moveColumns } from "./columns";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = moveListQuery.parse(searchParamsObject(request, ["reason"]));
  const [page, locations] = await Promise.all([listMoves(ctx, query), listLocationOptions(ctx)]);
  return { page, query, locations, reasons: [...moveReasons] };
});

export default function StockMoves({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const name = useLocalName();
  const [params] = useSearchParams();
  const { page, query, locations, reasons } = loaderData;
  return (
    <>
      <PageHeader
        title={t("stock.tabs.moves")}
        actions={
          <a href={`/stock/moves/export.csv?${params.toString()}`} className={buttonClass("secondary")} download>
            {t("stock.exportCsv")}
          </a>
        }
      />
      <FilterForm resetTo="/stock/moves" sort={query.sort} dir={query.dir} size={query.size} columns={4}>
        <TextField label={t("stock.fields.product")} name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("stock.moves.searchPlaceholder")} />
        <SelectField label={t("stock.fields.location")} name="location" defaultValue={query.location ?? ""} placeholder={t("stock.allLocations")} options={locations.map((l) => ({ value: l.id, label: `${l.code} ${name(l)}` }))} />
        <SelectField label={t("stock.fields.reason")} name="reason" defaultValue={query.reason[0] ?? ""} placeholder={t("common.all")} options={reasons.map((r) => ({ value: r, label: t(`stock.reasons.${r}`) }))} />
        <TextField label={t("stock.fields.reference")} name="reference" type="search" defaultValue={query.reference ?? ""} placeholder={t("stock.moves.referencePlaceholder")} />
        <TextField label={t("stock.moves.dateFrom")} name="from" type="date" defaultValue={query.from ?? ""} hint={t("stock.moves.dateHint")} />
        <TextField label={t("stock.moves.dateTo")} name="to" type="date" defaultValue={query.to ?? ""} />
      </FilterForm>
      <PagedTable caption={t("stock.tabs.moves")} columns={moveColumns(t, i18n.language)} page={page} query={query} getRowId={(r) => String(r.id)} />
    </>
  );
}

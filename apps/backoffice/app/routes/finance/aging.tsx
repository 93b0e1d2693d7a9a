import { useTranslation } from "@cs/i18n/react";
import { useSearchParams } from "react-router";
import { agingQuery, receivablesAging } from "@cs/domain";
import { Money, PageHeader, SelectField, TextField, buttonClass } from "@cs/ui";
import { FilterForm, PagedTable } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/aging";
import { agingColumns } from "./columns";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = agingQuery.parse(searchParamsObject(request));
  return { page: await receivablesAging(ctx, query), query };
});

export default function Aging({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const { page, query } = loaderData;
  const totals = page.totals;
  return (
    <>
      <PageHeader
        title={t("billing.finance.aging")}
        actions={
          <a href={`/finance/aging/export.csv?${params.toString()}`} className={buttonClass("secondary")} download>
            {t("billing.aging.export")}
          </a>
        }
      />
      <FilterForm resetTo="/finance/aging" sort={query.sort} dir={query.dir} size={query.size} columns={4}>
        <TextField label={t("billing.fields.search")} name="q" type="search" defaultValue={query.q ?? ""} />
        <SelectField label={t("billing.aging.by")} name="by" defaultValue={query.by} options={(["partner", "branch"] as const).map((b) => ({ value: b, label: t(`billing.aging.by_${b}`) }))} />
        <TextField label={t("billing.aging.asOf")} name="asOf" type="date" defaultValue={page.asOf} />
      </FilterForm>
      <dl aria-label={t("billing.aging.totals")} className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {(["notDueFen", "d0_30Fen", "d31_60Fen", "d61_90Fen", "d90PlusFen", "creditFen"] as const).map((k) => (
          <div key={k} className="rounded-lg bg-white px-3 py-2 shadow-sm ring-1 ring-slate-200">
            <dt className="text-xs text-slate-500">{t(`billing.aging.${k.replace("Fen", "")}`)}</dt>
            <dd className="text-lg font-semibold tabular-nums"><Money fen={totals[k]} locale={i18n.language} /></dd>
          </div>
        ))}
      </dl>
      <PagedTable caption={t("billing.finance.aging")} columns={agingColumns(t, i18n.language, query.by === "partner")} page={page} query={query} getRowId={(r) => r.id} />
    </>
  );
}

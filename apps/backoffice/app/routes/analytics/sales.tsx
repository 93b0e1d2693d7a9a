import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "@cs/i18n/react";
import { Link, useSearchParams } from "react-router";
import { salesAnalysis, type SalesRow } from "@cs/domain";
import { salesDimensions, salesGrains } from "@cs/domain/analytics/sales-query";
import { Card, DataTable, PageHeader, SelectField, buttonClass } from "@cs/ui";
import { FilterForm, useTableLabels } from "@cs/web";
import { domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/sales";
import { Kpi, MonthRange, RefusedFilters, ScopeFilters } from "./filters";
import { SalesChart } from "./sales-chart";
import { analysisData } from "./sales.server";
import { drillHref, rowLabel, useSalesFormat } from "./sales-view";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  return analysisData(domainCtx(context, request), request, salesAnalysis);
});

export default function SalesAnalysisPage({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language === "zh-CN";
  const labels = useTableLabels();
  const [params] = useSearchParams();
  const { result, refused, options } = loaderData;
  const f = useSalesFormat();
  const q = result?.query;
  const lines = options.tree.flatMap((d) => d.lines.filter(() => !q?.division || d.id === q.division));
  const columns: ColumnDef<SalesRow, unknown>[] = q
    ? [
        {
          id: "name",
          header: t(`analytics.dims.${q.dim}`),
          cell: ({ row }) => {
            const href = drillHref(params, q, row.original);
            const name = rowLabel(t, zh, q.dim, row.original);
            return href ? (
              <Link to={href} className="text-blue-800 hover:underline" aria-label={t("analytics.drillInto", { name })}>
                {name}
              </Link>
            ) : (
              name
            );
          },
        },
        { id: "revenue", header: t("analytics.cols.revenue"), meta: { align: "right" }, cell: ({ row }) => f.money(row.original.revenueFen) },
        { id: "prevYear", header: t("analytics.cols.prevYear"), meta: { align: "right" }, cell: ({ row }) => f.money(row.original.prevYearFen) },
        { id: "yoy", header: t("analytics.cols.yoy"), meta: { align: "right" }, cell: ({ row }) => f.change(row.original.yoyBp) },
        ...(q.dim === "period"
          ? []
          : [
              { id: "lastPeriod", header: t(`analytics.cols.last.${q.grain}`), meta: { align: "right" }, cell: ({ row }) => f.money(row.original.lastPeriodFen) },
            ] satisfies ColumnDef<SalesRow, unknown>[]),
        { id: "pop", header: t(`analytics.cols.pop.${q.grain}`), meta: { align: "right" }, cell: ({ row }) => f.change(row.original.popBp) },
        ...(result.mayViewCost
          ? ([
              { id: "margin", header: t("analytics.cols.margin"), meta: { align: "right" }, cell: ({ row }) => (row.original.marginFen === null ? "—" : f.money(row.original.marginFen)) },
              { id: "marginPct", header: t("analytics.cols.marginPct"), meta: { align: "right" }, cell: ({ row }) => f.pct(row.original.marginBp) },
            ] satisfies ColumnDef<SalesRow, unknown>[])
          : []),
      ]
    : [];
  const exportQuery = new URLSearchParams(params);
  exportQuery.delete("page");
  const chosen = (k: "partner" | "product") => params.get(k);
  return (
    <>
      <PageHeader
        title={t("analytics.sales.title")}
        actions={
          result ? (
            <>
              <Link to={`/analytics/sales/lines?${exportQuery.toString()}`} className={buttonClass("secondary")}>
                {t("analytics.sales.lines")}
              </Link>
              <a href={`/analytics/sales/export?${exportQuery.toString()}`} className={buttonClass("secondary")} download>
                {t("analytics.exportXlsx")}
              </a>
            </>
          ) : null
        }
      >
        <p className="mt-1 text-sm text-slate-600">{t("analytics.sales.intro")}</p>
      </PageHeader>
      <RefusedFilters refused={refused} />
      <FilterForm resetTo="/analytics/sales" columns={5} keep={{ partner: chosen("partner"), product: chosen("product") }}>
        <SelectField label={t("analytics.fields.dim")} name="dim" defaultValue={params.get("dim") ?? "division"} options={salesDimensions.map((d) => ({ value: d, label: t(`analytics.dims.${d}`) }))} />
        <SelectField label={t("analytics.fields.grain")} name="grain" defaultValue={params.get("grain") ?? "month"} options={salesGrains.map((g) => ({ value: g, label: t(`analytics.grains.${g}`) }))} />
        <MonthRange from={q?.from} to={q?.to} />
        <ScopeFilters options={options} lines={lines} />
      </FilterForm>
      {chosen("partner") || chosen("product") ? <p className="mb-3 text-sm text-slate-600">{t("analytics.narrowed")}</p> : null}
      {result ? (
        <>
          <div className="mb-4 grid gap-3 sm:grid-cols-3">
            <Kpi label={t("analytics.cols.revenue")}>{f.money(result.totals.revenueFen)}</Kpi>
            <Kpi label={t("analytics.cols.yoy")}>{f.change(result.totals.yoyBp)}</Kpi>
            {result.mayViewCost ? (
              <Kpi label={t("analytics.cols.margin")}>
                {result.totals.marginFen === null ? "—" : f.money(result.totals.marginFen)} <span className="text-sm font-normal text-slate-500">{f.pct(result.totals.marginBp)}</span>
              </Kpi>
            ) : null}
          </div>
          <Card className="mb-4" title={t("analytics.sales.chart")}>
            <SalesChart
              data={result.series.map((p) => ({ period: p.period, revenue: f.yuan(p.revenueFen), prevYear: f.yuan(p.prevYearFen), margin: p.marginFen === null ? null : f.yuan(p.marginFen) }))}
              labels={{ revenue: t("analytics.cols.revenue"), prevYear: t("analytics.cols.prevYear"), margin: t("analytics.cols.margin") }}
              format={f.yuanText}
              formatAxis={f.axis}
            />
          </Card>
          <DataTable caption={t("analytics.sales.title")} columns={columns} data={result.rows} total={result.total} page={result.query.page} size={50} sort="revenue" dir="desc" labels={labels} getRowId={(r) => r.key || "none"} />
        </>
      ) : null}
    </>
  );
}

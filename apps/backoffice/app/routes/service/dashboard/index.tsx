import { useTranslation } from "@cs/i18n/react";
import { Form, Link } from "react-router";
import { serviceDashboard, type RequestMetrics } from "@cs/domain";
import { Button, Card, PageHeader, TextField, formatMoney, formatNumber } from "@cs/ui";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/index";
import { CostChart, RateChart } from "./charts";
import { localName } from "@cs/i18n";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  return await serviceDashboard(ctx, searchParamsObject(request));
});

const pct = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);

type MetricsProps = { rows: RequestMetrics[]; caption: string; name: (r: RequestMetrics) => string; show: (v: number | null, suffix?: string) => string };

function MetricsTable({ rows, caption, name, show }: MetricsProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="text-left text-xs text-slate-500">
            <th className="py-1">{caption}</th>
            {(["requests", "resolved", "turnaround", "firstTimeFix", "slaResolution", "satisfaction", "openOverdue"] as const).map((k) => (
              <th key={k} className="text-right">
                {t(`serviceDashboard.kpi.${k}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="tabular-nums">
          {rows.map((r) => (
            <tr key={r.key ?? "none"} className="border-t border-slate-100">
              <td className="py-1">{name(r)}</td>
              <td className="text-right">{show(r.requests)}</td>
              <td className="text-right">{show(r.resolved)}</td>
              <td className="text-right">{show(r.turnaroundHours, " h")}</td>
              <td className="text-right">{show(pct(r.firstTimeFixRate), "%")}</td>
              <td className="text-right">{show(pct(r.slaResolutionRate), "%")}</td>
              <td className="text-right">{r.ratingAverage === null ? "—" : `${formatNumber(r.ratingAverage, locale)} (${r.ratings})`}</td>
              <td className={r.openOverdue ? "text-right font-medium text-red-700" : "text-right"}>{show(r.openOverdue)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function ServiceDashboard({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { period, overall, byStation, byDivision, cost } = loaderData;
  const locale = i18n.language;
  const zh = locale === "zh-CN";
  const name = (r: { nameZh: string | null; nameEn: string | null }) => localName(zh, r.nameZh, r.nameEn) ?? t("serviceDashboard.unassigned");
  const show = (v: number | null, suffix = "") => (v === null ? "—" : `${formatNumber(v, locale)}${suffix}`);
  const kpis = [
    ["requests", show(overall?.requests ?? 0)],
    ["turnaround", show(overall?.turnaroundHours ?? null, " h")],
    ["firstTimeFix", show(pct(overall?.firstTimeFixRate ?? null), "%")],
    ["slaResolution", show(pct(overall?.slaResolutionRate ?? null), "%")],
    ["slaResponse", show(pct(overall?.slaResponseRate ?? null), "%")],
    ["satisfaction", overall?.ratingAverage == null ? "—" : `${formatNumber(overall.ratingAverage, locale)} / 5`],
    ["openOverdue", show(overall?.openOverdue ?? 0)],
    ["warrantyCost", formatMoney(cost.total.totalFen, locale)],
  ] as const;
  const yuan = (fen: bigint) => Number(fen) / 100;
  const money = (v: number) => formatMoney(BigInt(Math.round(v * 100)), locale);
  const rateData = (rows: RequestMetrics[]) =>
    rows.map((r) => ({ name: name(r), firstTimeFix: pct(r.firstTimeFixRate), slaResolution: pct(r.slaResolutionRate), satisfaction: r.ratingAverage }));
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("serviceDashboard.title")}
        actions={
          <Link to="/satisfaction" className="text-sm text-blue-800 underline">
            {t("satisfaction.details")}
          </Link>
        }
      >
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("serviceDashboard.intro", { from: period.from, to: period.to })}</p>
      </PageHeader>
      <Form method="get" className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200">
        <TextField label={t("serviceDashboard.from")} name="from" type="date" defaultValue={period.from} />
        <TextField label={t("serviceDashboard.to")} name="to" type="date" defaultValue={period.to} />
        <Button>{t("common.apply")}</Button>
      </Form>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {kpis.map(([key, value]) => (
          <div key={key} className="rounded-lg bg-white px-3 py-2 shadow-sm ring-1 ring-slate-200">
            <dt className="text-xs text-slate-500">{t(`serviceDashboard.kpi.${key}`)}</dt>
            <dd className="text-lg font-semibold tabular-nums text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
      <Card title={t("serviceDashboard.costByLine")}>
        {cost.byLine.length ? (
          <>
            <CostChart
              data={cost.byLine.map((r) => ({ name: name(r), labour: yuan(r.labourFen), parts: yuan(r.partsFen) }))}
              labels={{ labour: t("serviceDashboard.labour"), parts: t("serviceDashboard.parts") }}
              format={money}
            />
            <div className="relative overflow-x-auto">
              <table className="mt-2 w-full text-sm">
                <caption className="sr-only">{t("serviceDashboard.costByLine")}</caption>
                <thead>
                  <tr className="text-left text-xs text-slate-500">
                    <th>{t("serviceDashboard.line")}</th>
                    <th className="text-right">{t("serviceDashboard.labour")}</th>
                    <th className="text-right">{t("serviceDashboard.parts")}</th>
                    <th className="text-right">{t("serviceDashboard.total")}</th>
                    <th className="text-right">{t("serviceDashboard.claims")}</th>
                  </tr>
                </thead>
                <tbody className="tabular-nums">
                  {cost.byLine.map((r) => (
                    <tr key={r.key ?? "none"} className="border-t border-slate-100">
                      <td>{name(r)}</td>
                      <td className="text-right">{formatMoney(r.labourFen, locale)}</td>
                      <td className="text-right">{formatMoney(r.partsFen, locale)}</td>
                      <td className="text-right">{formatMoney(r.totalFen, locale)}</td>
                      <td className="text-right">{formatNumber(r.claims, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : (
          <p className="text-sm text-slate-600">{t("serviceDashboard.noClaims")}</p>
        )}
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title={t("serviceDashboard.costByStation")}>
          {cost.byStation.length === 0 ? <p className="text-sm text-slate-600">{t("serviceDashboard.noClaims")}</p> : null}
          <ul className="text-sm tabular-nums">
            {cost.byStation.map((r) => (
              <li key={r.key ?? "none"} className="flex justify-between border-t border-slate-100 py-1">
                <span>{name(r)}</span>
                <span>{formatMoney(r.totalFen, locale)}</span>
              </li>
            ))}
          </ul>
        </Card>
        <Card title={t("serviceDashboard.costByDivision")}>
          {cost.byDivision.length === 0 ? <p className="text-sm text-slate-600">{t("serviceDashboard.noClaims")}</p> : null}
          <ul className="text-sm tabular-nums">
            {cost.byDivision.map((r) => (
              <li key={r.key ?? "none"} className="flex justify-between border-t border-slate-100 py-1">
                <span>{name(r)}</span>
                <span>{formatMoney(r.totalFen, locale)}</span>
              </li>
            ))}
          </ul>
        </Card>
      </div>
      <Card title={t("serviceDashboard.byStation")}>
        <RateChart data={rateData(byStation.slice(0, 15))} labels={{ firstTimeFix: t("serviceDashboard.kpi.firstTimeFix"), slaResolution: t("serviceDashboard.kpi.slaResolution") }} />
        <MetricsTable rows={byStation} caption={t("serviceDashboard.station")} name={name} show={show} />
      </Card>
      <Card title={t("serviceDashboard.byDivision")}>
        <RateChart data={rateData(byDivision)} labels={{ firstTimeFix: t("serviceDashboard.kpi.firstTimeFix"), slaResolution: t("serviceDashboard.kpi.slaResolution") }} />
        <MetricsTable rows={byDivision} caption={t("serviceDashboard.division")} name={name} show={show} />
      </Card>
    </div>
  );
}

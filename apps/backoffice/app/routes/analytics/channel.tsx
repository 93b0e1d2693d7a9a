import { useTranslation } from "@cs/i18n/react";
import { Link, useSearchParams } from "react-router";
import { channelAnalysis } from "@cs/domain";
import { Badge, Card, PageHeader, SelectField } from "@cs/ui";
import { Kpi, MonthRange, RefusedFilters, ScopeFilters } from "./filters";
import { FiguresTable } from "./figures-table";
import { FilterForm } from "@cs/web";
import { domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/channel";
import { LevelChart } from "./level-chart";
import { analysisData } from "./sales.server";
import { useSalesFormat } from "./sales-view";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  return analysisData(domainCtx(context, request), request, channelAnalysis);
});

/** Channel analysis: each level's contribution and growth, top-N concentration, partners at risk. */
export default function ChannelAnalysisPage({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const f = useSalesFormat();
  const { result, refused, options } = loaderData;
  const salesOf = (id: string) => {
    const next = new URLSearchParams();
    if (result) {
      next.set("from", result.query.from);
      next.set("to", result.query.to);
    }
    next.set("partner", id);
    next.set("dim", "product");
    return `/analytics/sales?${next.toString()}`;
  };
  return (
    <>
      <PageHeader title={t("analytics.channel.title")}>
        <p className="mt-1 text-sm text-slate-600">{t("analytics.channel.intro")}</p>
      </PageHeader>
      <RefusedFilters refused={refused} />
      <FilterForm resetTo="/analytics/channel" columns={5}>
        <MonthRange from={result?.query.from} to={result?.query.to} />
        <SelectField label={t("analytics.channel.top")} name="top" defaultValue={params.get("top") ?? "10"} options={["5", "10", "20"].map((n) => ({ value: n, label: t("analytics.channel.topN", { n }) }))} />
        <ScopeFilters options={options} />
      </FilterForm>
      {result ? (
        <>
          <div className="mb-4 grid gap-3 sm:grid-cols-3">
            <Kpi label={t("analytics.channel.net")} hint={`${t("analytics.cols.yoy")} ${f.change(result.totals.yoyBp)}`}>
              {f.money(result.totals.netFen)}
            </Kpi>
            <Kpi label={t("analytics.channel.topShare", { n: result.concentration.top })} hint={t("analytics.channel.buying", { count: result.totals.buying })}>
              {f.pct(result.concentration.shareBp)}
            </Kpi>
            <Kpi label={t("analytics.channel.atRisk")}>{result.atRisk.length}</Kpi>
          </div>
          <div className="mb-4 grid gap-4 lg:grid-cols-2">
            <Card title={t("analytics.channel.levels")}>
              <LevelChart data={result.levels.map((l) => ({ level: t(`org.kinds.${l.kind}`, { defaultValue: l.kind }), net: f.yuan(l.netFen), prevYear: f.yuan(l.prevYearFen) }))} labels={{ net: t("analytics.channel.net"), prevYear: t("analytics.cols.prevYear") }} format={f.yuanText} formatAxis={f.axis} />
              <FiguresTable
                caption={t("analytics.channel.levels")}
                head={[t("analytics.channel.level"), t("analytics.channel.net"), t("analytics.channel.share"), t("analytics.cols.yoy"), t("analytics.channel.partners")]}
                rows={result.levels.map((l) => ({ key: l.kind, cells: [t(`org.kinds.${l.kind}`, { defaultValue: l.kind }), f.money(l.netFen), f.pct(l.shareBp), f.change(l.yoyBp), String(l.partners)] }))}
              />
            </Card>
            <Card title={t("analytics.channel.concentration")}>
              <p className="mb-2 text-sm text-slate-600">{t("analytics.channel.shares", { top5: f.pct(result.concentration.top5Bp), top10: f.pct(result.concentration.top10Bp), top20: f.pct(result.concentration.top20Bp) })}</p>
              <FiguresTable
                caption={t("analytics.channel.concentration")}
                head={["#", t("analytics.dims.partner"), t("analytics.channel.net"), t("analytics.cols.yoy")]}
                rows={result.concentration.partners.map((p, i) => ({
                  key: p.id,
                  cells: [
                    String(i + 1),
                    <Link key="l" to={salesOf(p.id)} className="text-blue-800 hover:underline">{`${p.code} ${p.name}`}</Link>,
                    f.money(p.netFen),
                    f.change(p.yoyBp),
                  ],
                }))}
              />
            </Card>
          </div>
          <Card title={t("analytics.channel.atRisk")}>
            <p className="mb-2 text-xs text-slate-500">{t("analytics.channel.riskNote")}</p>
            {result.atRisk.length === 0 ? (
              <p className="text-sm text-slate-600">{t("analytics.channel.noRisk")}</p>
            ) : (
              <FiguresTable
                caption={t("analytics.channel.atRisk")}
                head={[t("analytics.dims.partner"), t("analytics.channel.risks"), t("analytics.channel.recent"), t("analytics.channel.before"), t("analytics.channel.overdue"), t("analytics.channel.lastPurchase")]}
                rows={result.atRisk.map((p) => ({
                  key: p.id,
                  cells: [
                    <Link key="l" to={`/channel/partners/${p.id}`} className="text-blue-800 hover:underline">{`${p.code} ${p.name}`}</Link>,
                    <span key="r" className="flex flex-wrap gap-1">
                      {p.risks.map((r) => (
                        <Badge key={r} tone={r === "overdue" ? "red" : "amber"}>
                          {t(`analytics.channel.risk.${r}`)}
                        </Badge>
                      ))}
                    </span>,
                    f.money(p.recentFen),
                    f.money(p.beforeFen),
                    p.overdueFen > 0n ? `${f.money(p.overdueFen)} · ${t("analytics.channel.days", { count: p.overdueDays ?? 0 })}` : "—",
                    p.lastPurchaseMonth ?? "—",
                  ],
                }))}
              />
            )}
          </Card>
        </>
      ) : null}
    </>
  );
}

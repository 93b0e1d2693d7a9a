import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { getPartnerEvaluation } from "@cs/domain";
import { Card, Money, PageHeader, buttonClass, formatMoney } from "@cs/ui";
import { domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/partner";
import { formatBp, periodLabel } from "./shared";
import { TrendChart } from "./trend-chart";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  return await getPartnerEvaluation(ctx, params.id);
});

export default function PartnerPerformance({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { partner, periods, trend } = loaderData;
  const locale = i18n.language;
  const compactYuan = new Intl.NumberFormat(locale, { style: "currency", currency: "CNY", currencyDisplay: "narrowSymbol", notation: "compact", minimumFractionDigits: 0, maximumFractionDigits: 1 });
  const data = trend.map((p) => ({
    month: p.month.slice(0, 7),
    net: Number(p.netFen) / 100,
    target: p.targetFen === null ? null : Number(p.targetFen) / 100,
    onTime: p.onTimeBp === null ? null : Math.round(p.onTimeBp) / 100,
  }));
  const stat = (label: string, value: React.ReactNode) => (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-sm font-medium tabular-nums text-slate-900">{value}</dd>
    </div>
  );
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("channel.partner.title", { name: partner.name })}
        actions={
          <>
            <Link to="/channel/scorecard" className={buttonClass("ghost")}>{t("channel.partner.back")}</Link>
            <Link to={`/organizations/${partner.id}`} className={buttonClass("secondary")}>{t("channel.partner.organization")}</Link>
          </>
        }
      >
        <p className="mt-1 text-sm text-slate-600">
          {partner.code} · {t(`org.kinds.${partner.kind}`)}
          {partner.tier ? ` · ${t(`org.tiers.${partner.tier}`)}` : ""}
        </p>
      </PageHeader>
      <div className="grid gap-4 md:grid-cols-3">
        {periods.map(({ kind, start, row }) => (
          <Card key={kind} title={periodLabel(t, kind, start)}>
            {row ? (
              <dl className="grid grid-cols-2 gap-3">
                {stat(t("channel.scorecard.columns.net"), <Money fen={row.netFen} locale={locale} />)}
                {stat(t("channel.scorecard.columns.target"), row.targetFen === null ? t("channel.scorecard.noTarget") : <Money fen={row.targetFen} locale={locale} />)}
                {stat(t("channel.scorecard.columns.completion"), formatBp(row.completionBp, locale))}
                {stat(t("channel.scorecard.columns.payments"), <Money fen={row.paymentsFen} locale={locale} />)}
                {stat(t("channel.scorecard.columns.onTime"), formatBp(row.onTimeBp, locale, t("channel.scorecard.nothingDue")))}
                {stat(t("channel.scorecard.columns.confirmation"), formatBp(row.confirmationBp, locale, t("channel.scorecard.noStatements")))}
                {stat(t("channel.scorecard.columns.tierRank"), row.tierRank === null ? t("channel.scorecard.unranked") : t("channel.scorecard.rankOf", { rank: row.tierRank, size: row.tierSize }))}
                {stat(t("channel.scorecard.columns.branchRank"), row.branchRank === null ? t("channel.scorecard.unranked") : t("channel.scorecard.rankOf", { rank: row.branchRank, size: row.branchSize }))}
              </dl>
            ) : null}
          </Card>
        ))}
      </div>
      <Card title={t("channel.partner.trend")}>
        <p className="mb-2 text-xs text-slate-500">{t("channel.partner.trendHint")}</p>
        <TrendChart data={data} labels={{ net: t("channel.partner.net"), target: t("channel.partner.target"), onTime: t("channel.partner.onTime") }} format={(y) => formatMoney(BigInt(Math.round(y * 100)), locale)} formatAxis={(y) => compactYuan.format(y)} />
      </Card>
    </div>
  );
}

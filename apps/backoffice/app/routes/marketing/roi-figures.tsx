import { useTranslation } from "@cs/i18n/react";
import type { CampaignRoi } from "@cs/domain";
import { Card, Money, formatNumber, formatPercentBp } from "@cs/ui";

/** A campaign's return on its page: what it brought against what it cost (docs/decisions/027). */
export function CampaignRoiCard({ roi }: { roi: CampaignRoi }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const money = (fen: bigint) => <Money fen={fen} locale={locale} />;
  const figures: [string, React.ReactNode][] = [
    [t("marketing.roi.columns.leads"), formatNumber(roi.leads, locale)],
    [t("marketing.roi.columns.deals"), formatNumber(roi.deals, locale)],
    [t("marketing.roi.columns.conversion"), roi.leads ? formatPercentBp(Math.round((roi.deals * 10000) / roi.leads), locale) : "—"],
    [t("marketing.roi.columns.ordersWon"), formatNumber(roi.ordersWon, locale)],
    [t("marketing.roi.columns.revenue"), money(roi.revenueFen)],
    [t("marketing.roi.columns.margin"), money(roi.marginFen)],
    [t("marketing.roi.columns.spend"), money(roi.spendFen)],
    [t("marketing.roi.columns.claims"), money(roi.claimsFen)],
    [t("marketing.roi.columns.cost"), money(roi.costFen)],
  ];
  return (
    <Card title={t("marketing.roi.title")}>
      <p className="text-3xl font-semibold tabular-nums" aria-label={t("marketing.roi.columns.roi")}>
        <RoiValue bp={roi.roiBp} />
      </p>
      <dl className="mt-3 grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 text-sm">
        {figures.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-600">{label}</dt>
            <dd className="text-right tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-3 text-xs text-slate-600">{t("marketing.roi.note")}</p>
    </Card>
  );
}

/** ROI as a percentage, red when the campaign has not earned its cost back; a dash without cost. */
export function RoiValue({ bp }: { bp: number | null }) {
  const { t, i18n } = useTranslation();
  if (bp === null) return <span className="text-slate-500">{t("marketing.roi.noCost")}</span>;
  return <span className={bp < 0 ? "text-red-700" : "text-emerald-700"}>{formatPercentBp(bp, i18n.language)}</span>;
}

import { useTranslation } from "@cs/i18n/react";
import { localName } from "@cs/i18n";
import { myPerformance } from "@cs/domain";
import { Card, PageHeader, formatDate, formatMoney, formatPercentBp } from "@cs/ui";
import { domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/performance";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  return await myPerformance(domainCtx(context, request));
});

type Kind = "month" | "quarter" | "year";

const pct = formatPercentBp;

function periodLabel(t: (k: string, o?: Record<string, unknown>) => string, kind: Kind, start: string) {
  const month = Number(start.slice(5, 7));
  return t(`channel.period.label_${kind}`, { year: start.slice(0, 4), month, quarter: Math.floor((month - 1) / 3) + 1 });
}

/** One target's progress bar: the bar is the share reached (capped at the track), the text says how far. */
function Progress({ label, netFen, targetFen, bp }: { label: string; netFen: bigint; targetFen: bigint; bp: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const tone = bp >= 10000 ? "bg-emerald-600" : bp >= 8000 ? "bg-amber-500" : "bg-blue-700";
  const remaining = targetFen - netFen;
  return (
    <div>
      <div className="flex items-baseline justify-between gap-3 text-sm">
        <span className="font-medium text-slate-800">{label}</span>
        <span className="tabular-nums text-slate-600">{t("channel.performance.ofTarget", { net: formatMoney(netFen, locale), target: formatMoney(targetFen, locale) })}</span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.min(100, Math.max(0, Math.floor(bp / 100)))}
        aria-valuetext={t("channel.performance.progress", { pct: pct(bp, locale) })}
        className="mt-1 h-3 overflow-hidden rounded-full bg-slate-200"
      >
        <div className={`h-full ${tone}`} style={{ width: `${Math.min(100, Math.max(0, bp / 100))}%` }} />
      </div>
      <div className="mt-1 flex justify-between text-xs text-slate-600">
        <span>{t("channel.performance.progress", { pct: pct(bp, locale) })}</span>
        <span>{remaining > 0n ? t("channel.performance.remaining", { amount: formatMoney(remaining, locale) }) : t("channel.performance.reached")}</span>
      </div>
    </div>
  );
}

export default function MyPerformance({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { progress, nextTiers } = loaderData;
  const locale = i18n.language;
  const kinds: Kind[] = ["month", "quarter", "year"];
  return (
    <div className="space-y-4">
      <PageHeader title={t("channel.performance.title")}>
        <p className="mt-1 text-sm text-slate-600">{t("channel.performance.intro")}</p>
      </PageHeader>
      {nextTiers.length ? (
        <Card title={t("channel.performance.rebates")}>
          <ul className="space-y-3">
            {nextTiers.map((n) => (
              <li key={n.programCode} className="rounded-md bg-amber-50 p-3 ring-1 ring-amber-200">
                <p className="text-base font-semibold text-amber-900">{t("channel.performance.nextTier", { amount: formatMoney(n.remainingFen, locale), rate: pct(n.nextRateBp, locale) })}</p>
                <p className="mt-1 text-sm text-amber-900/80">
                  {t("channel.performance.program", { name: localName(locale === "zh-CN", n.programName, n.programNameEn), start: formatDate(n.periodStart, locale), end: formatDate(n.periodEnd, locale) })} ·{" "}
                  {n.currentRateBp > 0 ? t("channel.performance.currentRate", { rate: pct(n.currentRateBp, locale) }) : t("channel.performance.noRate")}
                </p>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {progress.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-600">{t("channel.performance.noTargets")}</p>
        </Card>
      ) : (
        <div className="grid gap-4 lg:grid-cols-3">
          {kinds.map((kind) => {
            const rows = progress.filter((p) => p.periodKind === kind);
            if (rows.length === 0) return null;
            return (
              <Card key={kind} title={periodLabel(t, kind, rows[0]!.periodStart)}>
                <div className="space-y-4">
                  {rows.map((r) => (
                    <Progress
                      key={r.divisionId ?? "all"}
                      label={r.divisionId ? ((locale === "en" ? r.divisionEn : r.divisionZh) ?? "") : t("channel.fields.allDivisions")}
                      netFen={r.netFen}
                      targetFen={r.targetFen}
                      bp={r.completionBp}
                    />
                  ))}
                </div>
              </Card>
            );
          })}
        </div>
      )}
    </div>
  );
}

import { useTranslation } from "@cs/i18n/react";
import { localName } from "@cs/i18n";
import { Link } from "react-router";
import { explainStatementText, formatYuan, getRebateStatement } from "@cs/domain";
import { Badge, buttonClass, Card, DetailTable, formatDate, formatDateTime, Money, PageHeader } from "@cs/ui";
import { domainCtx, serverT, guarded } from "@cs/web/server";
import type { Route } from "./+types/detail";

/** The basis line only states the figure the rate applies to: its amount is always 0, and "¥0.00" beside the basis read as if the basis earned nothing. */
const informational = (l: { kind: string; amountFen: bigint }) => l.kind === "basis" && l.amountFen === 0n;
const lineKinds = new Set(["basis", "no_target", "below_first_tier", "tier", "slice", "multiplier", "cap", "adjustment", "price_protection"]);

/** One own statement (another partner's id, or a draft: not found) with its calculation in plain words. */
export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const detail = await getRebateStatement(domainCtx(context, request), params.id);
  const t = serverT(context);
  return { ...detail, explanation: explainStatementText(detail, (k, v) => t(k, v), formatYuan) };
});

export default function MyRebateStatement({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { statement: s, lines, program, priceProtection, explanation } = loaderData;
  const locale = i18n.language;
  const source = program ? `${program.code} · ${localName(i18n.language === "zh-CN", program.name, program.nameEn)}` : (priceProtection?.number ?? "");
  const rate = (bp: number, kind: string) => (kind === "multiplier" ? `×${(bp / 10000).toFixed(4).replace(/\.?0+$/, "")}` : `${(bp / 100).toFixed(2).replace(/\.?0+$/, "")}%`);
  return (
    <>
      <PageHeader
        title={t("rebatePortal.detail.title", { number: s.number })}
        actions={
          <div className="flex gap-2">
            <a href={`/rebates/${s.id}/file?format=pdf`} className={buttonClass("secondary")} download>
              {t("rebatePortal.downloadPdf")}
            </a>
            <a href={`/rebates/${s.id}/file?format=xlsx`} className={buttonClass("secondary")} download>
              {t("rebatePortal.downloadXlsx")}
            </a>
          </div>
        }
      >
        <Link to="/rebates" className="text-sm text-blue-700 underline-offset-2 hover:underline">
          {t("rebatePortal.back")}
        </Link>
      </PageHeader>
      <div className="space-y-4">
        <Card>
          <dl className="grid gap-3 text-sm sm:grid-cols-3">
            <div><dt className="text-slate-500">{t("rebatePortal.columns.kind")}</dt><dd>{t(`rebatePortal.kinds.${s.kind}`)}</dd></div>
            <div><dt className="text-slate-500">{t("rebatePortal.detail.source")}</dt><dd>{source}</dd></div>
            <div><dt className="text-slate-500">{t("rebatePortal.detail.period")}</dt><dd>{formatDate(s.periodStart, locale)} – {formatDate(s.periodEnd, locale)}</dd></div>
            <div>
              <dt className="text-slate-500">{t("rebatePortal.detail.status")}</dt>
              <dd><Badge tone={s.status === "settled" ? "green" : "amber"}>{t(`rebatePortal.statuses.${s.status}`)}</Badge></dd>
            </div>
            <div><dt className="text-slate-500">{t("rebatePortal.detail.amount")}</dt><dd className="text-lg font-semibold tabular-nums"><Money fen={s.amountFen} locale={locale} /></dd></div>
            {s.settledAt ? <div><dt className="text-slate-500">{t("rebatePortal.detail.settled")}</dt><dd>{t("rebatePortal.detail.settledOn", { date: formatDateTime(s.settledAt, locale) })}</dd></div> : null}
          </dl>
        </Card>
        <Card title={t("rebatePortal.detail.explanation")}>
          <ol className="list-decimal space-y-1 pl-5 text-sm leading-relaxed">
            {explanation.map((sentence, i) => (
              <li key={i}>{sentence}</li>
            ))}
          </ol>
        </Card>
        <Card title={t("rebatePortal.detail.lines")}>
          <DetailTable
            caption={t("rebatePortal.detail.lines")}
            rows={lines}
            getRowId={(l) => String(l.lineNo)}
            totals={{ label: t("rebatePortal.detail.amount"), values: { amount: <Money fen={s.amountFen} locale={locale} /> } }}
            columns={[
              { id: "line", header: t("rebatePortal.columns.line"), cell: (l) => t(`rebatePortal.lineKinds.${lineKinds.has(l.kind) ? l.kind : "other"}`) },
              { id: "basis", header: t("rebatePortal.columns.basis"), align: "right", cell: (l) => (l.basisFen === null ? "" : <Money fen={l.basisFen} locale={locale} />) },
              { id: "rate", header: t("rebatePortal.columns.rate"), align: "right", cell: (l) => (l.rateBp === null ? "" : rate(l.rateBp, l.kind)) },
              { id: "amount", header: t("rebatePortal.columns.lineAmount"), align: "right", cell: (l) => (informational(l) ? "" : <Money fen={l.amountFen} locale={locale} />) },
            ]}
          />
        </Card>
      </div>
    </>
  );
}

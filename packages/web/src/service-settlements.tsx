import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import type { getSettlement, listSettlements } from "@cs/domain";
import { Card, Money, PageHeader, buttonClass, formatDateTime } from "@cs/ui";

/** Monthly settlement statements of station claims, the same pages for the desk and for a station admin. */
export type SettlementRow = Awaited<ReturnType<typeof listSettlements>>[number];
export type SettlementDetail = Awaited<ReturnType<typeof getSettlement>>;

const th = "whitespace-nowrap px-3 py-2 text-left font-semibold text-slate-700";

/** One monthly statement: the claims it pays the station, as approved or adjusted by the desk. */
export function SettlementView({ s }: { s: SettlementDetail }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("service.settlements.titleOne", { number: s.number })}
        actions={
          <Link to="/service/settlements" className={buttonClass("ghost")}>
            {t("common.back")}
          </Link>
        }
      />
      <Card>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-4">
          <dt className="text-slate-500">{t("service.fields.station")}</dt>
          <dd>{s.stationName}</dd>
          <dt className="text-slate-500">{t("service.settlements.period")}</dt>
          <dd>{s.period}</dd>
          <dt className="text-slate-500">{t("service.settlements.total")}</dt>
          <dd className="font-semibold"><Money fen={s.totalFen} locale={locale} /></dd>
          <dt className="text-slate-500">{t("service.settlements.issuedAt")}</dt>
          <dd>{formatDateTime(s.createdAt, locale)}</dd>
        </dl>
      </Card>
      <div className="relative overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">{t("service.settlements.claims")}</caption>
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className={th}>{t("service.claims.title")}</th>
              <th scope="col" className={th}>{t("service.fields.number")}</th>
              <th scope="col" className={th}>{t("service.fields.serial")}</th>
              <th scope="col" className={`${th} text-right`}>{t("service.settlements.claimed")}</th>
              <th scope="col" className={`${th} text-right`}>{t("service.settlements.approved")}</th>
              <th scope="col" className={th}>{t("service.claims.decisionComment")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {s.claims.map((c) => (
              <tr key={c.id}>
                <td className="px-3 py-2 font-mono text-xs">{c.number}</td>
                <td className="px-3 py-2">
                  <Link to={`/service/requests/${c.requestId}`} className="font-mono text-xs text-blue-800 hover:underline">{c.requestNumber}</Link>
                </td>
                <td className="px-3 py-2 font-mono text-xs">{c.serial}</td>
                <td className="px-3 py-2 text-right"><Money fen={c.claimedFen} locale={locale} /></td>
                <td className="px-3 py-2 text-right">{c.approvedFen !== null ? <Money fen={c.approvedFen} locale={locale} /> : "—"}</td>
                <td className="px-3 py-2">{c.decisionComment ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** Monthly settlement statements of approved station claims, newest month first. */
export function SettlementsView({ rows }: { rows: SettlementRow[] }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="space-y-4">
      <PageHeader title={t("service.settlements.title")}>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("service.settlements.intro")}</p>
      </PageHeader>
      <div className="relative overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">{t("service.settlements.title")}</caption>
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className={th}>{t("service.settlements.number")}</th>
              <th scope="col" className={th}>{t("service.settlements.period")}</th>
              <th scope="col" className={th}>{t("service.fields.station")}</th>
              <th scope="col" className={`${th} text-right`}>{t("service.settlements.claims")}</th>
              <th scope="col" className={`${th} text-right`}>{t("service.settlements.total")}</th>
              <th scope="col" className={th}>{t("service.settlements.issuedAt")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.length === 0 ? (
              <tr>
                <td colSpan={6} className="px-3 py-6 text-center text-slate-500">{t("service.settlements.none")}</td>
              </tr>
            ) : (
              rows.map((s) => (
                <tr key={s.id}>
                  <td className="px-3 py-2">
                    <Link to={`/service/settlements/${s.id}`} className="font-mono text-xs font-medium text-blue-800 hover:underline">{s.number}</Link>
                  </td>
                  <td className="px-3 py-2">{s.period}</td>
                  <td className="px-3 py-2">{s.stationName}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{s.claimCount}</td>
                  <td className="px-3 py-2 text-right"><Money fen={s.totalFen} locale={i18n.language} /></td>
                  <td className="px-3 py-2">{formatDateTime(s.createdAt, i18n.language)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}

import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import type { getSettlement, listSettlements } from "@cs/domain";
import { Card, DetailTable, Money, PageHeader, buttonClass, formatDateTime } from "@cs/ui";

/** Monthly settlement statements of station claims, the same pages for the desk and for a station admin. */
export type SettlementRow = Awaited<ReturnType<typeof listSettlements>>[number];
export type SettlementDetail = Awaited<ReturnType<typeof getSettlement>>;


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
      <DetailTable
        caption={t("service.settlements.claims")}
        className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200"
        rows={s.claims}
        getRowId={(c) => c.id}
        columns={[
          { id: "claim", header: t("service.claims.title"), cell: (c) => <span className="font-mono text-xs">{c.number}</span> },
          {
            id: "request",
            header: t("service.fields.number"),
            cell: (c) => (
              <Link to={`/service/requests/${c.requestId}`} className="font-mono text-xs text-blue-800 hover:underline">
                {c.requestNumber}
              </Link>
            ),
          },
          { id: "serial", header: t("service.fields.serial"), cell: (c) => <span className="font-mono text-xs">{c.serial}</span> },
          { id: "claimed", header: t("service.settlements.claimed"), align: "right", cell: (c) => <Money fen={c.claimedFen} locale={locale} /> },
          { id: "approved", header: t("service.settlements.approved"), align: "right", cell: (c) => (c.approvedFen !== null ? <Money fen={c.approvedFen} locale={locale} /> : "—") },
          { id: "comment", header: t("service.claims.decisionComment"), cell: (c) => c.decisionComment ?? "" },
        ]}
      />
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
      <DetailTable
        caption={t("service.settlements.title")}
        className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200"
        rows={rows}
        getRowId={(s) => s.id}
        empty={t("service.settlements.none")}
        columns={[
          {
            id: "number",
            header: t("service.settlements.number"),
            cell: (s) => (
              <Link to={`/service/settlements/${s.id}`} className="font-mono text-xs font-medium text-blue-800 hover:underline">
                {s.number}
              </Link>
            ),
          },
          { id: "period", header: t("service.settlements.period"), cell: (s) => s.period },
          { id: "station", header: t("service.fields.station"), cell: (s) => s.stationName },
          { id: "claims", header: t("service.settlements.claims"), align: "right", cell: (s) => s.claimCount },
          { id: "total", header: t("service.settlements.total"), align: "right", cell: (s) => <Money fen={s.totalFen} locale={i18n.language} /> },
          { id: "issuedAt", header: t("service.settlements.issuedAt"), cell: (s) => formatDateTime(s.createdAt, i18n.language) },
        ]}
      />
    </div>
  );
}

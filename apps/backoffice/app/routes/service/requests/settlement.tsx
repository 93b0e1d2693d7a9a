import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { getSettlement } from "@cs/domain";
import { Card, Money, PageHeader, buttonClass, formatDateTime } from "@cs/ui";
import { domainCtx, loaderError } from "@cs/web/server";
import type { Route } from "./+types/settlement";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  try {
    return { s: await getSettlement(domainCtx(context, request), params.id) };
  } catch (error) {
    loaderError(error);
  }
}

const th = "whitespace-nowrap px-3 py-2 text-left font-semibold text-slate-700";

/** One monthly statement: the claims it pays the station, as approved or adjusted by the desk. */
export default function Settlement({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { s } = loaderData;
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
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
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

import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { listSettlements } from "@cs/domain";
import { Money, PageHeader, formatDateTime } from "@cs/ui";
import { domainCtx, loaderError } from "@cs/web/server";
import type { Route } from "./+types/settlements";

export async function loader({ context, request }: Route.LoaderArgs) {
  try {
    return { rows: await listSettlements(domainCtx(context, request)) };
  } catch (error) {
    loaderError(error);
  }
}

const th = "whitespace-nowrap px-3 py-2 text-left font-semibold text-slate-700";

/** Monthly settlement statements of approved station claims, newest month first. */
export default function Settlements({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { rows } = loaderData;
  return (
    <div className="space-y-4">
      <PageHeader title={t("service.settlements.title")}>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("service.settlements.intro")}</p>
      </PageHeader>
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
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

import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link, useRevalidator } from "react-router";
import { stationQueue } from "@cs/domain";
import { Alert, Badge, PageHeader, buttonClass, cn } from "@cs/ui";
import { domainCtx, loaderError } from "@cs/web/server";
import { RepairStatusBadge, SlaClock, WarrantyBadge } from "@cs/web";
import type { Route } from "./+types/queue";

export async function loader({ context, request }: Route.LoaderArgs) {
  try {
    const ctx = domainCtx(context, request);
    return { rows: await stationQueue(ctx), now: Date.now(), done: new URL(request.url).searchParams.get("done"), mayClaim: ctx.actor.permissions.has("station_service:admin") };
  } catch (error) {
    loaderError(error);
  }
}

/** Refresh interval of the live queue: the loader reruns while the tab is visible. */
const POLL_MS = 10_000;

/** The station's live queue: its open requests by running SLA deadline, overdue first and in red, refreshed every 10 s. */
export default function StationQueue({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const revalidator = useRevalidator();
  const { rows, now, done, mayClaim } = loaderData;
  const zh = i18n.language === "zh-CN";
  useEffect(() => {
    const id = setInterval(() => {
      if (document.visibilityState === "visible" && revalidator.state === "idle") void revalidator.revalidate();
    }, POLL_MS);
    return () => clearInterval(id);
  }, [revalidator]);
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("service.queue.title")}
        actions={
          <div className="flex gap-2">
            {mayClaim ? (
              <Link to="/service/settlements" className={buttonClass("secondary")}>
                {t("service.settlements.nav")}
              </Link>
            ) : null}
            <Link to="/service/requests" className={buttonClass("secondary")}>
              {t("service.queue.all")}
            </Link>
          </div>
        }
      >
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("service.queue.intro")}</p>
      </PageHeader>
      {done === "declined" ? <Alert tone="success">{t("service.done.declined")}</Alert> : null}
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">{t("service.queue.title")}</caption>
          <thead className="bg-slate-50">
            <tr>
              {["number", "status", "device", "warranty", "city", "sla"].map((c) => (
                <th key={c} scope="col" className="whitespace-nowrap px-3 py-2 text-left font-semibold text-slate-700">
                  {t(`service.queue.columns.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.length === 0 ? (
              <tr>
                <td colSpan={6} className="px-3 py-6 text-center text-slate-500">
                  {t("service.queue.empty")}
                </td>
              </tr>
            ) : (
              rows.map((r) => {
                const overdue = r.slaDueAt !== null && new Date(r.slaDueAt).getTime() < now;
                return (
                  <tr key={r.id} className={cn(overdue && "bg-red-50")} data-overdue={overdue ? "true" : undefined}>
                    <td className="px-3 py-2">
                      <Link to={`/service/requests/${r.id}`} className="font-mono text-xs font-medium text-blue-800 hover:underline">
                        {r.number}
                      </Link>
                      {r.escalated ? (
                        <span className="ml-2">
                          <Badge tone="red">{t("service.escalated")}</Badge>
                        </span>
                      ) : null}
                    </td>
                    <td className="px-3 py-2">
                      <RepairStatusBadge status={r.status} t={t} />
                      {r.quoteStatus === "pending" ? <span className="ml-2 text-xs text-amber-700">{t("service.quote.waiting")}</span> : null}
                    </td>
                    <td className="px-3 py-2">
                      <div>{zh ? r.productNameZh : r.productNameEn}</div>
                      <div className="font-mono text-xs text-slate-500">{r.serial}</div>
                    </td>
                    <td className="px-3 py-2">
                      <WarrantyBadge status={r.warrantyStatus} t={t} />
                    </td>
                    <td className="px-3 py-2">
                      {r.city} · {t(`service.modes.${r.serviceMode}`)}
                    </td>
                    <td className="px-3 py-2">
                      <SlaClock due={r.slaDueAt} now={now} t={t} locale={i18n.language} />
                    </td>
                  </tr>
                );
              })
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}

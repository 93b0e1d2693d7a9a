import { useEffect, useState } from "react";
import { useTranslation } from "@cs/i18n/react";
import { Link, useRevalidator } from "react-router";
import { stationQueue, stationQueueVersion } from "@cs/domain";
import { Alert, Badge, PageHeader, StackedCell, buttonClass, cn, stackedHeaderClass, stackedTable } from "@cs/ui";
import { domainCtx, guarded } from "@cs/web/server";
import { RepairStatusBadge, SlaClock, WarrantyBadge } from "@cs/web";
import type { Route } from "./+types/queue";
import { localName } from "@cs/i18n";

const queueColumns = ["number", "status", "device", "warranty", "city", "sla"] as const;

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  // the version first: a change landing between the two reads makes the next poll reload once more, never miss it
  const version = await stationQueueVersion(ctx);
  return { rows: await stationQueue(ctx), version, now: Date.now(), done: new URL(request.url).searchParams.get("done"), mayClaim: ctx.actor.permissions.has("station_service:admin") };
});

/** Poll interval of the live queue while the tab is visible. */
const POLL_MS = 10_000;

/**
 * Polls the queue's version with the one shown: 304 keeps the list (only the overdue marks move on
 * with the clock), anything else reloads it through the loaders.
 */
function useLiveQueue(version: string, loadedAt: number) {
  const revalidator = useRevalidator();
  const [checkedAt, setCheckedAt] = useState(0);
  useEffect(() => {
    const id = setInterval(async () => {
      if (document.visibilityState !== "visible" || revalidator.state !== "idle") return;
      try {
        const res = await fetch("/service/queue/version", { headers: { "If-None-Match": `"${version}"` }, cache: "no-cache" });
        if (res.status === 304) return setCheckedAt(Date.now());
      } catch {
        // offline for a moment: the full reload below says so the usual way
      }
      void revalidator.revalidate();
    }, POLL_MS);
    return () => clearInterval(id);
  }, [revalidator, version]);
  return Math.max(loadedAt, checkedAt);
}

/** The station's live queue: its open requests by running SLA deadline, overdue first and in red, checked every 10 s. */
export default function StationQueue({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { rows, version, done, mayClaim } = loaderData;
  const now = useLiveQueue(version, loaderData.now);
  const zh = i18n.language === "zh-CN";
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
      <div className={cn(stackedTable.scroller, "rounded-lg bg-white shadow-sm ring-1 ring-slate-200")}>
        <table className={stackedTable.table}>
          <caption className="sr-only">{t("service.queue.title")}</caption>
          <thead className={stackedTable.headPlain}>
            <tr className={stackedTable.headRow}>
              {queueColumns.map((c) => (
                <th key={c} scope="col" className={stackedHeaderClass("left", false)}>
                  {t(`service.queue.columns.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className={stackedTable.body}>
            {rows.length === 0 ? (
              <tr className={stackedTable.row}>
                <StackedCell colSpan={6} className="px-3 py-6 text-center text-slate-500">
                  {t("service.queue.empty")}
                </StackedCell>
              </tr>
            ) : (
              rows.map((r) => {
                const overdue = r.slaDueAt !== null && new Date(r.slaDueAt).getTime() < now;
                return (
                  <tr key={r.id} className={cn(stackedTable.row, overdue && "bg-red-50")} data-overdue={overdue ? "true" : undefined}>
                    <StackedCell title>
                      <Link to={`/service/requests/${r.id}`} className="font-mono text-xs font-medium text-blue-800 hover:underline">
                        {r.number}
                      </Link>
                      {r.escalated ? (
                        <span className="ml-2">
                          <Badge tone="red">{t("service.escalated")}</Badge>
                        </span>
                      ) : null}
                    </StackedCell>
                    <StackedCell label={t("service.queue.columns.status")}>
                      <RepairStatusBadge status={r.status} t={t} />
                      {r.quoteStatus === "pending" ? <span className="ml-2 text-xs text-amber-700">{t("service.quote.waiting")}</span> : null}
                    </StackedCell>
                    <StackedCell label={t("service.queue.columns.device")}>
                      <div>{localName(zh, r.productNameZh, r.productNameEn)}</div>
                      <div className="font-mono text-xs text-slate-600">{r.serial}</div>
                    </StackedCell>
                    <StackedCell label={t("service.queue.columns.warranty")}>
                      <WarrantyBadge status={r.warrantyStatus} t={t} />
                    </StackedCell>
                    <StackedCell label={t("service.queue.columns.city")}>
                      {r.city} · {t(`service.modes.${r.serviceMode}`)}
                    </StackedCell>
                    <StackedCell label={t("service.queue.columns.sla")}>
                      <SlaClock due={r.slaDueAt} now={now} t={t} locale={i18n.language} />
                    </StackedCell>
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

import type { TFunction } from "i18next";
import { Link } from "react-router";
import type { serialHistory } from "@cs/domain";
import { Badge, Card, formatDateTime, formatMoney } from "@cs/ui";
import { localName } from "@cs/i18n";

type History = Pick<NonNullable<Awaited<ReturnType<typeof serialHistory>>>, "requests" | "parts" | "events">;

/** Every request with its parts and its timeline (status changes, comments, contacts), newest request first. */
export function RequestHistory({ history, t, locale }: { history: History; t: TFunction; locale: string }) {
  const zh = locale === "zh-CN";
  if (history.requests.length === 0) return <p className="text-sm text-slate-600">{t("network.history.noRequests")}</p>;
  return (
    <ol className="space-y-4">
      {history.requests.map((r) => {
        const parts = history.parts.filter((p) => p.requestId === r.id);
        const events = history.events.filter((e) => e.requestId === r.id);
        return (
          <li key={r.id}>
            <Card
              title={
                <span>
                  <span className="font-mono text-sm">{r.number}</span> · {r.serial} · {r.productSku} {localName(zh, r.productZh, r.productEn)}
                </span>
              }
              actions={<Badge tone={r.status === "closed" || r.status === "returned" ? "green" : r.status === "cancelled" ? "slate" : "amber"}>{t(`network.history.status.${r.status}`)}</Badge>}
            >
              <dl className="grid gap-2 text-sm sm:grid-cols-4">
                <div>
                  <dt className="text-xs text-slate-500">{t("network.history.customer")}</dt>
                  <dd>
                    <Link to={`/service/history/customers/${r.customerId}`} className="text-blue-800 hover:underline">
                      {r.customerName}
                    </Link>
                  </dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-500">{t("network.history.station")}</dt>
                  <dd>{r.stationName ?? "—"}</dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-500">{t("network.history.filed")}</dt>
                  <dd>{formatDateTime(r.createdAt, locale)}</dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-500">{t("network.history.rating")}</dt>
                  <dd>{r.rating ? "★".repeat(r.rating) : "—"}</dd>
                </div>
                <div className="sm:col-span-2">
                  <dt className="text-xs text-slate-500">{t("network.history.symptoms")}</dt>
                  <dd className="whitespace-pre-wrap">{r.symptoms}</dd>
                </div>
                <div className="sm:col-span-2">
                  <dt className="text-xs text-slate-500">{t("network.history.resolution")}</dt>
                  <dd className="whitespace-pre-wrap">{[r.diagnosis, r.resolution].filter(Boolean).join(" → ") || "—"}</dd>
                </div>
              </dl>
              {parts.length ? (
                <div className="mt-3">
                  <h4 className="text-xs font-medium text-slate-500">{t("network.history.parts")}</h4>
                  <ul className="text-sm">
                    {parts.map((p) => (
                      <li key={p.id}>
                        {p.sku} {localName(zh, p.nameZh, p.nameEn)} × {p.quantity} · {formatMoney(p.unitCostFen, locale)}
                        {p.faultySerial ? ` · ${t("network.history.faulty")} ${p.faultySerial}` : ""}
                        {p.replacementSerial ? ` · ${t("network.history.replacement")} ${p.replacementSerial}` : ""}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
              {events.length ? (
                <div className="mt-3">
                  <h4 className="text-xs font-medium text-slate-500">{t("network.history.timeline")}</h4>
                  <ol className="border-l border-slate-200 pl-3 text-sm">
                    {events.map((e) => (
                      <li key={String(e.id)} className="py-0.5">
                        <span className="text-xs text-slate-500">{formatDateTime(e.createdAt, locale)}</span> · {e.actorName ?? "—"} · {e.toStatus ? t(`network.history.status.${e.toStatus}`) : e.action}
                        {e.comment ? ` — ${e.comment}` : ""}
                      </li>
                    ))}
                  </ol>
                </div>
              ) : null}
            </Card>
          </li>
        );
      })}
    </ol>
  );
}

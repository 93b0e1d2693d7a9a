import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { customerHistory } from "@cs/domain";
import { Card, PageHeader, buttonClass } from "@cs/ui";
import { domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/customer";
import { RequestHistory } from "./timeline";
import { localName } from "@cs/i18n";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  return await customerHistory(ctx, params.id);
});

/** One end customer's service record: contact, devices, every request with parts and timeline. */
export default function CustomerHistory({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { customer, devices } = loaderData;
  const zh = i18n.language === "zh-CN";
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("network.history.customerTitle", { name: customer.name })}
        actions={
          <Link to="/service/history" className={buttonClass("ghost")}>
            {t("common.back")}
          </Link>
        }
      />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title={t("network.history.contact")}>
          <p className="text-sm">{[customer.mobile, customer.email, customer.city].filter(Boolean).join(" · ") || "—"}</p>
        </Card>
        <Card title={t("network.history.devices")}>
          {devices.length ? (
            <ul className="text-sm">
              {devices.map((d) => (
                <li key={d.id}>
                  <Link to={`/service/history?serial=${encodeURIComponent(d.serial)}`} className="font-mono text-xs text-blue-800 hover:underline">
                    {d.serial}
                  </Link>{" "}
                  {d.sku} {localName(zh, d.productZh, d.productEn)} · {d.purchasedOn ?? "—"} · {t(`network.history.deviceStatus.${d.status}`)}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600">—</p>
          )}
        </Card>
      </div>
      <h2 className="text-base font-semibold">{t("network.history.requests")}</h2>
      <RequestHistory history={loaderData} t={t} locale={i18n.language} />
    </div>
  );
}

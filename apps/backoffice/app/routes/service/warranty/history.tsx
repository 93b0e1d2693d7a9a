import { useTranslation } from "@cs/i18n/react";
import { Form } from "react-router";
import { serialHistory } from "@cs/domain";
import { Button, Card, PageHeader, TextField } from "@cs/ui";
import { domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/history";
import { RequestHistory } from "./timeline";
import { localName } from "@cs/i18n";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const serial = new URL(request.url).searchParams.get("serial") ?? "";
  return { serial, history: serial ? await serialHistory(ctx, serial) : null };
});

/** Service history of one serial: every request, part swap and contact, its contracts and registrations. */
export default function SerialHistory({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { serial, history } = loaderData;
  const zh = i18n.language === "zh-CN";
  const empty = history && history.requests.length === 0 && history.contracts.length === 0 && history.registrations.length === 0;
  return (
    <div className="space-y-4">
      <PageHeader title={history ? t("network.history.serialTitle", { serial: history.serial }) : t("network.history.title")}>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("network.history.intro")}</p>
      </PageHeader>
      <Form method="get" role="search" className="flex items-end gap-2 rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200">
        <TextField label={t("network.history.serial")} name="serial" defaultValue={serial} required maxLength={64} />
        <Button>{t("network.history.lookup")}</Button>
      </Form>
      {empty ? <p className="text-sm text-slate-600">{t("network.history.notFound")}</p> : null}
      {history && !empty ? (
        <>
          <div className="grid gap-4 lg:grid-cols-2">
            <Card title={t("network.history.contracts")}>
              {history.contracts.length ? (
                <ul className="text-sm">
                  {history.contracts.map((c) => (
                    <li key={c.id}>
                      {t(`network.warranty.kinds.${c.kind}`)} · {c.startsOn} – {c.endsOn} · {t(`network.warranty.sources.${c.source}`)} · {c.sku} {localName(zh, c.productZh, c.productEn)}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-slate-600">—</p>
              )}
            </Card>
            <Card title={t("network.history.registrations")}>
              {history.registrations.length ? (
                <ul className="text-sm">
                  {history.registrations.map((d) => (
                    <li key={d.id}>
                      {d.customerName} · {d.purchasedOn ?? "—"} · {t(`network.history.deviceStatus.${d.status}`)}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-slate-600">—</p>
              )}
            </Card>
          </div>
          <h2 className="text-base font-semibold">{t("network.history.requests")}</h2>
          <RequestHistory history={history} t={t} locale={i18n.language} />
        </>
      ) : null}
    </div>
  );
}

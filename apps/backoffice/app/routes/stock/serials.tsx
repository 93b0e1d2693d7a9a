import { useTranslation } from "@cs/i18n/react";
import { Form } from "react-router";
import { findSerials } from "@cs/domain";
import { Badge, Button, Card, PageHeader, TextField, formatDate, formatDateTime } from "@cs/ui";
import { domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/serials";
import { localName } from "@cs/i18n";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const q = new URL(request.url).searchParams.get("q") ?? "";
  return { q, serials: q ? await findSerials(ctx, q) : null };
});

export default function Serials({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language === "zh-CN";
  const { q, serials } = loaderData;
  return (
    <>
      <PageHeader title={t("stock.serials.title")}>
        <p className="mt-1 text-sm text-slate-600">{t("stock.serials.intro")}</p>
      </PageHeader>
      <Form method="get" role="search" className="mb-4 flex items-end gap-2">
        <TextField label={t("stock.serials.search")} name="q" defaultValue={q} minLength={3} maxLength={64} required />
        <Button>{t("common.search")}</Button>
      </Form>
      {serials && serials.length === 0 ? <p className="text-slate-600">{t("stock.serials.none")}</p> : null}
      <div className="space-y-4">
        {serials?.map((s) => (
          <Card key={s.id} title={<span className="font-mono">{s.serial}</span>} actions={<Badge tone={s.status === "in_stock" ? "green" : "slate"}>{t(`stock.serials.statuses.${s.status}`)}</Badge>}>
            <dl className="grid gap-3 text-sm sm:grid-cols-3">
              <div>
                <dt className="text-slate-500">{t("stock.serials.product")}</dt>
                <dd>
                  <span className="font-mono text-xs">{s.sku}</span> {localName(zh, s.nameZh, s.nameEn)}
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">{t("stock.serials.location")}</dt>
                <dd>{s.locationCode ? `${s.locationCode} ${localName(zh, s.locationZh, s.locationEn)}` : "—"}</dd>
              </div>
              <div>
                <dt className="text-slate-500">{t("stock.serials.owner")}</dt>
                <dd>{s.owner ?? t("stock.serials.ourStock")}</dd>
              </div>
              <div>
                <dt className="text-slate-500">{t("stock.serials.received")}</dt>
                <dd>{formatDate(s.receivedAt, i18n.language)}</dd>
              </div>
              <div>
                <dt className="text-slate-500">{t("stock.serials.sold")}</dt>
                <dd>{s.soldReference ? `${s.soldReference}${s.soldAt ? ` · ${formatDate(s.soldAt, i18n.language)}` : ""}` : "—"}</dd>
              </div>
            </dl>
            <h3 className="mt-4 text-sm font-semibold">{t("stock.serials.history")}</h3>
            <ol className="mt-1 space-y-1 text-sm">
              {s.moves.map((m, i) => (
                <li key={i}>
                  <time className="text-slate-500">{formatDateTime(m.at, i18n.language)}</time> · {t(`stock.reasons.${m.reason}`)} · {m.fromCode} → {m.toCode} ·{" "}
                  <span className="font-mono text-xs">{m.reference}</span>
                </li>
              ))}
            </ol>
          </Card>
        ))}
      </div>
    </>
  );
}

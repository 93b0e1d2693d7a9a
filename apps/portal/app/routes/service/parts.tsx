import { useTranslation } from "@cs/i18n/react";
import { Form, Link, useNavigation } from "react-router";
import { can, listStationParts, setPartMinimum } from "@cs/domain";
import { localName } from "@cs/i18n";
import { Alert, Badge, Button, Card, PageHeader, StackedCell, TextField, buttonClass, formatNumber, stackedHeaderClass, stackedTable } from "@cs/ui";
import { CsrfInput, FormAlert, useFieldErrors, type ActionResult } from "@cs/web";
import { actionError, domainCtx, guarded } from "@cs/web/server";
import { hasKey } from "@cs/domain/shared/keys";
import type { Route } from "./+types/parts";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const lowOnly = new URL(request.url).searchParams.get("low") === "1";
  return { parts: await listStationParts(ctx, { lowOnly }), lowOnly, mayEdit: can(ctx.actor, "station_service:admin") };
});

type Saved = { status: "saved"; sku: string; minimum: number | null };

export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  const form = await request.formData();
  try {
    const saved = await setPartMinimum(ctx, { sku: form.get("sku"), minimum: form.get("minimum") });
    return { status: "saved", ...saved } satisfies Saved;
  } catch (error) {
    return actionError(error, form);
  }
});

function MinimumForm({ sku, minimum }: { sku: string; minimum: number | null }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("sku") === sku;
  const id = `minimum-${sku}`;
  return (
    <Form method="post" className="inline-flex items-center justify-end gap-1">
      <CsrfInput />
      <input type="hidden" name="sku" value={sku} />
      <label htmlFor={id} className="sr-only">
        {t("stationParts.minimumOf", { sku })}
      </label>
      <input id={id} name="minimum" inputMode="numeric" defaultValue={minimum ?? ""} size={4} className="w-16 rounded-md border border-slate-300 px-2 py-1 text-right text-sm tabular-nums" />
      <Button disabled={busy} className="px-2 py-1 text-xs" variant="secondary">
        {t("stationParts.save")}
      </Button>
    </Form>
  );
}

/** A repair station's spare parts against its minimums; the station admin keeps the minimums here. */
export default function StationParts({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language === "zh-CN";
  const { parts, lowOnly, mayEdit } = loaderData;
  const saved = actionData && hasKey(actionData, "status") && actionData.status === "saved" ? (actionData as Saved) : null;
  const result = (saved ? null : (actionData ?? null)) as ActionResult;
  const errors = useFieldErrors(result);
  const n = (v: number) => formatNumber(v, i18n.language);
  const heads = ["sku", "part", "onHand", "free", "minimum", "state"] as const;
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("stationParts.title")}
        actions={
          <Link to={lowOnly ? "/service/parts" : "/service/parts?low=1"} className={buttonClass("secondary")}>
            {lowOnly ? t("stationParts.all") : t("stationParts.lowOnly")}
          </Link>
        }
      >
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("stationParts.intro")}</p>
      </PageHeader>
      <FormAlert result={result} />
      {saved ? <Alert tone="success">{t(saved.minimum === null ? "stationParts.removed" : "stationParts.saved", { sku: saved.sku })}</Alert> : null}
      <Card>
        {parts.length === 0 ? (
          <p className="text-sm text-slate-600">{lowOnly ? t("stationParts.emptyLow") : t("stationParts.empty")}</p>
        ) : (
          <div className={stackedTable.scroller}>
            <table className={stackedTable.table}>
              <caption className="sr-only">{t("stationParts.title")}</caption>
              <thead className={stackedTable.headPlain}>
                <tr className={stackedTable.headRow}>
                  {heads.map((h) => (
                    <th key={h} scope="col" className={stackedHeaderClass(["onHand", "free", "minimum"].includes(h) ? "right" : undefined, false)}>
                      {t(`stationParts.columns.${h}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className={stackedTable.body}>
                {parts.map((p) => (
                  <tr key={p.productId} className={stackedTable.row}>
                    <StackedCell title>
                      <span className="font-mono text-xs">{p.sku}</span>
                    </StackedCell>
                    <StackedCell label={t("stationParts.columns.part")}>{localName(zh, p.nameZh, p.nameEn)}</StackedCell>
                    <StackedCell label={t("stationParts.columns.onHand")} align="right">
                      {n(p.onHand)}
                    </StackedCell>
                    <StackedCell label={t("stationParts.columns.free")} align="right">
                      {n(p.free)}
                    </StackedCell>
                    <StackedCell label={t("stationParts.columns.minimum")} align="right">
                      {mayEdit ? <MinimumForm sku={p.sku} minimum={p.minimum} /> : p.minimum === null ? t("stationParts.noMinimum") : n(p.minimum)}
                    </StackedCell>
                    <StackedCell label={t("stationParts.columns.state")}>
                      {p.minimum === null ? <span className="text-slate-500">{t("stationParts.noMinimum")}</span> : p.low ? <Badge tone="red">{t("stationParts.low")}</Badge> : <Badge tone="green">{t("stationParts.ok")}</Badge>}
                    </StackedCell>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {mayEdit ? (
        <Card title={t("stationParts.addTitle")}>
          <Form method="post" className="grid items-end gap-3 sm:grid-cols-[1fr_10rem_auto]">
            <CsrfInput />
            <TextField label={t("stationParts.fields.sku")} name="sku" required errors={errors("sku")} />
            <TextField label={t("stationParts.fields.minimum")} name="minimum" inputMode="numeric" errors={errors("minimum")} />
            <Button>{t("stationParts.save")}</Button>
          </Form>
          <p className="mt-2 text-xs text-slate-500">{t("stationParts.addHint")}</p>
        </Card>
      ) : null}
    </div>
  );
}

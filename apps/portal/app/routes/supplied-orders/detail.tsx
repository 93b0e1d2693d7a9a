import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { Form, Link, redirect, useNavigation, useSearchParams } from "react-router";
import { confirmSuppliedOrder, getSuppliedOrder, shipOrder, ValidationError } from "@cs/domain";
import { Alert, Badge, Button, Card, PageHeader, SelectField, TextField, buttonClass, formatMoney, formatNumber, DetailTable } from "@cs/ui";
import { FormAlert, useFieldErrors, type ActionResult, FormKeys } from "@cs/web";
import { actionError, domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/detail";
import { localName } from "@cs/i18n";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  return { detail: await getSuppliedOrder(domainCtx(context, request), params.id), formKey: randomUUID() };
});

export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  const form = await request.formData();
  try {
    switch (form.get("intent")) {
      case "confirm": {
        const r = await confirmSuppliedOrder(ctx, { orderId: params.id, version: form.get("version"), _key: form.get("_key") });
        return redirect(`/supplied-orders/${params.id}?done=confirmed&reserved=${r.reserved}&backordered=${r.backordered}&cancelled=${r.cancelled}`);
      }
      case "ship": {
        const lines: { orderLineId: string; quantity: string; serials: string }[] = [];
        for (const id of form.getAll("lineId")) {
          if (typeof id !== "string") continue;
          const quantity = String(form.get(`quantity.${id}`) ?? "").trim();
          if (quantity && quantity !== "0") lines.push({ orderLineId: id, quantity, serials: String(form.get(`serials.${id}`) ?? "") });
        }
        await shipOrder(ctx, {
          orderId: params.id,
          fromLocationId: form.get("fromLocationId"),
          carrier: form.get("carrier"),
          trackingNumber: form.get("trackingNumber"),
          lines,
          _key: form.get("_key"),
        });
        return redirect(`/supplied-orders/${params.id}?done=shipped`);
      }
      default:
        return actionError(new ValidationError({ form: ["errors.validation"] }), form);
    }
  } catch (error) {
    return actionError(error, form);
  }
});

export default function SuppliedOrder({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const { detail, formKey } = loaderData;
  const o = detail.order;
  const result = (actionData ?? undefined) as ActionResult;
  const errors = useFieldErrors(result);
  const intent = result?.initialValue?.intent;
  const locale = i18n.language;
  const zh = locale === "zh-CN";
  const f = (k: string) => t(`desk.fields.${k}`);
  const n = (v: number) => (v ? formatNumber(v, locale) : "—");
  const open = o.status === "confirmed" || o.status === "partially_shipped";
  const backordered = detail.lines.some((l) => l.quantityBackordered > 0);
  const reserved = detail.lines.filter((l) => l.quantityReserved > 0);
  const done = params.get("done");
  return (
    <div className="space-y-4">
      <PageHeader
        title={o.number}
        actions={
          <Link to="/supplied-orders" className={buttonClass("ghost")}>
            {t("common.back")}
          </Link>
        }
      >
        <div className="mt-1 flex items-center gap-2">
          <Badge tone="blue">{t(`desk.statuses.${o.status}`)}</Badge>
          <span className="text-sm text-slate-600">
            {detail.buyer.code} {detail.buyer.name} · {formatMoney(o.totalFen, locale)}
          </span>
        </div>
      </PageHeader>
      {done === "confirmed" && !actionData ? (
        <Alert tone="success">
          {t("supply.portal.done.confirmed", { reserved: params.get("reserved") ?? 0, backordered: params.get("backordered") ?? 0, cancelled: params.get("cancelled") ?? 0 })}
        </Alert>
      ) : null}
      {done === "shipped" && !actionData ? <Alert tone="success">{t("supply.portal.done.shipped")}</Alert> : null}
      {detail.locations.length === 0 ? <Alert tone="info">{t("supply.portal.noLocation")}</Alert> : null}
      <Card title={t("desk.panels.lines")}>
        <DetailTable
          caption={t("desk.panels.lines")}
          rows={detail.lines}
          getRowId={(l) => l.id}
          columns={[
            { id: "sku", header: f("sku"), cell: (l) => <span className="font-mono text-xs">{l.sku}</span> },
            { id: "product", header: f("product"), phoneTitle: true, cell: (l) => localName(zh, l.nameZh, l.nameEn) },
            { id: "quantity", header: f("quantity"), align: "right", cell: (l) => formatNumber(l.quantity, locale) },
            { id: "free", header: t("supply.portal.free"), align: "right", cell: (l) => n(detail.freeByProduct[l.productId] ?? 0) },
            { id: "backordered", header: f("backordered"), align: "right", cell: (l) => n(l.quantityBackordered) },
            { id: "reserved", header: f("reserved"), align: "right", cell: (l) => n(l.quantityReserved) },
            { id: "shipped", header: f("shipped"), align: "right", cell: (l) => n(l.quantityShipped) },
          ]}
        />
      </Card>
      {open && backordered && detail.locations.length > 0 ? (
        <Card title={t("supply.portal.confirm")}>
          <Form method="post" className="space-y-3">
            <FormKeys formKey={formKey} />
            <input type="hidden" name="version" value={o.version} />
            <FormAlert result={intent === "confirm" ? result : undefined} />
            <p className="text-sm text-slate-600">{t("supply.portal.confirmHint")}</p>
            <Button name="intent" value="confirm" disabled={busy}>
              {t("supply.portal.confirm")}
            </Button>
          </Form>
        </Card>
      ) : null}
      {open && reserved.length > 0 ? (
        <Card title={t("supply.portal.ship")}>
          <Form method="post" className="space-y-3">
            <FormKeys formKey={formKey} />
            <FormAlert result={intent === "ship" ? result : undefined} />
            <p className="text-sm text-slate-600">{t("supply.portal.shipHint")}</p>
            {reserved.map((l) => (
              <fieldset key={l.id} className="grid items-end gap-2 sm:grid-cols-[1fr_8rem_1fr]">
                <legend className="sr-only">{l.sku}</legend>
                <input type="hidden" name="lineId" value={l.id} />
                <p className="text-sm">
                  <span className="font-mono text-xs">{l.sku}</span> {localName(zh, l.nameZh, l.nameEn)}
                </p>
                <TextField label={`${f("quantity")} ${l.sku}`} name={`quantity.${l.id}`} inputMode="numeric" defaultValue={String(l.quantityReserved)} />
                <TextField label={`${t("supply.portal.serials")} ${l.sku}`} name={`serials.${l.id}`} />
              </fieldset>
            ))}
            <div className="grid gap-3 sm:grid-cols-3">
              <SelectField
                label={t("supply.portal.fromLocation")}
                name="fromLocationId"
                defaultValue={detail.locations[0]?.id}
                options={detail.locations.map((l) => ({ value: l.id, label: localName(zh, l.nameZh, l.nameEn) }))}
                errors={errors("fromLocationId")}
              />
              <TextField label={t("supply.portal.carrier")} name="carrier" required maxLength={100} errors={errors("carrier")} />
              <TextField label={t("supply.portal.tracking")} name="trackingNumber" required maxLength={100} errors={errors("trackingNumber")} />
            </div>
            <Button name="intent" value="ship" disabled={busy}>
              {t("supply.portal.ship")}
            </Button>
          </Form>
        </Card>
      ) : null}
    </div>
  );
}

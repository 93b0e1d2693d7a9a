import { randomUUID } from "node:crypto";
import { useState } from "react";
import { useTranslation } from "@cs/i18n/react";
import { Form, redirect, useNavigation } from "react-router";
import { shipOrder, shipmentForm } from "@cs/domain";
import { Alert, Button, Card, PageHeader, SelectField, TextAreaField, TextField, formatNumber } from "@cs/ui";
import { FormAlert, useFieldErrors, type ActionResult, FormKeys } from "@cs/web";
import { actionError, domainCtx, readNestedForm, guarded } from "@cs/web/server";
import type { Route } from "./+types/new";
import { localName } from "@cs/i18n";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  return { ...(await shipmentForm(ctx, params.orderId)), formKey: randomUUID() };
});

export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  const form = await request.formData();
  try {
    const done = await shipOrder(ctx, { ...readNestedForm(form), orderId: params.orderId });
    return redirect(`/shipping/shipments/${done.shipmentId}?done=shipped`);
  } catch (error) {
    return actionError(error, form);
  }
});

export default function NewShipment({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const result = actionData as ActionResult;
  const errors = useFieldErrors(result);
  const navigation = useNavigation();
  const { order, buyer, creditHold, lines, locations, reservedAt, serials, formKey } = loaderData;
  const [locationId, setLocationId] = useState(locations[0]?.id ?? "");
  const zh = i18n.language === "zh-CN";
  const held = reservedAt[locationId] ?? {};
  return (
    <>
      <PageHeader title={t("billing.shipping.newTitle", { number: order.number })}>
        <p className="text-sm text-slate-600">{buyer}</p>
      </PageHeader>
      {creditHold ? <Alert>{t("billing.validation.creditHold")}</Alert> : null}
      {locations.length === 0 ? <Alert tone="info">{t("billing.shipping.nothingReserved")}</Alert> : null}
      <Form method="post" className="space-y-4">
        <FormKeys formKey={formKey} />
        <FormAlert result={result} />
        <Card>
          <div className="grid gap-3 sm:grid-cols-3">
            <SelectField
              label={t("billing.fields.fromLocation")}
              name="fromLocationId"
              value={locationId}
              onChange={(e) => setLocationId(e.target.value)}
              options={locations.map((l) => ({ value: l.id, label: `${l.code} ${localName(zh, l.nameZh, l.nameEn)}` }))}
              errors={errors("fromLocationId")}
            />
            <TextField label={t("billing.fields.carrier")} name="carrier" required errors={errors("carrier")} />
            <TextField label={t("billing.fields.trackingNumber")} name="trackingNumber" required errors={errors("trackingNumber")} />
          </div>
        </Card>
        <Card title={t("billing.shipping.lines")}>
          {errors("lines") ? <Alert>{errors("lines")!.join(" ")}</Alert> : null}
          <div className="relative overflow-x-auto">
            <table className="w-full text-sm">
              <thead>
                <tr className="text-left text-slate-500">
                  <th className="py-1">{t("billing.fields.sku")}</th>
                  <th>{t("billing.fields.product")}</th>
                  <th className="text-right">{t("billing.fields.ordered")}</th>
                  <th className="text-right">{t("billing.fields.shipped")}</th>
                  <th className="text-right">{t("billing.fields.reservedHere")}</th>
                  <th className="w-32">{t("billing.fields.quantityToShip")}</th>
                  <th>{t("billing.fields.serials")}</th>
                </tr>
              </thead>
              <tbody>
                {lines.map((l, i) => {
                  const here = Math.min(l.reserved, held[l.productId] ?? 0);
                  const options = serials.filter((s) => s.productId === l.productId && s.locationId === locationId).map((s) => s.serial);
                  return (
                    <tr key={l.id} className="border-t border-slate-100 align-top">
                      <td className="py-2 font-mono text-xs">{l.sku}</td>
                      <td>{localName(zh, l.nameZh, l.nameEn)}</td>
                      <td className="text-right tabular-nums">{formatNumber(l.quantity, i18n.language)}</td>
                      <td className="text-right tabular-nums">{formatNumber(l.shipped, i18n.language)}</td>
                      <td className="text-right tabular-nums">{formatNumber(here, i18n.language)}</td>
                      <td className="px-2">
                        <input type="hidden" name={`lines.${i}.orderLineId`} value={l.id} />
                        <TextField
                          label={t("billing.fields.quantityFor", { sku: l.sku })}
                          className="[&_label]:sr-only"
                          name={`lines.${i}.quantity`}
                          type="number"
                          min={0}
                          max={here}
                          defaultValue={here > 0 ? String(here) : "0"}
                          errors={errors(`lines.${i}.quantity`) ?? errors(`lines.${i}.orderLineId`)}
                        />
                      </td>
                      <td>
                        {l.serialized ? (
                          <TextAreaField
                            label={t("billing.fields.serialsFor", { sku: l.sku })}
                            className="[&_label]:sr-only"
                            name={`lines.${i}.serials`}
                            rows={2}
                            placeholder={options.slice(0, 3).join("\n")}
                            hint={options.length ? t("billing.shipping.serialsHere", { list: options.slice(0, 8).join(", ") }) : undefined}
                            errors={errors(`lines.${i}.serials`)}
                          />
                        ) : l.coveredSerials.length ? (
                          <span className="text-xs text-slate-600">
                            {t("network.extendedWarranty.covers")}: <span className="font-mono">{l.coveredSerials.join(", ")}</span>
                          </span>
                        ) : (
                          <span className="text-slate-400">—</span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </Card>
        <Button disabled={navigation.state !== "idle" || locations.length === 0}>{t("billing.shipping.submit")}</Button>
      </Form>
    </>
  );
}

import { randomUUID } from "node:crypto";
import { useState } from "react";
import { useTranslation } from "@cs/i18n/react";
import { Form, Link, redirect, useNavigation } from "react-router";
import { requireActor } from "@cs/auth/server";
import { fileRepairRequest, listDeviceProducts, listMyDevices, listRepairStations } from "@cs/domain";
import { Button, Card, PageHeader, SelectField, TextAreaField, TextField, buttonClass, formatDate } from "@cs/ui";
import { FormAlert, WarrantyBadge, useFormResult, FormKeys } from "@cs/web";
import { actionError, domainCtx, filesOf, readForm, guarded, uploadStore } from "@cs/web/server";
import type { Route } from "./+types/new";
import { localName } from "@cs/i18n";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const actor = requireActor(context, request);
  const isCustomer = actor.kind === "customer";
  const [devices, products, stations] = await Promise.all([isCustomer ? listMyDevices(ctx) : Promise.resolve([]), listDeviceProducts(ctx), listRepairStations(ctx)]);
  return { isCustomer, devices, products, stations, device: new URL(request.url).searchParams.get("device") ?? "", formKey: randomUUID() };
});

export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  const form = await request.formData();
  try {
    const r = await fileRepairRequest(domainCtx(context, request), readForm(form), await filesOf(form, "photos"), uploadStore());
    return redirect(`/service/requests/${r.requestId}?done=filed`);
  } catch (error) {
    return actionError(error, form);
  }
});

/** File a repair request: the device, symptoms, photos, pickup or drop-off, city and preferred station. */
export default function NewRepairRequest({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  const { isCustomer, devices, products, stations, device, formKey } = loaderData;
  const { result, errors, value } = useFormResult(actionData);
  const zh = i18n.language === "zh-CN";
  const [deviceId, setDeviceId] = useState(value("deviceId") ?? device);
  const [mode, setMode] = useState(value("serviceMode") ?? "drop_off");
  const chosen = devices.find((d) => d.id === deviceId);
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("service.newRequest")}
        actions={
          <Link to="/service/requests" className={buttonClass("ghost")}>
            {t("common.back")}
          </Link>
        }
      />
      <Form method="post" encType="multipart/form-data" className="space-y-4">
        <FormKeys formKey={formKey} />
        <FormAlert result={result} />
        <Card title={t("service.device")}>
          <div className="grid gap-3 sm:grid-cols-2">
            {isCustomer ? (
              <SelectField
                label={t("service.fields.device")}
                name="deviceId"
                value={deviceId}
                onChange={(e) => setDeviceId(e.target.value)}
                placeholder={t("service.fields.deviceOther")}
                options={devices.map((d) => ({ value: d.id, label: `${d.serial} · ${localName(zh, d.nameZh, d.nameEn)}` }))}
                errors={errors("deviceId")}
              />
            ) : null}
            {chosen ? (
              <div className="flex flex-wrap items-center gap-2 self-end text-sm" role="status">
                <WarrantyBadge status={chosen.warranty.status} t={t} />
                <span>{t(chosen.warranty.reason, { endsOn: chosen.warranty.endsOn ? formatDate(chosen.warranty.endsOn, i18n.language) : "—" })}</span>
              </div>
            ) : (
              <>
                <SelectField
                  label={t("service.fields.product")}
                  name="productId"
                  defaultValue={value("productId") ?? ""}
                  placeholder="—"
                  options={products.map((p) => ({ value: p.id, label: `${p.sku} · ${localName(zh, p.nameZh, p.nameEn)}` }))}
                  errors={errors("productId")}
                />
                <TextField label={t("service.fields.serial")} name="serial" defaultValue={value("serial") ?? ""} errors={errors("serial")} autoComplete="off" />
              </>
            )}
          </div>
          {!isCustomer ? (
            <div className="mt-3 grid gap-3 sm:grid-cols-2">
              <TextField label={t("service.fields.customerName")} name="customerName" required defaultValue={value("customerName") ?? ""} errors={errors("customerName")} />
              <TextField label={t("service.fields.customerMobile")} name="customerMobile" required inputMode="tel" defaultValue={value("customerMobile") ?? ""} errors={errors("customerMobile")} />
            </div>
          ) : null}
        </Card>
        <Card title={t("service.problem")}>
          <div className="grid gap-3 sm:grid-cols-2">
            <TextAreaField label={t("service.fields.symptoms")} name="symptoms" required rows={4} maxLength={2000} defaultValue={value("symptoms") ?? ""} errors={errors("symptoms")} className="sm:col-span-2" />
            <TextField label={t("service.fields.photos")} name="photos" type="file" multiple accept="image/jpeg,image/png,image/webp" hint={t("service.photosHint")} errors={errors("photos")} />
          </div>
        </Card>
        <Card title={t("service.logistics")}>
          <div className="grid gap-3 sm:grid-cols-2">
            <SelectField
              label={t("service.fields.serviceMode")}
              name="serviceMode"
              required
              value={mode}
              onChange={(e) => setMode(e.target.value)}
              options={(["drop_off", "pickup"] as const).map((m) => ({ value: m, label: t(`service.modes.${m}`) }))}
              errors={errors("serviceMode")}
            />
            <TextField label={t("service.fields.city")} name="city" required defaultValue={value("city") ?? ""} errors={errors("city")} />
            {mode === "pickup" ? (
              <TextField label={t("service.fields.pickupAddress")} name="pickupAddress" required defaultValue={value("pickupAddress") ?? ""} errors={errors("pickupAddress")} className="sm:col-span-2" />
            ) : null}
            <TextField label={t("service.fields.contactPhone")} name="contactPhone" inputMode="tel" defaultValue={value("contactPhone") ?? ""} errors={errors("contactPhone")} />
            <SelectField
              label={t("service.fields.preferredStation")}
              name="preferredStationId"
              defaultValue={value("preferredStationId") ?? ""}
              placeholder={t("service.fields.noPreference")}
              options={stations.map((s) => ({ value: s.id, label: `${s.city ?? ""} · ${s.name}` }))}
              errors={errors("preferredStationId")}
            />
          </div>
          <div className="mt-4">
            <Button type="submit" disabled={navigation.state === "submitting"}>
              {t("service.submitRequest")}
            </Button>
          </div>
        </Card>
      </Form>
    </div>
  );
}

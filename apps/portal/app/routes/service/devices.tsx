import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { Form, Link, redirect, useNavigation } from "react-router";
import { listDeviceProducts, listMyDevices, registerDevice } from "@cs/domain";
import { Alert, Button, Card, PageHeader, SelectField, TextField, buttonClass, formatDate } from "@cs/ui";
import { FormAlert, WarrantyBadge, useFormResult, FormKeys } from "@cs/web";
import { actionError, domainCtx, filesOf, readForm, guarded, uploadStore } from "@cs/web/server";
import type { Route } from "./+types/devices";
import { localName } from "@cs/i18n";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const [devices, products] = await Promise.all([listMyDevices(ctx), listDeviceProducts(ctx)]);
  return { devices, products, formKey: randomUUID(), done: new URL(request.url).searchParams.get("done") };
});

export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  const form = await request.formData();
  try {
    await registerDevice(domainCtx(context, request), readForm(form), await filesOf(form, "proof"), uploadStore());
    return redirect("/service/devices?done=registered");
  } catch (error) {
    return actionError(error, form);
  }
});

/** An end customer's devices with their warranty, and the registration form (serial, purchase date, proof). */
export default function Devices({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  const { devices, products, formKey, done } = loaderData;
  const { result, errors, value } = useFormResult(actionData);
  const zh = i18n.language === "zh-CN";
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("service.devices.title")}
        actions={
          <Link to="/service/requests/new" className={buttonClass()}>
            {t("service.newRequest")}
          </Link>
        }
      >
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("service.devices.intro")}</p>
      </PageHeader>
      {done === "registered" ? <Alert tone="success">{t("service.devices.registered")}</Alert> : null}
      <Card title={t("service.devices.mine")}>
        {devices.length === 0 ? (
          <p className="text-sm text-slate-600">{t("service.devices.none")}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {devices.map((d) => (
              <li key={d.id} className="flex flex-wrap items-center gap-3 py-2 text-sm">
                <span className="font-mono text-xs">{d.serial}</span>
                <span>{localName(zh, d.nameZh, d.nameEn)}</span>
                <WarrantyBadge status={d.warranty.status} t={t} />
                <span className="text-slate-600">
                  {t(d.warranty.reason, { endsOn: d.warranty.endsOn ? formatDate(d.warranty.endsOn, i18n.language) : "—" })}
                </span>
                {d.status !== "verified" ? <span className="text-xs text-amber-700">{t(`service.devices.statuses.${d.status}`)}</span> : null}
                <Link to={`/service/requests/new?device=${d.id}`} className="ml-auto font-medium text-blue-800 hover:underline" aria-label={`${t("service.newRequest")} ${d.serial}`}>
                  {t("service.newRequest")}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={t("service.devices.register")}>
        <Form method="post" encType="multipart/form-data" className="space-y-3">
          <FormKeys formKey={formKey} />
          <FormAlert result={result} />
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField label={t("service.fields.serial")} name="serial" required defaultValue={value("serial") ?? ""} errors={errors("serial")} autoComplete="off" />
            <SelectField
              label={t("service.fields.product")}
              name="productId"
              defaultValue={value("productId") ?? ""}
              placeholder={t("service.devices.productFromSerial")}
              options={products.map((p) => ({ value: p.id, label: `${p.sku} · ${localName(zh, p.nameZh, p.nameEn)}` }))}
              errors={errors("productId")}
            />
            <TextField label={t("service.fields.purchasedOn")} name="purchasedOn" type="date" defaultValue={value("purchasedOn") ?? ""} errors={errors("purchasedOn")} />
            <TextField label={t("service.fields.proof")} name="proof" type="file" accept="image/jpeg,image/png,image/webp" hint={t("service.uploadHint")} errors={errors("proof")} />
          </div>
          <Button type="submit" disabled={navigation.state === "submitting"}>
            {t("service.devices.registerButton")}
          </Button>
        </Form>
      </Card>
    </div>
  );
}

import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { Form, redirect, useNavigation, useSearchParams } from "react-router";
import { createSupplyRoute, deleteSupplyRoute, listSupplyRoutes, supplyRouteOptions, ValidationError } from "@cs/domain";
import { Alert, Button, Card, PageHeader, SelectField, formatDateTime } from "@cs/ui";
import { CsrfInput, FormAlert, useFieldErrors, type ActionResult, FormKeys } from "@cs/web";
import { actionError, domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/list";
import { localName } from "@cs/i18n";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const [routes, options] = await Promise.all([listSupplyRoutes(ctx), supplyRouteOptions(ctx)]);
  return { routes, options, formKey: randomUUID() };
});

export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  const form = await request.formData();
  try {
    switch (form.get("intent")) {
      case "create":
        await createSupplyRoute(ctx, { supplierId: form.get("supplierId"), divisionId: form.get("divisionId"), _key: form.get("_key") });
        return redirect("/supply-routes?done=created");
      case "delete":
        await deleteSupplyRoute(ctx, { id: form.get("id") });
        return redirect("/supply-routes?done=deleted");
      default:
        return actionError(new ValidationError({ form: ["errors.validation"] }), form);
    }
  } catch (error) {
    return actionError(error, form);
  }
});

export default function SupplyRoutes({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const { routes, options, formKey } = loaderData;
  const result = (actionData ?? undefined) as ActionResult;
  const errors = useFieldErrors(result);
  const zh = i18n.language === "zh-CN";
  const done = params.get("done");
  const f = (k: string) => t(`supply.fields.${k}`);
  return (
    <div className="space-y-4">
      <PageHeader title={t("supply.title")} />
      <p className="-mt-2 max-w-3xl text-sm text-slate-600">{t("supply.intro")}</p>
      {done === "created" || done === "deleted" ? <Alert tone="success">{t(`supply.done.${done}`)}</Alert> : null}
      <Card title={t("supply.add")}>
        <Form method="post" className="grid items-end gap-3 sm:grid-cols-[1fr_1fr_auto]">
          <FormKeys formKey={formKey} />
          <div className="empty:hidden sm:col-span-3">
            <FormAlert result={result} />
          </div>
          <SelectField
            label={f("supplier")}
            name="supplierId"
            required
            placeholder="—"
            options={options.suppliers.map((s) => ({ value: s.id, label: `${s.code} ${s.name}` }))}
            errors={errors("supplierId")}
          />
          <SelectField
            label={f("division")}
            name="divisionId"
            required
            placeholder="—"
            options={options.divisions.map((d) => ({ value: d.id, label: localName(zh, d.nameZh, d.nameEn) }))}
            errors={errors("divisionId")}
          />
          <Button name="intent" value="create" disabled={busy}>
            {t("supply.add")}
          </Button>
        </Form>
      </Card>
      <Card title={t("supply.title")}>
        {routes.length === 0 ? (
          <p className="text-sm text-slate-600">{t("supply.empty")}</p>
        ) : (
          <div className="relative overflow-x-auto">
            <table className="min-w-full text-sm">
              <caption className="sr-only">{t("supply.title")}</caption>
              <thead>
                <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
                  <th scope="col" className="px-2 py-1 font-medium">{f("supplier")}</th>
                  <th scope="col" className="px-2 py-1 font-medium">{f("division")}</th>
                  <th scope="col" className="px-2 py-1 font-medium">{f("createdAt")}</th>
                  <th scope="col" className="px-2 py-1 font-medium"><span className="sr-only">{t("common.actions")}</span></th>
                </tr>
              </thead>
              <tbody>
                {routes.map((r) => (
                  <tr key={r.id} className="border-b border-slate-100">
                    <td className="px-2 py-1">
                      <span className="font-mono text-xs">{r.supplierCode}</span> {r.supplierName}
                    </td>
                    <td className="px-2 py-1">{localName(zh, r.divisionZh, r.divisionEn)}</td>
                    <td className="px-2 py-1">{formatDateTime(r.createdAt, i18n.language)}</td>
                    <td className="px-2 py-1 text-right">
                      <Form method="post">
                        <CsrfInput />
                        <input type="hidden" name="id" value={r.id} />
                        <Button name="intent" value="delete" variant="danger" disabled={busy} aria-label={`${t("supply.delete")} ${r.supplierCode} ${localName(zh, r.divisionZh, r.divisionEn)}`}>
                          {t("supply.delete")}
                        </Button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}

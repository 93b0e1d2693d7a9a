import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { Form, data, redirect } from "react-router";
import { quickOrderToCart, requireBuyer, ValidationError } from "@cs/domain";
import { Alert, Button, Card, PageHeader, TextAreaField } from "@cs/ui";
import { FormAlert, type ActionResult, FormKeys } from "@cs/web";
import { actionError, domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/quick-order";
import { readQuickOrder } from "./quick-order.server";
import { CartTabs } from "./tabs";
import { hasKey } from "@cs/domain/shared/keys";

/** Only a user who may order gets the form (the action refuses anyone else): 404 like the cart. */
export const loader = guarded(function loader({ context, request }: Route.LoaderArgs) {
  requireBuyer(domainCtx(context, request));
  return { formKey: randomUUID() };
});

type RowError = { row: number; sku: string; messages: string[] };
type Refused = { status: "refused"; text: string; rowErrors: RowError[]; form: string[] };

/** All or nothing: any bad row sends every row's problem back and adds nothing. */
export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  const form = await request.formData();
  const input = await readQuickOrder(form);
  if (hasKey(input, "error")) return data<Refused>({ status: "refused", text: input.text, rowErrors: [], form: [input.error] }, { status: 400 });
  try {
    const { added } = await quickOrderToCart(ctx, input.rows, String(form.get("_key") ?? ""));
    return redirect(`/cart?added=${added}`);
  } catch (error) {
    if (error instanceof ValidationError) {
      const skuOf = new Map(input.rows.map((r) => [r.row, r.sku]));
      const rowErrors = Object.entries(error.fieldErrors)
        .filter(([k]) => k.startsWith("rows."))
        .map(([k, messages]) => ({ row: Number(k.slice(5)), sku: skuOf.get(Number(k.slice(5))) ?? "", messages }))
        .sort((a, b) => a.row - b.row);
      const formErrors = Object.entries(error.fieldErrors)
        .filter(([k]) => !k.startsWith("rows."))
        .flatMap(([, m]) => m);
      return data<Refused>({ status: "refused", text: input.text, rowErrors, form: rowErrors.length ? [error.code, ...formErrors] : formErrors }, { status: 400 });
    }
    return actionError(error, form);
  }
});

export default function QuickOrder({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const refused = actionData && hasKey(actionData, "status") && actionData.status === "refused" ? (actionData as Refused) : null;
  const other = (refused ? null : (actionData ?? null)) as ActionResult;
  return (
    <>
      <PageHeader title={t("catalog.quickOrder.title")}>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("catalog.quickOrder.intro")}</p>
      </PageHeader>
      <CartTabs />
      <Card>
        <Form method="post" encType="multipart/form-data" className="space-y-3">
          <FormKeys formKey={loaderData.formKey} />
          <FormAlert result={other} />
          {refused ? (
            <Alert>
              <p>{refused.form.map((k) => t(k)).join(" ")}</p>
              {refused.rowErrors.length ? (
                <>
                  <p className="mt-2">{t("catalog.quickOrder.errorsTitle")}</p>
                  <ul className="mt-1 list-disc pl-5" aria-label={t("catalog.quickOrder.errorsTitle")}>
                    {refused.rowErrors.map((e) => (
                      <li key={e.row}>{t("catalog.quickOrder.rowError", { row: e.row, sku: e.sku, message: e.messages.map((k) => t(k)).join(" ") })}</li>
                    ))}
                  </ul>
                </>
              ) : null}
            </Alert>
          ) : null}
          <TextAreaField label={t("catalog.quickOrder.paste")} name="lines" rows={10} defaultValue={refused?.text ?? ""} placeholder={t("catalog.quickOrder.placeholder")} spellCheck={false} />
          <div>
            <label htmlFor="quick-order-file" className="block text-sm font-medium text-slate-700">
              {t("catalog.quickOrder.file")}
            </label>
            <input id="quick-order-file" name="file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" className="mt-1 text-sm" />
          </div>
          <Button>{t("catalog.quickOrder.submit")}</Button>
        </Form>
      </Card>
    </>
  );
}

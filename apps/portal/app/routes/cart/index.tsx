import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { Form, Link, data } from "react-router";
import { acknowledgeCartChanges, getCart, removeFromCart, saveCartAsTemplate, setCartQuantity, ValidationError } from "@cs/domain";
import { Alert, Button, Card, PageHeader, TextField, buttonClass, formatMoney } from "@cs/ui";
import { CsrfInput, FormAlert, useFieldErrors, type ActionResult, FormKeys } from "@cs/web";
import { actionError, domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/index";
import { CartLines } from "./lines";
import { CartTabs } from "./tabs";
import { hasKey } from "@cs/domain/shared/keys";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const added = Number(new URL(request.url).searchParams.get("added"));
  return { cart: await getCart(ctx), formKey: randomUUID(), added: Number.isInteger(added) && added > 0 ? added : null };
});

type Done = { status: "done"; message: string };

export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  const form = await request.formData();
  const intent = form.get("intent");
  const productId = String(form.get("productId") ?? "");
  try {
    switch (intent) {
      case "quantity":
        await setCartQuantity(ctx, { productId, quantity: String(form.get("quantity") ?? "").trim() || "x" });
        return { status: "done", message: "catalog.cart.updated" } satisfies Done;
      case "remove":
        await removeFromCart(ctx, { productId });
        return { status: "done", message: "catalog.cart.removed" } satisfies Done;
      case "acknowledge":
        await acknowledgeCartChanges(ctx);
        return { status: "done", message: "catalog.cart.acknowledged" } satisfies Done;
      case "template":
        await saveCartAsTemplate(ctx, { name: form.get("name"), _key: form.get("_key") });
        return { status: "done", message: "catalog.cart.templateSaved" } satisfies Done;
      default:
        return data({ status: "error" as const, error: { form: ["errors.validation"] }, initialValue: {} }, { status: 400 });
    }
  } catch (error) {
    // A quantity error belongs to its line.
    if (intent === "quantity" && error instanceof ValidationError)
      return data({ status: "error" as const, error: { [`line.${productId}`]: Object.values(error.fieldErrors).flat() }, initialValue: {} }, { status: 400 });
    return actionError(error, form);
  }
});

export default function Cart({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { cart, formKey, added } = loaderData;
  const done = actionData && hasKey(actionData, "status") && actionData.status === "done" ? (actionData as Done) : null;
  const result = (done ? null : (actionData ?? null)) as ActionResult;
  const field = useFieldErrors(result);
  return (
    <>
      <PageHeader title={t("catalog.cart.title")} />
      <CartTabs />
      <div className="space-y-4">
        {done ? <Alert tone="success">{t(done.message)}</Alert> : null}
        {!done && !result && added ? <Alert tone="success">{t("catalog.quickOrder.added", { count: added })}</Alert> : null}
        {result && !Object.keys(result.error).some((k) => k.startsWith("line.")) ? <FormAlert result={result} /> : null}
        {cart.lines.length === 0 ? (
          <Card>
            <p className="text-sm text-slate-600">{t("catalog.cart.empty")}</p>
            <div className="mt-3 flex gap-2">
              <Link to="/catalog" className={buttonClass("primary")}>
                {t("catalog.cart.browse")}
              </Link>
              <Link to="/cart/quick-order" className={buttonClass("secondary")}>
                {t("catalog.cart.quickOrder")}
              </Link>
            </div>
          </Card>
        ) : (
          <>
            {cart.blocked ? <Alert>{t("catalog.cart.blockedNotice")}</Alert> : null}
            {cart.changed ? (
              <Alert tone="info">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span>{t("catalog.cart.changedNotice")}</span>
                  <Form method="post">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="acknowledge" />
                    <Button variant="secondary">{t("catalog.cart.acknowledge")}</Button>
                  </Form>
                </div>
              </Alert>
            ) : null}
            <CartLines lines={cart.lines} errorFor={(id) => field(`line.${id}`)} />
            <div className="flex flex-wrap items-center justify-end gap-4">
              <div className="text-right">
                <div className="text-sm text-slate-600">{t("catalog.cart.total")}</div>
                <div className="text-xl font-semibold tabular-nums">{formatMoney(cart.totalFen, i18n.language)}</div>
              </div>
              {cart.blocked ? (
                <span aria-disabled="true" className={buttonClass("primary", "pointer-events-none opacity-50")}>
                  {t("catalog.cart.checkout")}
                </span>
              ) : (
                <Link to="/checkout" className={buttonClass("primary")}>
                  {t("catalog.cart.checkout")}
                </Link>
              )}
            </div>
            <Card title={t("catalog.cart.saveTemplate")}>
              <Form method="post" className="flex flex-wrap items-end gap-2">
                <FormKeys formKey={formKey} intent="template" />
                <TextField label={t("catalog.cart.templateName")} name="name" maxLength={60} required errors={field("name")} />
                <Button variant="secondary">{t("catalog.cart.saveTemplate")}</Button>
              </Form>
            </Card>
          </>
        )}
      </div>
    </>
  );
}

import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { Form, Link, redirect, useNavigation } from "react-router";
import { authorize, createPriceProtection, shanghaiToday } from "@cs/domain";
import { Button, Card, PageHeader, TextAreaField, TextField } from "@cs/ui";
import { FormAlert, FormKeys, useFormResult } from "@cs/web";
import { domainCtx, guarded, submitForm } from "@cs/web/server";
import { RebateTabs } from "./tabs";
import type { Route } from "./+types/price-protection-new";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  authorize(domainCtx(context, request).actor, "rebate:manage");
  return { formKey: randomUUID(), today: shanghaiToday() };
});

export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  return submitForm(request, async (fields) => {
    const created = await createPriceProtection(ctx, fields);
    return redirect(`/rebates/price-protection/${created.id}?done=created`);
  });
});

export default function NewPriceProtection({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { result, errors: field, value: initial } = useFormResult(actionData);
  return (
    <>
      <PageHeader title={t("priceProtection.newTitle")}>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("priceProtection.newIntro")}</p>
      </PageHeader>
      <RebateTabs />
      <Card>
        <FormAlert result={result} />
        <Form method="post" className="grid max-w-2xl gap-3 sm:grid-cols-2">
          <FormKeys formKey={loaderData.formKey} />
          <TextField label={t("priceProtection.fields.product")} name="product" required placeholder={t("priceProtection.fields.productPlaceholder")} defaultValue={initial("product")} errors={field("product")} />
          <TextField label={t("priceProtection.fields.effectiveDate")} name="effectiveDate" type="date" required max={loaderData.today} defaultValue={initial("effectiveDate") ?? loaderData.today} errors={field("effectiveDate")} />
          <TextField label={t("priceProtection.fields.oldPrice")} name="oldPrice" inputMode="decimal" required defaultValue={initial("oldPrice")} errors={field("oldPrice")} />
          <TextField label={t("priceProtection.fields.newPrice")} name="newPrice" inputMode="decimal" required defaultValue={initial("newPrice")} errors={field("newPrice")} />
          <TextAreaField label={t("priceProtection.fields.note")} name="note" maxLength={500} rows={2} className="sm:col-span-2" defaultValue={initial("note")} errors={field("note")} />
          <div className="flex justify-end gap-3 sm:col-span-2">
            <Link to="/rebates/price-protection" className="self-center text-sm text-slate-600 hover:underline">
              {t("common.cancel")}
            </Link>
            <Button aria-busy={navigation.state === "submitting" ? true : undefined}>{t("priceProtection.create")}</Button>
          </div>
        </Form>
      </Card>
    </>
  );
}

import { randomUUID } from "node:crypto";
import { localName } from "@cs/i18n";
import { useTranslation } from "@cs/i18n/react";
import { Form, Link, redirect, useNavigation } from "react-router";
import { addDays, dealChoices, leadForDeal, registerDeal } from "@cs/domain";
import { Button, Card, PageHeader, SelectField, TextAreaField, TextField } from "@cs/ui";
import { FormAlert, useFieldErrors, type ActionResult, submittedValue, FormKeys } from "@cs/web";
import { actionError, domainCtx, readNestedForm, guarded } from "@cs/web/server";
import type { Route } from "./+types/new";

const ROWS = 5;

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const choices = await dealChoices(ctx);
  // converting a lead (/deals/new?lead=<id>): its company and credit code prefill the form, and the registration links it
  const leadId = new URL(request.url).searchParams.get("lead");
  const lead = leadId ? await leadForDeal(ctx, leadId) : null;
  return { ...choices, lead, defaultClose: addDays(choices.today, 30), formKey: randomUUID() };
});

export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  const form = await request.formData();
  try {
    const { registrationId } = await registerDeal(domainCtx(context, request), readNestedForm(form));
    return redirect(`/deals/${registrationId}?done=submitted`);
  } catch (error) {
    return actionError(error, form);
  }
});

export default function RegisterDeal({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  const result = actionData as ActionResult;
  const field = useFieldErrors(result);
  const zh = i18n.language === "zh-CN";
  const lead = loaderData.lead;
  const initial = submittedValue(result);
  const options = loaderData.products.map((p) => ({ value: p.id, label: `${p.sku} · ${localName(zh, p.nameZh, p.nameEn)} (${localName(zh, p.lineZh, p.lineEn)})` }));
  return (
    <>
      <PageHeader title={t("deals.registerTitle")} />
      <Card>
        <FormAlert result={result} />
        <Form method="post" className="grid max-w-3xl gap-3 sm:grid-cols-2">
          <FormKeys formKey={loaderData.formKey} />
          {lead ? <input type="hidden" name="leadId" value={lead.leadId} /> : null}
          <TextField label={t("deals.fields.customerName")} name="customerName" required maxLength={200} defaultValue={initial("customerName") ?? lead?.customerName} errors={field("customerName")} />
          <TextField label={t("deals.fields.customerCreditCode")} name="customerCreditCode" required maxLength={18} defaultValue={initial("customerCreditCode") ?? lead?.customerCreditCode} errors={field("customerCreditCode")} />
          <TextField label={t("deals.fields.expectedCloseOn")} name="expectedCloseOn" type="date" required min={loaderData.today} defaultValue={initial("expectedCloseOn") ?? loaderData.defaultClose} errors={field("expectedCloseOn")} />
          <TextField label={t("deals.fields.competitor")} name="competitor" maxLength={200} defaultValue={initial("competitor")} errors={field("competitor")} />
          <TextAreaField label={t("deals.fields.note")} name="note" maxLength={1000} rows={2} className="sm:col-span-2" defaultValue={initial("note")} errors={field("note")} />
          <fieldset className="grid gap-2 sm:col-span-2 sm:grid-cols-[1fr_8rem]">
            <legend className="mb-1 text-sm font-semibold text-slate-900">{t("deals.linesTitle")}</legend>
            <p className="text-xs text-slate-500 sm:col-span-2">{t("deals.linesHint")}</p>
            {Array.from({ length: ROWS }, (_, i) => (
              <div key={i} className="contents">
                <SelectField
                  label={`${t("deals.fields.product")} ${i + 1}`}
                  name={`lines.${i}.productId`}
                  placeholder={t("deals.fields.chooseProduct")}
                  defaultValue={initial(`lines.${i}.productId`) ?? ""}
                  errors={field(`lines.${i}.productId`)}
                  options={options}
                />
                <TextField label={t("deals.fields.quantity")} name={`lines.${i}.quantity`} inputMode="numeric" defaultValue={initial(`lines.${i}.quantity`)} errors={field(`lines.${i}.quantity`)} />
              </div>
            ))}
          </fieldset>
          <div className="flex justify-end gap-3 sm:col-span-2">
            <Link to="/deals" className="self-center text-sm text-slate-600 hover:underline">
              {t("common.cancel")}
            </Link>
            <Button aria-busy={navigation.state === "submitting" ? true : undefined}>{t("deals.submit")}</Button>
          </div>
        </Form>
      </Card>
    </>
  );
}

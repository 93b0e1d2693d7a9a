import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { Form, redirect, useNavigation } from "react-router";
import { allocateCredit, paymentForm, paymentMethodOptions, recordPayment } from "@cs/domain";
import { Alert, Button, Card, CheckboxField, Money, PageHeader, SelectField, TextField, formatDate } from "@cs/ui";
import { CsrfInput, FormAlert, useFieldErrors, type ActionResult, submittedValue, FormKeys } from "@cs/web";
import { actionError, domainCtx, readNestedForm, guarded } from "@cs/web/server";
import type { Route } from "./+types/payment-new";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const organizationId = new URL(request.url).searchParams.get("organization") ?? undefined;
  return { ...(await paymentForm(ctx, organizationId)), formKey: randomUUID(), methods: [...paymentMethodOptions], today: new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date()) };
});

export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  const form = await request.formData();
  try {
    if (form.get("intent") === "allocate-credit") {
      await allocateCredit(ctx, readNestedForm(form));
      return redirect(`/finance/invoices?partner=${encodeURIComponent(String(form.get("organizationId")))}`);
    }
    const paid = await recordPayment(ctx, readNestedForm(form));
    return redirect(`/finance/payments?q=${encodeURIComponent(paid.number)}`);
  } catch (error) {
    return actionError(error, form);
  }
});

export default function RecordPayment({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const result = actionData as ActionResult;
  const errors = useFieldErrors(result);
  const navigation = useNavigation();
  const { partners, partner, open, position, formKey, today, methods, creditFen } = loaderData;
  const locale = i18n.language;
  const initial = (name: string) => (submittedValue(result)(name) ?? "");
  return (
    <>
      <PageHeader title={t("billing.payment.record")} />
      <Form method="get" className="mb-4 flex items-end gap-2">
        <SelectField
          label={t("billing.fields.partner")}
          name="organization"
          defaultValue={partner?.id ?? ""}
          placeholder={t("billing.payment.choosePartner")}
          options={partners.map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
        />
        <Button variant="secondary">{t("billing.payment.showInvoices")}</Button>
      </Form>
      {partner && creditFen > 0n && open.length > 0 ? (
        <Form method="post" className="mb-4 flex flex-wrap items-center gap-3 rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200">
          <CsrfInput />
          <input type="hidden" name="_key" value={`${formKey}-credit`} />
          <input type="hidden" name="organizationId" value={partner.id} />
          <input type="hidden" name="intent" value="allocate-credit" />
          <span className="text-sm">
            {t("billing.payment.creditAvailable")} <Money fen={creditFen} locale={locale} />
          </span>
          <Button variant="secondary">{t("billing.payment.allocateCredit")}</Button>
        </Form>
      ) : null}
      {partner && position ? (
        <Form method="post" className="space-y-4">
          <FormKeys formKey={formKey} />
          <input type="hidden" name="organizationId" value={partner.id} />
          <FormAlert result={result} />
          <Alert tone="info">
            {t("billing.payment.position", { name: partner.name })} <Money fen={position.openReceivablesFen} locale={locale} />
          </Alert>
          <Card>
            <div className="grid gap-3 sm:grid-cols-4">
              <TextField label={t("billing.fields.amount")} name="amount" inputMode="decimal" required defaultValue={initial("amount")} errors={errors("amount")} />
              <TextField label={t("billing.fields.receivedOn")} name="receivedOn" type="date" required defaultValue={initial("receivedOn") || today} max={today} errors={errors("receivedOn")} />
              <SelectField label={t("billing.fields.method")} name="method" defaultValue={initial("method") || "bank_transfer"} options={methods.map((m) => ({ value: m, label: t(`billing.methods.${m}`) }))} errors={errors("method")} />
              <TextField label={t("billing.fields.reference")} name="reference" defaultValue={initial("reference")} errors={errors("reference")} />
            </div>
          </Card>
          <Card title={t("billing.payment.allocation")}>
            <p className="mb-2 text-sm text-slate-600">{t("billing.payment.allocationHint")}</p>
            {errors("allocations") ? <Alert>{errors("allocations")!.join(" ")}</Alert> : null}
            <div className="relative overflow-x-auto">
              <table className="w-full text-sm">
                <thead>
                  <tr className="text-left text-slate-500">
                    <th className="py-1">{t("billing.fields.number")}</th>
                    <th>{t("billing.fields.issuedOn")}</th>
                    <th>{t("billing.fields.dueOn")}</th>
                    <th className="text-right">{t("billing.fields.total")}</th>
                    <th className="text-right">{t("billing.fields.outstanding")}</th>
                    <th className="w-40">{t("billing.fields.allocate")}</th>
                  </tr>
                </thead>
                <tbody>
                  {open.map((inv, i) => (
                    <tr key={inv.id} className="border-t border-slate-100 align-top">
                      <td className="py-2 font-mono text-xs">{inv.number}</td>
                      <td>{formatDate(inv.issuedOn, locale)}</td>
                      <td>{formatDate(inv.dueOn, locale)}</td>
                      <td className="text-right"><Money fen={inv.totalFen} locale={locale} /></td>
                      <td className="text-right"><Money fen={inv.totalFen - inv.settledFen} locale={locale} /></td>
                      <td className="px-2">
                        <input type="hidden" name={`allocations.${i}.invoiceId`} value={inv.id} />
                        <TextField
                          label={t("billing.fields.allocateTo", { number: inv.number })}
                          className="[&_label]:sr-only"
                          name={`allocations.${i}.amount`}
                          inputMode="decimal"
                          defaultValue={initial(`allocations.${i}.amount`)}
                          errors={errors(`allocations.${i}.amount`) ?? errors(`allocations.${i}.invoiceId`)}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <CheckboxField className="mt-3" label={t("billing.payment.keepRemainder")} name="keepRemainderAsCredit" defaultChecked={initial("keepRemainderAsCredit") === "on"} />
            {errors("keepRemainderAsCredit") ? <Alert>{errors("keepRemainderAsCredit")!.join(" ")}</Alert> : null}
          </Card>
          <Button disabled={navigation.state !== "idle"}>{t("billing.payment.submit")}</Button>
        </Form>
      ) : null}
    </>
  );
}

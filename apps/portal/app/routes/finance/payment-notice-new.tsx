import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { Form, Link, redirect, useNavigation } from "react-router";
import { notifyPayment, paymentNoticeForm } from "@cs/domain";
import { Button, Card, PageHeader, TextAreaField, TextField, buttonClass } from "@cs/ui";
import { FormAlert, useFormResult, FormKeys } from "@cs/web";
import { actionError, domainCtx, filesOf, guarded, readForm, uploadStore } from "@cs/web/server";
import type { Route } from "./+types/payment-notice-new";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  return { formKey: randomUUID(), ...paymentNoticeForm(domainCtx(context, request)) };
});

export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  const form = await request.formData();
  try {
    const { number } = await notifyPayment(domainCtx(context, request), readForm(form), await filesOf(form, "receipt"), uploadStore());
    return redirect(`/finance/payment-notices?notified=${encodeURIComponent(number)}`);
  } catch (error) {
    return actionError(error, form);
  }
});

/** A partner tells finance about a transfer: amount, date, bank reference and the receipt picture. */
export default function NewPaymentNotice({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { result, errors, value } = useFormResult(actionData);
  return (
    <>
      <PageHeader
        title={t("billing.notices.new")}
        actions={
          <Link to="/finance/payment-notices" className={buttonClass("ghost")}>
            {t("common.back")}
          </Link>
        }
      >
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("billing.notices.intro")}</p>
      </PageHeader>
      <Card>
        <Form method="post" encType="multipart/form-data" className="space-y-3">
          <FormKeys formKey={loaderData.formKey} />
          <FormAlert result={result} />
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField label={t("billing.notices.amount")} name="amount" inputMode="decimal" required defaultValue={value("amount") ?? ""} errors={errors("amount")} autoComplete="off" />
            <TextField label={t("billing.notices.paidOn")} name="paidOn" type="date" required min={loaderData.earliest} max={loaderData.today} defaultValue={value("paidOn") ?? loaderData.today} errors={errors("paidOn")} />
            <TextField label={t("billing.notices.reference")} name="reference" required maxLength={100} defaultValue={value("reference") ?? ""} errors={errors("reference")} autoComplete="off" />
            <TextField label={t("billing.notices.payerAccount")} name="payerAccount" maxLength={100} defaultValue={value("payerAccount") ?? ""} errors={errors("payerAccount")} />
            <TextField label={t("billing.notices.receipt")} name="receipt" type="file" accept="image/jpeg,image/png,image/webp" hint={t("billing.notices.receiptHint")} errors={errors("receipt")} />
            <TextAreaField label={t("billing.notices.note")} name="note" rows={2} maxLength={500} defaultValue={value("note") ?? ""} errors={errors("note")} />
          </div>
          <Button type="submit" disabled={navigation.state === "submitting"}>
            {t("billing.notices.submit")}
          </Button>
        </Form>
      </Card>
    </>
  );
}

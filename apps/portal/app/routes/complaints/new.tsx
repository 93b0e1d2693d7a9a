import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { Form, redirect, useNavigation, useSearchParams } from "react-router";
import { complaintLinkChoices, fileComplaint } from "@cs/domain";
import { complaintCategories, complaintSeverities } from "@cs/domain/shared/schema-vocabulary";
import { Card, PageHeader, SelectField } from "@cs/ui";
import { ComplaintTextAndSubmit, FormAlert, FormKeys, useFormResult } from "@cs/web";
import { actionError, domainCtx, readForm, guarded } from "@cs/web/server";
import type { Route } from "./+types/new";

/** A partner or customer files a complaint, optionally about one of its orders or repairs (`?orderId=`, `?repairRequestId=`). */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  return { formKey: randomUUID(), choices: await complaintLinkChoices(domainCtx(context, request)) };
});

export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  const form = await request.formData();
  try {
    const filed = await fileComplaint(domainCtx(context, request), readForm(form));
    return redirect(`/complaints?filed=${encodeURIComponent(filed.number)}`);
  } catch (error) {
    return actionError(error, form);
  }
});

export default function NewComplaint({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const [search] = useSearchParams();
  const { result, errors, value } = useFormResult(actionData);
  const { choices, formKey } = loaderData;
  return (
    <>
      <PageHeader title={t("complaints.new")}>
        <p className="max-w-3xl text-sm text-slate-600">{t("complaints.portalIntro")}</p>
      </PageHeader>
      <Card>
        <FormAlert result={result} />
        <Form method="post" className="grid max-w-3xl gap-3 sm:grid-cols-2">
          <FormKeys formKey={formKey} />
          <SelectField label={t("complaints.fields.category")} name="category" required defaultValue={value("category") ?? ""} placeholder="—" errors={errors("category")} options={complaintCategories.map((c) => ({ value: c, label: t(`complaints.categories.${c}`) }))} />
          <SelectField label={t("complaints.fields.severity")} name="severity" required defaultValue={value("severity") ?? "normal"} errors={errors("severity")} options={complaintSeverities.map((s) => ({ value: s, label: t(`complaints.severities.${s}`) }))} />
          {choices.orders.length ? (
            <SelectField label={t("complaints.fields.order")} name="orderId" defaultValue={value("orderId") ?? search.get("orderId") ?? ""} placeholder={t("complaints.chooseNone")} errors={errors("orderId")} options={choices.orders.map((o) => ({ value: o.id, label: o.number }))} />
          ) : null}
          {choices.repairs.length ? (
            <SelectField label={t("complaints.fields.repair")} name="repairRequestId" defaultValue={value("repairRequestId") ?? search.get("repairRequestId") ?? ""} placeholder={t("complaints.chooseNone")} errors={errors("repairRequestId")} options={choices.repairs.map((r) => ({ value: r.id, label: r.number }))} />
          ) : null}
          <ComplaintTextAndSubmit errors={errors} value={value} busy={busy} />
        </Form>
      </Card>
    </>
  );
}

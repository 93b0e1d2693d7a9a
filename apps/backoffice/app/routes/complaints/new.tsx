import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { Form, redirect, useNavigation, useSearchParams } from "react-router";
import { complaintOwnerChoices, complaintPartyChoices, fileComplaint } from "@cs/domain";
import { complaintCategories, complaintSeverities } from "@cs/domain/shared/schema-vocabulary";
import { Card, PageHeader, SelectField, TextField } from "@cs/ui";
import { ComplaintTextAndSubmit, FormAlert, FormKeys, useFormResult } from "@cs/web";
import { actionError, domainCtx, readForm, guarded } from "@cs/web/server";
import type { Route } from "./+types/new";

/** Staff record a complaint received by phone or in person, for a partner in their scope or an end customer. */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const [partners, owners] = await Promise.all([complaintPartyChoices(ctx), complaintOwnerChoices(ctx)]);
  return { formKey: randomUUID(), partners, owners };
});

export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  const form = await request.formData();
  try {
    const filed = await fileComplaint(domainCtx(context, request), readForm(form));
    return redirect(`/complaints/${filed.id}?done=filed`);
  } catch (error) {
    return actionError(error, form);
  }
});

export default function NewComplaint({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const [search] = useSearchParams();
  const { result, errors, value } = useFormResult(actionData);
  const { partners, owners, formKey } = loaderData;
  return (
    <>
      <PageHeader title={t("complaints.staffNew")} />
      <Card>
        <FormAlert result={result} />
        <Form method="post" className="grid max-w-3xl gap-3 sm:grid-cols-2">
          <FormKeys formKey={formKey} />
          <SelectField label={t("complaints.fields.organization")} name="organizationId" placeholder="—" defaultValue={value("organizationId") ?? search.get("organizationId") ?? ""} errors={errors("organizationId")} options={partners.map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))} />
          <TextField label={t("complaints.fields.endCustomerId")} name="endCustomerId" defaultValue={value("endCustomerId")} errors={errors("endCustomerId")} />
          <SelectField label={t("complaints.fields.category")} name="category" required placeholder="—" defaultValue={value("category") ?? ""} errors={errors("category")} options={complaintCategories.map((c) => ({ value: c, label: t(`complaints.categories.${c}`) }))} />
          <SelectField label={t("complaints.fields.severity")} name="severity" required defaultValue={value("severity") ?? "normal"} errors={errors("severity")} options={complaintSeverities.map((s) => ({ value: s, label: t(`complaints.severities.${s}`) }))} />
          <SelectField label={t("complaints.fields.owner")} name="ownerId" placeholder={t("complaints.chooseOwner")} defaultValue={value("ownerId") ?? ""} errors={errors("ownerId")} options={owners.map((o) => ({ value: o.id, label: o.name }))} />
          <ComplaintTextAndSubmit errors={errors} value={value} busy={busy} />
        </Form>
      </Card>
    </>
  );
}

import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { redirect } from "react-router";
import { Form, useSearchParams } from "react-router";
import { can, getOrganization, updateOwnCompany } from "@cs/domain";
import { Alert, Button, Card, PageHeader, TextField } from "@cs/ui";
import { AddressList, ContactList, CsrfInput, FormAlert, useFieldErrors, type ActionResult } from "@cs/web";
import { actionError, contactIntent, domainCtx, notFound, readForm, guarded } from "@cs/web/server";
import type { Route } from "./+types/company";

/** A partner's own company; any other id is out of scope and answers 404. */
export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const detail = await getOrganization(ctx, params.id);
  return { ...detail, formKey: randomUUID(), editable: can(ctx.actor, "own_organization:update"), contactsEditable: can(ctx.actor, "contact:manage") };
});

export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  const form = await request.formData();
  if (form.get("intent") === "profile") {
    try {
      if (params.id !== ctx.actor.organizationId) notFound();
      await updateOwnCompany(ctx, readForm(form));
      return redirect(`/company/${params.id}?done=org.saved`);
    } catch (error) {
      return actionError(error, form);
    }
  }
  return contactIntent(ctx, params.id, form, `/company/${params.id}`);
});

export default function Company({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const { organization: org } = loaderData;
  const result = (actionData ?? undefined) as ActionResult;
  const intent = typeof result?.initialValue?.intent === "string" ? result.initialValue.intent : null;
  const errors = useFieldErrors(intent === "profile" ? result : undefined);
  const done = params.get("done");
  return (
    <div className="space-y-4">
      <PageHeader title={org.name}>
        <p className="mt-1 text-sm text-slate-600">
          {org.code} · {t(`org.kinds.${org.kind}`)} · {org.taxId}
        </p>
      </PageHeader>
      {done ? <Alert tone="success">{t(done)}</Alert> : null}
      <Card title={t("company.profile")}>
        <p className="mb-3 text-sm text-slate-600">{t("company.readOnlyNote")}</p>
        {loaderData.editable ? (
          <Form method="post" className="grid gap-3 sm:grid-cols-3">
            <CsrfInput />
            <input type="hidden" name="intent" value="profile" />
            <input type="hidden" name="version" value={org.version} />
            <div className="sm:col-span-3">
              <FormAlert result={intent === "profile" ? result : undefined} />
            </div>
            <TextField label={t("org.fields.shortName")} name="shortName" maxLength={30} defaultValue={org.shortName ?? ""} errors={errors("shortName")} />
            <TextField label={t("org.fields.phone")} name="phone" required maxLength={30} defaultValue={org.phone ?? ""} errors={errors("phone")} />
            <TextField label={t("org.fields.address")} name="address" maxLength={200} defaultValue={org.address ?? ""} errors={errors("address")} />
            <div>
              <Button>{t("common.save")}</Button>
            </div>
          </Form>
        ) : (
          <dl className="grid gap-3 text-sm sm:grid-cols-3">
            <div>
              <dt className="text-slate-500">{t("org.fields.phone")}</dt>
              <dd>{org.phone ?? "—"}</dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("org.fields.address")}</dt>
              <dd>{org.address ?? "—"}</dd>
            </div>
          </dl>
        )}
      </Card>
      <ContactList contacts={loaderData.contacts} editable={loaderData.contactsEditable} result={intent === "saveContact" ? result : undefined} formKey={loaderData.formKey} />
      <AddressList addresses={loaderData.addresses} editable={loaderData.contactsEditable} result={intent === "saveAddress" ? result : undefined} formKey={loaderData.formKey} />
    </div>
  );
}

import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { redirect } from "react-router";
import { authorize, createOrganization, listBranches, listOwnerCandidates } from "@cs/domain";
import { PageHeader } from "@cs/ui";
import { actionError, domainCtx, loaderError, readForm, guarded } from "@cs/web/server";
import type { Route } from "./+types/new";
import { OrganizationForm } from "./form";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  try {
    authorize(ctx.actor, "organization:create");
  } catch (error) {
    // Staff without organization:create: a 404 like any page they may not open, not a 500.
    loaderError(error);
  }
  const [branches, owners] = await Promise.all([listBranches(ctx), listOwnerCandidates(ctx)]);
  return { branches, owners, formKey: randomUUID() };
});

export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  const form = await request.formData();
  try {
    const created = await createOrganization(ctx, readForm(form));
    return redirect(`/organizations/${created.id}?done=org.created`);
  } catch (error) {
    return actionError(error, form);
  }
});

export default function NewOrganization({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("org.new")} />
      <OrganizationForm branches={loaderData.branches} owners={loaderData.owners} result={actionData} formKey={loaderData.formKey} cancelTo="/organizations" />
    </>
  );
}

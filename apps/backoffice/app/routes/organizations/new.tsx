import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { redirect } from "react-router";
import { authorize, createOrganization, listBranches, listOwnerCandidates } from "@cs/domain";
import { PageHeader } from "@cs/ui";
import { domainCtx, guarded, submitForm } from "@cs/web/server";
import type { Route } from "./+types/new";
import { OrganizationForm } from "./form";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  authorize(ctx.actor, "organization:create");
  const [branches, owners] = await Promise.all([listBranches(ctx), listOwnerCandidates(ctx)]);
  return { branches, owners, formKey: randomUUID() };
});

export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  return submitForm(request, async (fields) => {
    const created = await createOrganization(ctx, fields);
    return redirect(`/organizations/${created.id}?done=org.created`);
  });
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

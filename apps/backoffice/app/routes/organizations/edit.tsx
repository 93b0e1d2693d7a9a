import { useTranslation } from "@cs/i18n/react";
import { redirect } from "react-router";
import { authorize, findOrganizationInScope, listBranches, listOwnerCandidates, updateOrganization } from "@cs/domain";
import { PageHeader } from "@cs/ui";
import { domainCtx, guarded, submitForm } from "@cs/web/server";
import type { Route } from "./+types/edit";
import { OrganizationForm } from "./form";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  authorize(ctx.actor, "organization:update");
  const [organization, branches, owners] = await Promise.all([findOrganizationInScope(ctx, params.id), listBranches(ctx), listOwnerCandidates(ctx)]);
  return { organization, branches, owners };
});

export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  return submitForm(request, async (fields) => {
    await updateOrganization(ctx, params.id, fields);
    return redirect(`/organizations/${params.id}?done=org.saved`);
  });
});

export default function EditOrganization({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { organization } = loaderData;
  return (
    <>
      <PageHeader title={`${t("org.edit")}：${organization.name}`} />
      <OrganizationForm organization={organization} branches={loaderData.branches} owners={loaderData.owners} result={actionData} cancelTo={`/organizations/${organization.id}`} />
    </>
  );
}

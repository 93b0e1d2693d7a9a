import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { redirect } from "react-router";
import { authorize, saveContractPrice } from "@cs/domain";
import { PageHeader } from "@cs/ui";
import type { ActionResult } from "@cs/web";
import { actionError, domainCtx, loaderError, readForm, guarded } from "@cs/web/server";
import type { Route } from "./+types/contract-new";
import { ContractForm } from "./contract-form";
import { PricingTabs } from "./tabs";

export const loader = guarded(function loader({ context, request }: Route.LoaderArgs) {
  try {
    authorize(domainCtx(context, request).actor, "pricing:manage");
  } catch (error) {
    loaderError(error);
  }
  return { formKey: randomUUID() };
});

export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  const form = await request.formData();
  try {
    await saveContractPrice(ctx, undefined, readForm(form));
    return redirect("/pricing/contracts?done=saved");
  } catch (error) {
    return actionError(error, form);
  }
});

export default function NewContractPrice({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("pricing.contracts.new")} />
      <PricingTabs />
      <ContractForm title={t("pricing.contracts.new")} result={(actionData ?? null) as ActionResult} formKey={loaderData.formKey} />
    </>
  );
}

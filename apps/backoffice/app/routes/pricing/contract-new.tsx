import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { redirect } from "react-router";
import { authorize, saveContractPrice } from "@cs/domain";
import { PageHeader } from "@cs/ui";
import type { ActionResult } from "@cs/web";
import { domainCtx, guarded, submitForm } from "@cs/web/server";
import type { Route } from "./+types/contract-new";
import { ContractForm } from "./contract-form";
import { PricingTabs } from "./tabs";

export const loader = guarded(function loader({ context, request }: Route.LoaderArgs) {
  authorize(domainCtx(context, request).actor, "pricing:manage");
  return { formKey: randomUUID() };
});

export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  return submitForm(request, async (fields) => {
    await saveContractPrice(ctx, undefined, fields);
    return redirect("/pricing/contracts?done=saved");
  });
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

import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { redirect } from "react-router";
import { authorize, savePriceList } from "@cs/domain";
import { PageHeader } from "@cs/ui";
import type { ActionResult } from "@cs/web";
import { domainCtx, guarded, submitForm } from "@cs/web/server";
import type { Route } from "./+types/list-new";
import { PriceListForm } from "./list-form";
import { PricingTabs } from "./tabs";

export const loader = guarded(function loader({ context, request }: Route.LoaderArgs) {
  authorize(domainCtx(context, request).actor, "pricing:manage");
  return { formKey: randomUUID() };
});

export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  return submitForm(request, async (fields) => {
    const { id } = await savePriceList(ctx, undefined, fields);
    return redirect(`/pricing/lists/${id}?done=saved`);
  });
});

export default function NewPriceList({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("pricing.lists.new")} />
      <PricingTabs />
      <PriceListForm result={(actionData ?? null) as ActionResult} formKey={loaderData.formKey} />
    </>
  );
}

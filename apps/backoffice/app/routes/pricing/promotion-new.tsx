import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { redirect } from "react-router";
import { authorize, listCatalogueTree, savePromotion } from "@cs/domain";
import { PageHeader } from "@cs/ui";
import type { ActionResult } from "@cs/web";
import { domainCtx, guarded, submitForm } from "@cs/web/server";
import type { Route } from "./+types/promotion-new";
import { PromotionForm } from "./promotion-form";
import { PricingTabs } from "./tabs";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  authorize(ctx.actor, "pricing:manage");
  return { lines: (await listCatalogueTree(ctx)).flatMap((d) => d.lines), formKey: randomUUID() };
});

export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  return submitForm(request, async (fields) => {
    await savePromotion(ctx, undefined, fields);
    return redirect("/pricing/promotions?done=saved");
  });
});

export default function NewPromotion({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("pricing.promotions.new")} />
      <PricingTabs />
      <PromotionForm title={t("pricing.promotions.new")} lines={loaderData.lines} result={(actionData ?? null) as ActionResult} formKey={loaderData.formKey} />
    </>
  );
}

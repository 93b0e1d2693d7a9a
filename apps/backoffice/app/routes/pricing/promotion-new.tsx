import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { redirect } from "react-router";
import { authorize, listCatalogueTree, savePromotion } from "@cs/domain";
import { PageHeader } from "@cs/ui";
import type { ActionResult } from "@cs/web";
import { actionError, domainCtx, loaderError, readForm, guarded } from "@cs/web/server";
import type { Route } from "./+types/promotion-new";
import { PromotionForm } from "./promotion-form";
import { PricingTabs } from "./tabs";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  try {
    authorize(ctx.actor, "pricing:manage");
    return { lines: (await listCatalogueTree(ctx)).flatMap((d) => d.lines), formKey: randomUUID() };
  } catch (error) {
    loaderError(error);
  }
});

export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  const form = await request.formData();
  try {
    await savePromotion(ctx, undefined, readForm(form));
    return redirect("/pricing/promotions?done=saved");
  } catch (error) {
    return actionError(error, form);
  }
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

import { useTranslation } from "@cs/i18n/react";
import { redirect } from "react-router";
import { authorize, getPromotion, listCatalogueTree, savePromotion } from "@cs/domain";
import { PageHeader } from "@cs/ui";
import type { ActionResult } from "@cs/web";
import { domainCtx, guarded, submitForm } from "@cs/web/server";
import { fenToYuan } from "@cs/domain/shared/money";
import type { Route } from "./+types/promotion-edit";
import { PromotionForm } from "./promotion-form";
import { PricingTabs } from "./tabs";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  authorize(ctx.actor, "pricing:manage");
  const [{ promotion: p, sku }, tree] = await Promise.all([getPromotion(ctx, params.id), listCatalogueTree(ctx)]);
  return {
    lines: tree.flatMap((d) => d.lines),
    values: {
      code: p.code,
      nameZh: p.nameZh,
      nameEn: p.nameEn,
      target: p.productId ? "product" : "line",
      sku: sku ?? "",
      productLineId: p.productLineId ?? "",
      partnerKind: p.partnerKind ?? "",
      kind: p.discountBp !== null ? "discount" : "price",
      discountPercent: p.discountBp !== null ? String(p.discountBp / 100) : "",
      promoPrice: p.promoPriceFen === null ? "" : fenToYuan(p.promoPriceFen),
      minQuantity: String(p.minQuantity),
      startsOn: p.startsOn,
      endsOn: p.endsOn,
      active: p.active,
    },
  };
});

export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  return submitForm(request, async (fields) => {
    await savePromotion(ctx, params.id, fields);
    return redirect("/pricing/promotions?done=saved");
  });
});

export default function EditPromotion({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("pricing.promotions.edit")} />
      <PricingTabs />
      <PromotionForm title={t("pricing.promotions.edit")} values={loaderData.values} lines={loaderData.lines} result={(actionData ?? null) as ActionResult} />
    </>
  );
}

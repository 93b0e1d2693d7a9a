import { useTranslation } from "@cs/i18n/react";
import { redirect, useSearchParams } from "react-router";
import { getProduct, listCatalogueTree, saveProduct } from "@cs/domain";
import { fenToYuan } from "@cs/domain/shared/money";
import { Alert, PageHeader } from "@cs/ui";
import type { ActionResult } from "@cs/web";
import { domainCtx, guarded, submitForm } from "@cs/web/server";
import type { Route } from "./+types/edit";
import { ProductForm } from "./form";
import { productLineOptions } from "./lines.server";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const [p, tree] = await Promise.all([getProduct(ctx, params.id), listCatalogueTree(ctx)]);
  return {
    lines: productLineOptions(tree),
    values: {
      sku: p.sku,
      nameZh: p.nameZh,
      nameEn: p.nameEn,
      productLineId: p.productLineId,
      unit: p.unit,
      listPrice: fenToYuan(p.listPriceFen),
      cost: fenToYuan(p.costFen),
      warrantyMonths: String(p.warrantyMonths),
      extendedWarrantyMonths: p.extendedWarrantyMonths === null ? "" : String(p.extendedWarrantyMonths),
      serialized: p.serialized,
      active: p.active,
      // tax
      taxCode: p.taxCode ?? "",
      taxRate: String(p.taxRateBp / 100),
    },
  };
});

export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  return submitForm(request, async (fields) => {
    await saveProduct(ctx, params.id, fields);
    return redirect(`/products/${params.id}/edit?done=saved`);
  });
});

export default function EditProduct({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const title = t("product.editOf", { sku: loaderData.values.sku });
  return (
    <>
      <PageHeader title={title} />
      {params.get("done") === "saved" && !actionData ? (
        <div className="mb-4">
          <Alert tone="success">{t("product.saved")}</Alert>
        </div>
      ) : null}
      <ProductForm title={t("product.edit")} values={loaderData.values} lines={loaderData.lines} result={(actionData ?? null) as ActionResult} />
    </>
  );
}

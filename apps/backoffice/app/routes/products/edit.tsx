import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { redirect, useSearchParams } from "react-router";
import { addProductImage, getProduct, listCatalogueTree, listProductImages, removeProductImage, saveProduct } from "@cs/domain";
import { fenToYuan } from "@cs/domain/shared/money";
import { Alert, PageHeader } from "@cs/ui";
import type { ActionResult } from "@cs/web";
import { domainCtx, filesOf, guarded, submitForm } from "@cs/web/server";
import type { Route } from "./+types/edit";
import { ProductForm } from "./form";
import { ProductImages, imageIntents } from "./images";
import { productLineOptions } from "./lines.server";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const [p, tree, images] = await Promise.all([getProduct(ctx, params.id), listCatalogueTree(ctx), listProductImages(ctx, params.id)]);
  return {
    images,
    imageKey: randomUUID(),
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
  return submitForm(request, async (fields, form) => {
    if (fields.intent === "image") {
      await addProductImage(ctx, params.id, fields, await filesOf(form, "image"));
      return redirect(`/products/${params.id}/edit?done=image`);
    }
    if (fields.intent === "removeImage") {
      await removeProductImage(ctx, params.id, fields.imageId ?? "");
      return redirect(`/products/${params.id}/edit?done=imageRemoved`);
    }
    await saveProduct(ctx, params.id, fields);
    return redirect(`/products/${params.id}/edit?done=saved`);
  });
});

export default function EditProduct({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const title = t("product.editOf", { sku: loaderData.values.sku });
  const result = (actionData ?? null) as ActionResult;
  const forImages = imageIntents.has(String(result?.initialValue?.intent ?? ""));
  const done = actionData ? null : params.get("done");
  const doneKey = done === "saved" ? "product.saved" : done === "image" ? "product.images.uploaded" : done === "imageRemoved" ? "product.images.removed" : null;
  return (
    <>
      <PageHeader title={title} />
      {doneKey ? (
        <div className="mb-4">
          <Alert tone="success">{t(doneKey)}</Alert>
        </div>
      ) : null}
      <ProductForm title={t("product.edit")} values={loaderData.values} lines={loaderData.lines} result={forImages ? null : result} />
      <ProductImages images={loaderData.images} name={loaderData.values.nameZh} formKey={loaderData.imageKey} result={forImages ? result : null} />
    </>
  );
}

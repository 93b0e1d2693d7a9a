import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { redirect } from "react-router";
import { authorize, listCatalogueTree, saveProduct } from "@cs/domain";
import { PageHeader } from "@cs/ui";
import type { ActionResult } from "@cs/web";
import { domainCtx, guarded, submitForm } from "@cs/web/server";
import type { Route } from "./+types/new";
import { ProductForm } from "./form";
import { productLineOptions } from "./lines.server";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  authorize(ctx.actor, "product:manage");
  return { lines: productLineOptions(await listCatalogueTree(ctx)), formKey: randomUUID() };
});

export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  return submitForm(request, async (fields) => {
    const { id } = await saveProduct(ctx, undefined, fields);
    return redirect(`/products/${id}/edit?done=saved`);
  });
});

export default function NewProduct({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("product.new")} />
      <ProductForm title={t("product.new")} lines={loaderData.lines} result={(actionData ?? null) as ActionResult} formKey={loaderData.formKey} />
    </>
  );
}

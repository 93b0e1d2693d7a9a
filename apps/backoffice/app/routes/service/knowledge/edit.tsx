import { useTranslation } from "@cs/i18n/react";
import { redirect } from "react-router";
import { getArticle, knowledgeFacets, updateArticle } from "@cs/domain";
import { PageHeader } from "@cs/ui";
import { actionError, domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/edit";
import { ArticleForm } from "./form";
import { articleFormValues } from "./form.server";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const [detail, facets] = await Promise.all([getArticle(ctx, params.id), knowledgeFacets(ctx)]);
  return { detail, facets };
});

export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  const form = await request.formData();
  try {
    await updateArticle(ctx, params.id, articleFormValues(form));
    return redirect(`/service/knowledge/${params.id}?done=saved`);
  } catch (error) {
    return actionError(error, form);
  }
});

export default function EditArticle({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { detail, facets } = loaderData;
  return (
    <div className="space-y-4">
      <PageHeader title={t("knowledge.editTitle", { number: detail.article.number })} />
      <ArticleForm
        article={detail.article}
        skus={detail.products.map((p) => p.sku).join(" ")}
        facets={facets}
        result={actionData}
        cancelTo={`/service/knowledge/${detail.article.id}`}
      />
    </div>
  );
}

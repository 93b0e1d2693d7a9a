import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { redirect } from "react-router";
import { authorizeKnowledgeDraft, createArticle, knowledgeFacets } from "@cs/domain";
import { PageHeader } from "@cs/ui";
import { actionError, domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/new";
import { ArticleForm } from "./form";
import { articleFormValues } from "./form.server";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  authorizeKnowledgeDraft(ctx.actor);
  return { facets: await knowledgeFacets(ctx), formKey: randomUUID() };
});

export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  const form = await request.formData();
  try {
    const created = await createArticle(ctx, articleFormValues(form));
    return redirect(`/service/knowledge/${created.id}?done=created`);
  } catch (error) {
    return actionError(error, form);
  }
});

export default function NewArticle({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <div className="space-y-4">
      <PageHeader title={t("knowledge.newTitle")} />
      <ArticleForm facets={loaderData.facets} result={actionData} formKey={loaderData.formKey} cancelTo="/service/knowledge" />
    </div>
  );
}

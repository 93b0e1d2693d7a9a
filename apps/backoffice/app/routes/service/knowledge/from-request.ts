import { redirect } from "react-router";
import { draftArticleFromRequest } from "@cs/domain";
import { actionError, domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/from-request";

/** POST from a resolved request's desk page: a knowledge-base draft made from it (or the one already made), opened for editing. */
export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  const form = await request.formData();
  try {
    const { article, created } = await draftArticleFromRequest(ctx, { requestId: params.requestId });
    return redirect(created ? `/service/knowledge/${article.id}/edit` : `/service/knowledge/${article.id}`);
  } catch (error) {
    return actionError(error, form);
  }
});

import { redirect } from "react-router";
import { draftArticleFromRequest } from "@cs/domain";
import { actionError, domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/draft";

/**
 * POST from a resolved repair request's page (station technicians): turns the request into a
 * knowledge-base draft for the desk and shows it; asking again shows the draft already made.
 */
export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  const form = await request.formData();
  try {
    const { article, created } = await draftArticleFromRequest(ctx, { requestId: params.requestId });
    return redirect(`/knowledge/${article.id}?done=${created ? "draftCreated" : "draftExists"}`);
  } catch (error) {
    return actionError(error, form);
  }
});

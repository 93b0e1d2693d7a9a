import { and, eq, ne } from "drizzle-orm";
import { knowledgeArticles, products, repairRequests, type RepairStatus } from "@cs/db";
import { serviceScope } from "../../access/scopes";
import { inTransaction, type Ctx } from "../../shared/context";
import { NotFoundError, ValidationError } from "../../shared/errors";
import { parseInput } from "../../shared/parse";
import { authorizeKnowledgeDraft } from "./access";
import { draftFromRequestInput } from "./inputs";
import { insertDraft } from "./save";

/** A request is resolved once the repair is done: from `ready` on, with a diagnosis and a resolution written. */
export const resolvedRepairStatuses: readonly RepairStatus[] = ["ready", "returned", "closed"];

/**
 * A technician (or the desk) turns a resolved repair request into a draft article: symptom from the
 * customer's description, cause from the diagnosis, solution from the resolution, applicable to the
 * request's product. The desk then edits and publishes it. One live article per request: asking again
 * returns the draft already made (safe to retry, no duplicates).
 */
export async function draftArticleFromRequest(ctx: Ctx, raw: unknown) {
  authorizeKnowledgeDraft(ctx.actor);
  const input = parseInput(draftFromRequestInput, raw);
  return inTransaction(ctx, async (tx, tctx) => {
    const [request] = await tx
      .select({
        id: repairRequests.id,
        number: repairRequests.number,
        status: repairRequests.status,
        productId: repairRequests.productId,
        divisionId: repairRequests.divisionId,
        symptoms: repairRequests.symptoms,
        diagnosis: repairRequests.diagnosis,
        resolution: repairRequests.resolution,
        productName: products.nameZh,
      })
      .from(repairRequests)
      .innerJoin(products, eq(products.id, repairRequests.productId))
      .where(and(eq(repairRequests.id, input.requestId), serviceScope(ctx.actor)))
      .for("update", { of: repairRequests });
    if (!request) throw new NotFoundError("repair_request");
    if (!resolvedRepairStatuses.includes(request.status) || !request.resolution?.trim())
      throw new ValidationError({ form: ["knowledge.validation.requestNotResolved"] });
    const [existing] = await tx
      .select()
      .from(knowledgeArticles)
      .where(and(eq(knowledgeArticles.sourceRepairRequestId, request.id), ne(knowledgeArticles.status, "archived")));
    if (existing) return { article: existing, created: false };
    const symptom = request.symptoms.trim();
    const article = await insertDraft(tx, tctx, {
      title: `${request.productName}：${symptom.split(/[\n。.!！?？]/)[0]!.slice(0, 60)}`.slice(0, 120),
      symptom,
      cause: request.diagnosis?.trim() ?? "",
      solution: request.resolution.trim(),
      productIds: [request.productId],
      productLineIds: [],
      divisionId: request.divisionId,
      sourceRepairRequestId: request.id,
    });
    return { article, created: true };
  });
}

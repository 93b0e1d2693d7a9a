import { eq, sql } from "drizzle-orm";
import { knowledgeArticles, type KnowledgeArticle, type KnowledgeStatus } from "@cs/db";
import { authorize } from "../../access/authorize";
import { recordAudit } from "../../shared/audit";
import { inTransaction, type Ctx } from "../../shared/context";
import { ConflictError, ValidationError } from "../../shared/errors";
import { parseInput } from "../../shared/parse";
import { findArticleForUpdate } from "./save";
import { articleStatusInput } from "./inputs";

/** Which status an article may move to from which: defined once, used by the buttons and the checks. */
export const knowledgeTransitions: Record<KnowledgeStatus, readonly KnowledgeStatus[]> = {
  draft: ["published", "archived"],
  published: ["archived"],
  archived: ["published"],
};

export function nextKnowledgeStatuses(status: KnowledgeStatus): readonly KnowledgeStatus[] {
  return knowledgeTransitions[status];
}

/**
 * The service desk publishes or archives. The version guards against a stale page; clicking twice
 * (the article already in the target status) is a no-op, so a retried request is harmless.
 */
async function moveArticle(ctx: Ctx, id: string, raw: unknown, to: "published" | "archived"): Promise<KnowledgeArticle> {
  authorize(ctx.actor, "service:manage");
  const input = parseInput(articleStatusInput, raw);
  return inTransaction(ctx, async (tx, tctx) => {
    const current = await findArticleForUpdate(tctx, id);
    if (current.status === to) return current;
    if (input.version !== current.version) throw new ConflictError("errors.staleEdit");
    if (!knowledgeTransitions[current.status].includes(to)) throw new ValidationError({ form: ["knowledge.validation.illegalTransition"] });
    const stamp = to === "published" ? { publishedBy: ctx.actor.userId, publishedAt: new Date() } : {};
    const [updated] = await tx
      .update(knowledgeArticles)
      .set({ status: to, ...stamp, version: sql`${knowledgeArticles.version} + 1`, updatedAt: new Date() })
      .where(eq(knowledgeArticles.id, current.id))
      .returning();
    if (!updated) throw new Error("update returned nothing");
    await recordAudit(tx, ctx.actor, {
      action: to === "published" ? "publish" : "archive",
      entity: "knowledge_article",
      entityId: id,
      before: { status: current.status },
      after: { status: to },
    });
    return updated;
  });
}

export const publishArticle = (ctx: Ctx, id: string, raw: unknown) => moveArticle(ctx, id, raw, "published");
export const archiveArticle = (ctx: Ctx, id: string, raw: unknown) => moveArticle(ctx, id, raw, "archived");

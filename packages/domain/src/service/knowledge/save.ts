import { and, eq, sql } from "drizzle-orm";
import { knowledgeArticles, type KnowledgeArticle, type Transaction } from "@cs/db";
import { can } from "../../access/authorize";
import { diffFields, recordAudit } from "../../shared/audit";
import { inTransaction, type Ctx } from "../../shared/context";
import { nextDocumentNumber } from "../../shared/document-number";
import { ConflictError, ForbiddenError, NotFoundError } from "../../shared/errors";
import { keyOf, once } from "../../shared/idempotency";
import { isUuid, parseInput } from "../../shared/parse";
import { shanghaiToday, yearOf } from "../../shared/dates";
import { authorizeKnowledgeDraft, knowledgeScope } from "./access";
import { articleInput, articleUpdateInput } from "./inputs";
import { resolveApplicability } from "./resolve";

type NewArticle = {
  title: string;
  symptom: string;
  cause: string;
  solution: string;
  productIds: string[];
  productLineIds: string[];
  divisionId: string | null;
  sourceRepairRequestId?: string | null;
};

/** Inserts a draft with the next KB- number; the caller holds the transaction and has authorised. */
export async function insertDraft(tx: Transaction, ctx: Ctx, values: NewArticle): Promise<KnowledgeArticle> {
  const number = await nextDocumentNumber(tx, "KB", yearOf(shanghaiToday()));
  const [created] = await tx
    .insert(knowledgeArticles)
    .values({ ...values, number, status: "draft", authorId: ctx.actor.userId })
    .returning();
  if (!created) throw new Error("insert returned nothing");
  await recordAudit(tx, ctx.actor, { action: "create", entity: "knowledge_article", entityId: created.id, after: created });
  return created;
}

/** A new draft article, written by the desk or a technician. Retry-safe with the form's `_key`. */
export async function createArticle(ctx: Ctx, raw: unknown) {
  authorizeKnowledgeDraft(ctx.actor);
  const input = parseInput(articleInput, raw);
  return inTransaction(ctx, async (tx, tctx) => {
    const { result } = await once(tx, ctx.actor, keyOf(raw), input, async () => {
      const applicability = await resolveApplicability(tx, input);
      const created = await insertDraft(tx, tctx, { title: input.title, symptom: input.symptom, cause: input.cause, solution: input.solution, ...applicability });
      return { id: created.id };
    });
    return findArticleForUpdate(tctx, result.id);
  });
}

/** The article locked for a change, if this actor may change it: the desk any, a drafter only its own drafts. */
export async function findArticleForUpdate(ctx: Ctx, id: string): Promise<KnowledgeArticle> {
  if (!isUuid(id)) throw new NotFoundError("knowledge_article");
  const [row] = await ctx.db
    .select()
    .from(knowledgeArticles)
    .where(and(eq(knowledgeArticles.id, id), knowledgeScope(ctx.actor)))
    .for("update");
  if (!row) throw new NotFoundError("knowledge_article");
  return row;
}

function assertMayEdit(ctx: Ctx, article: KnowledgeArticle) {
  if (can(ctx.actor, "service:manage")) return;
  if (article.status === "draft" && article.authorId === ctx.actor.userId) return;
  throw new ForbiddenError("knowledge:edit");
}

/**
 * Edits text and applicability under optimistic concurrency: the form carries the version it was
 * loaded at. Replaying an edit that already landed (same values) succeeds without a second write;
 * a different edit against an old version is a conflict.
 */
export async function updateArticle(ctx: Ctx, id: string, raw: unknown) {
  authorizeKnowledgeDraft(ctx.actor);
  const input = parseInput(articleUpdateInput, raw);
  return inTransaction(ctx, async (tx, tctx) => {
    const current = await findArticleForUpdate(tctx, id);
    assertMayEdit(tctx, current);
    const applicability = await resolveApplicability(tx, input);
    const next = { title: input.title, symptom: input.symptom, cause: input.cause, solution: input.solution, ...applicability };
    const diff = diffFields(
      { ...current, productIds: current.productIds.join(","), productLineIds: current.productLineIds.join(",") } as Record<string, unknown>,
      { ...next, productIds: next.productIds.join(","), productLineIds: next.productLineIds.join(",") },
    );
    if (!diff.changed) return current;
    if (input.version !== current.version) throw new ConflictError("errors.staleEdit");
    const [updated] = await tx
      .update(knowledgeArticles)
      .set({ ...next, version: sql`${knowledgeArticles.version} + 1`, updatedAt: new Date() })
      .where(eq(knowledgeArticles.id, current.id))
      .returning();
    if (!updated) throw new Error("update returned nothing");
    await recordAudit(tx, ctx.actor, { action: "update", entity: "knowledge_article", entityId: id, before: diff.before, after: diff.after });
    return updated;
  });
}

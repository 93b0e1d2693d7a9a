import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { rebateAdjustments, rebateStatements, type RebateStatementStatus } from "@cs/db";
import { authorize } from "../access/authorize";
import { rebateStatementScope } from "../access/scopes";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { ConflictError, NotFoundError } from "../shared/errors";
import { parseInput } from "../shared/parse";
import { statementAdjustmentIds } from "./statements-write";

export const statementIdsInput = z.object({
  ids: z.preprocess((v) => (Array.isArray(v) ? v : v === undefined || v === "" ? [] : [v]), z.array(z.uuid({ error: "validation.invalid" })).min(1, { error: "rebatePrograms.errors.noneSelected" }).max(1000)),
});

type Step = { from: RebateStatementStatus; to: "approved" | "published"; action: string; error: string };
const APPROVE: Step = { from: "draft", to: "approved", action: "approve", error: "rebatePrograms.errors.notDraft" };
const PUBLISH: Step = { from: "approved", to: "published", action: "publish", error: "rebatePrograms.errors.notApproved" };

/**
 * Moves the chosen statements one step, all or none: any that is out of scope is not found, any
 * not in the expected status (approved twice, published before approval) is a conflict and nothing
 * changes. Approving also marks the adjustments the statements carry as applied; one already
 * applied by another statement is a conflict too (recalculate the draft).
 */
async function advance(ctx: Ctx, raw: unknown, step: Step) {
  authorize(ctx.actor, "rebate:approve");
  const { ids } = parseInput(statementIdsInput, raw);
  const unique = [...new Set(ids)];
  return inTransaction(ctx, async (tx) => {
    const rows = await tx
      .select({ id: rebateStatements.id, status: rebateStatements.status, number: rebateStatements.number })
      .from(rebateStatements)
      .where(and(inArray(rebateStatements.id, unique), rebateStatementScope(ctx.actor)))
      .for("update");
    if (rows.length !== unique.length) throw new NotFoundError("rebate statement");
    if (rows.some((r) => r.status !== step.from)) throw new ConflictError(step.error);
    const stamp =
      step.to === "approved"
        ? { approvedBy: ctx.actor.userId, approvedAt: sql`now()` }
        : { publishedBy: ctx.actor.userId, publishedAt: sql`now()` };
    await tx
      .update(rebateStatements)
      .set({ status: step.to, ...stamp, version: sql`${rebateStatements.version} + 1` })
      .where(inArray(rebateStatements.id, unique));
    if (step.to === "approved") {
      const carried = await statementAdjustmentIds(tx, unique);
      for (const c of carried) {
        const applied = await tx
          .update(rebateAdjustments)
          .set({ appliedStatementId: c.statementId })
          .where(and(eq(rebateAdjustments.id, c.id), isNull(rebateAdjustments.appliedStatementId)))
          .returning({ id: rebateAdjustments.id });
        if (applied.length === 0) throw new ConflictError("rebatePrograms.errors.adjustmentTaken");
      }
    }
    for (const r of rows) await recordAudit(tx, ctx.actor, { action: step.action, entity: "rebate_statement", entityId: r.id, before: { status: r.status }, after: { status: step.to } });
    return { count: rows.length };
  });
}

export const approveRebateStatements = (ctx: Ctx, raw: unknown) => advance(ctx, raw, APPROVE);
export const publishRebateStatements = (ctx: Ctx, raw: unknown) => advance(ctx, raw, PUBLISH);

import { and, asc, count, desc, eq, ilike, isNotNull, isNull, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { invoices, organizations, rebateAdjustments, rebateStatements } from "@cs/db";
import { authorize } from "../access/authorize";
import { rebateStatementScope } from "../access/scopes";
import type { Ctx } from "../shared/context";
import { likePattern, listQuerySchema, type Page } from "../shared/list-query";

export const rebateAdjustmentStatuses = ["pending", "applied"] as const;

export const rebateAdjustmentListQuery = listQuerySchema(["createdAt", "amountFen", "partner", "source"] as const, "createdAt").extend({
  dir: z.enum(["asc", "desc"]).catch("desc"),
  status: z.enum(rebateAdjustmentStatuses).optional().catch(undefined),
  branch: z.uuid().optional().catch(undefined),
});
export type RebateAdjustmentListQuery = z.output<typeof rebateAdjustmentListQuery>;

const source = alias(rebateStatements, "source");
const applied = alias(rebateStatements, "applied");
const branches = alias(organizations, "branch");

/**
 * Corrections to frozen statements (returns after approval), pending until the partner's next
 * statement carrying them is approved, then applied. Staff see them through the source statement's
 * scope (rebate:read, their branches), the same rows as the statements list.
 */
export async function listRebateAdjustments(ctx: Ctx, query: RebateAdjustmentListQuery) {
  authorize(ctx.actor, "rebate:read");
  const where = and(
    rebateStatementScope(ctx.actor, source),
    query.status === "pending" ? isNull(rebateAdjustments.appliedStatementId) : query.status === "applied" ? isNotNull(rebateAdjustments.appliedStatementId) : undefined,
    query.branch ? eq(source.ownerBranchId, query.branch) : undefined,
    query.q
      ? or(ilike(organizations.name, likePattern(query.q)), ilike(organizations.code, likePattern(query.q)), ilike(source.number, likePattern(query.q)), ilike(invoices.number, likePattern(query.q)))
      : undefined,
  );
  const order = query.dir === "desc" ? desc : asc;
  const col = { createdAt: rebateAdjustments.createdAt, amountFen: rebateAdjustments.amountFen, partner: organizations.code, source: source.number }[query.sort];
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        id: rebateAdjustments.id,
        organizationId: rebateAdjustments.organizationId,
        partner: organizations.name,
        partnerCode: organizations.code,
        branch: branches.name,
        sourceStatementId: source.id,
        sourceNumber: source.number,
        sourcePeriodStart: source.periodStart,
        sourcePeriodEnd: source.periodEnd,
        creditNoteId: rebateAdjustments.creditNoteId,
        creditNoteNumber: invoices.number,
        amountFen: rebateAdjustments.amountFen,
        reason: rebateAdjustments.reason,
        createdAt: rebateAdjustments.createdAt,
        appliedStatementId: applied.id,
        appliedNumber: applied.number,
      })
      .from(rebateAdjustments)
      .innerJoin(source, eq(source.id, rebateAdjustments.sourceStatementId))
      .innerJoin(organizations, eq(organizations.id, rebateAdjustments.organizationId))
      .leftJoin(branches, eq(branches.id, source.ownerBranchId))
      .leftJoin(invoices, eq(invoices.id, rebateAdjustments.creditNoteId))
      .leftJoin(applied, eq(applied.id, rebateAdjustments.appliedStatementId))
      .where(where)
      .orderBy(order(col), desc(rebateAdjustments.id))
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    ctx.db
      .select({ n: count() })
      .from(rebateAdjustments)
      .innerJoin(source, eq(source.id, rebateAdjustments.sourceStatementId))
      .innerJoin(organizations, eq(organizations.id, rebateAdjustments.organizationId))
      .leftJoin(invoices, eq(invoices.id, rebateAdjustments.creditNoteId))
      .where(where),
  ]);
  return { rows, total: total?.n ?? 0, page: query.page, size: query.size } satisfies Page<unknown>;
}
export type RebateAdjustmentRow = Awaited<ReturnType<typeof listRebateAdjustments>>["rows"][number];

import { and, asc, count, desc, eq, ilike, or } from "drizzle-orm";
import { z } from "zod";
import { alias } from "drizzle-orm/pg-core";
import {
  divisions,
  organizations,
  priceProtections,
  productLines,
  products,
  rebatePrograms,
  rebateStatementKinds,
  rebateStatementLines,
  rebateStatements,
  rebateStatementStatuses,
} from "@cs/db";
import type { Actor } from "../access/actor";
import { authorize } from "../access/authorize";
import { rebateStatementScope } from "../access/scopes";
import type { Ctx } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { likePattern, listQuerySchema, type Page } from "../shared/list-query";
import { isUuid } from "../shared/parse";

/** Staff read statements with rebate:read; a partner admin its own published ones with own_rebate:read. */
export function authorizeRebateRead(actor: Actor) {
  authorize(actor, actor.kind === "partner" ? "own_rebate:read" : "rebate:read");
}

export const rebateStatementListQuery = listQuerySchema(["number", "periodEnd", "amountFen", "partner", "status"] as const, "number").extend({
  dir: z.enum(["asc", "desc"]).catch("desc"),
  program: z.uuid().optional().catch(undefined),
  status: z.enum(rebateStatementStatuses).optional().catch(undefined),
  kind: z.enum(rebateStatementKinds).optional().catch(undefined),
  branch: z.uuid().optional().catch(undefined),
  partner: z.uuid().optional().catch(undefined),
});
export type RebateStatementListQuery = z.output<typeof rebateStatementListQuery>;

const branches = alias(organizations, "branch");

const listColumns = {
  id: rebateStatements.id,
  number: rebateStatements.number,
  kind: rebateStatements.kind,
  status: rebateStatements.status,
  organizationId: rebateStatements.organizationId,
  partner: organizations.name,
  partnerCode: organizations.code,
  partnerTier: organizations.tier,
  branch: branches.name,
  programId: rebateStatements.programId,
  programCode: rebatePrograms.code,
  programName: rebatePrograms.name,
  programNameEn: rebatePrograms.nameEn,
  priceProtectionId: rebateStatements.priceProtectionId,
  priceProtectionNumber: priceProtections.number,
  periodStart: rebateStatements.periodStart,
  periodEnd: rebateStatements.periodEnd,
  basisFen: rebateStatements.basisFen,
  targetFen: rebateStatements.targetFen,
  completionBp: rebateStatements.completionBp,
  tierIndex: rebateStatements.tierIndex,
  onTimeBp: rebateStatements.onTimeBp,
  rateBp: rebateStatements.rateBp,
  multiplierBp: rebateStatements.multiplierBp,
  capApplied: rebateStatements.capApplied,
  adjustmentsFen: rebateStatements.adjustmentsFen,
  amountFen: rebateStatements.amountFen,
  calculatedAt: rebateStatements.calculatedAt,
  approvedAt: rebateStatements.approvedAt,
  publishedAt: rebateStatements.publishedAt,
  settledAt: rebateStatements.settledAt,
  version: rebateStatements.version,
};

/**
 * Statements of both kinds (rebate and price protection), scoped by rebateStatementScope: staff by
 * branch, a partner its own published and settled ones.
 */
export async function listRebateStatements(ctx: Ctx, query: RebateStatementListQuery) {
  authorizeRebateRead(ctx.actor);
  const where = and(
    rebateStatementScope(ctx.actor),
    query.program ? eq(rebateStatements.programId, query.program) : undefined,
    query.status ? eq(rebateStatements.status, query.status) : undefined,
    query.kind ? eq(rebateStatements.kind, query.kind) : undefined,
    query.branch ? eq(rebateStatements.ownerBranchId, query.branch) : undefined,
    query.partner ? eq(rebateStatements.organizationId, query.partner) : undefined,
    query.q
      ? or(ilike(rebateStatements.number, likePattern(query.q)), ilike(organizations.name, likePattern(query.q)), ilike(organizations.code, likePattern(query.q)))
      : undefined,
  );
  const order = query.dir === "desc" ? desc : asc;
  const col = {
    number: rebateStatements.number,
    periodEnd: rebateStatements.periodEnd,
    amountFen: rebateStatements.amountFen,
    partner: organizations.code,
    status: rebateStatements.status,
  }[query.sort];
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select(listColumns)
      .from(rebateStatements)
      .innerJoin(organizations, eq(organizations.id, rebateStatements.organizationId))
      .leftJoin(branches, eq(branches.id, rebateStatements.ownerBranchId))
      .leftJoin(rebatePrograms, eq(rebatePrograms.id, rebateStatements.programId))
      .leftJoin(priceProtections, eq(priceProtections.id, rebateStatements.priceProtectionId))
      .where(where)
      .orderBy(order(col), desc(rebateStatements.number))
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    ctx.db
      .select({ n: count() })
      .from(rebateStatements)
      .innerJoin(organizations, eq(organizations.id, rebateStatements.organizationId))
      .where(where),
  ]);
  return { rows, total: total?.n ?? 0, page: query.page, size: query.size } satisfies Page<unknown>;
}
export type RebateStatementRow = Awaited<ReturnType<typeof listRebateStatements>>["rows"][number];

/** One statement with its explained lines and what produced it (program or price protection); NotFound out of scope. */
export async function getRebateStatement(ctx: Ctx, id: string) {
  authorizeRebateRead(ctx.actor);
  if (!isUuid(id)) throw new NotFoundError("rebate statement");
  const [row] = await ctx.db
    .select(listColumns)
    .from(rebateStatements)
    .innerJoin(organizations, eq(organizations.id, rebateStatements.organizationId))
    .leftJoin(branches, eq(branches.id, rebateStatements.ownerBranchId))
    .leftJoin(rebatePrograms, eq(rebatePrograms.id, rebateStatements.programId))
    .leftJoin(priceProtections, eq(priceProtections.id, rebateStatements.priceProtectionId))
    .where(and(eq(rebateStatements.id, id), rebateStatementScope(ctx.actor)));
  if (!row) throw new NotFoundError("rebate statement");
  const [lines, program, priceProtection] = await Promise.all([
    ctx.db
      .select({
        lineNo: rebateStatementLines.lineNo,
        kind: rebateStatementLines.kind,
        basisFen: rebateStatementLines.basisFen,
        rateBp: rebateStatementLines.rateBp,
        amountFen: rebateStatementLines.amountFen,
        params: rebateStatementLines.params,
      })
      .from(rebateStatementLines)
      .where(eq(rebateStatementLines.statementId, id))
      .orderBy(asc(rebateStatementLines.lineNo)),
    row.programId ? programSummary(ctx, row.programId) : Promise.resolve(null),
    row.priceProtectionId
      ? ctx.db
          .select({
            id: priceProtections.id,
            number: priceProtections.number,
            effectiveDate: priceProtections.effectiveDate,
            oldPriceFen: priceProtections.oldPriceFen,
            newPriceFen: priceProtections.newPriceFen,
            sku: products.sku,
            productNameZh: products.nameZh,
            productNameEn: products.nameEn,
          })
          .from(priceProtections)
          .innerJoin(products, eq(products.id, priceProtections.productId))
          .where(eq(priceProtections.id, row.priceProtectionId))
          .then((r) => r[0] ?? null)
      : Promise.resolve(null),
  ]);
  return { statement: row, lines: lines.map((l) => ({ ...l, params: l.params as Record<string, unknown> })), program, priceProtection };
}
export type RebateStatementDetail = Awaited<ReturnType<typeof getRebateStatement>>;

async function programSummary(ctx: Ctx, programId: string) {
  const [p] = await ctx.db
    .select({
      id: rebatePrograms.id,
      code: rebatePrograms.code,
      name: rebatePrograms.name,
      nameEn: rebatePrograms.nameEn,
      basis: rebatePrograms.basis,
      method: rebatePrograms.method,
      periodStart: rebatePrograms.periodStart,
      periodEnd: rebatePrograms.periodEnd,
      tiers: rebatePrograms.tiers,
      multiplierTiers: rebatePrograms.multiplierTiers,
      capFen: rebatePrograms.capFen,
      includeSubtree: rebatePrograms.includeSubtree,
      divisionNameZh: divisions.nameZh,
      divisionNameEn: divisions.nameEn,
      productLineNameZh: productLines.nameZh,
      productLineNameEn: productLines.nameEn,
    })
    .from(rebatePrograms)
    .leftJoin(divisions, eq(divisions.id, rebatePrograms.divisionId))
    .leftJoin(productLines, eq(productLines.id, rebatePrograms.productLineId))
    .where(eq(rebatePrograms.id, programId));
  return p ?? null;
}

import { and, asc, count, desc, eq, ilike, or, sql } from "drizzle-orm";
import { z } from "zod";
import { divisions, organizations, productLines, rebatePrograms, rebateProgramStatuses, rebateStatements } from "@cs/db";
import type { Actor } from "../access/actor";
import { columnInDivisions, limitedDivisions, organizationInDivisions } from "../access/divisions";
import { authorize } from "../access/authorize";
import { rebateStatementScope } from "../access/scopes";
import type { Ctx } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { likePattern, listQuerySchema, type Page } from "../shared/list-query";
import { isUuid } from "../shared/parse";
import { calculateProgramRows } from "./calculate-sql";

export const rebateProgramListQuery = listQuerySchema(["code", "periodStart", "name"] as const, "periodStart").extend({
  dir: z.enum(["asc", "desc"]).catch("desc"),
  status: z.enum(rebateProgramStatuses).optional().catch(undefined),
});
export type RebateProgramListQuery = z.output<typeof rebateProgramListQuery>;

/**
 * Statements of a program that this actor may count (alias `s`): a branch-scoped reader counts and
 * sums only its branches' partners, so no figure leaks another branch's business.
 */
function statementBranches(actor: Actor) {
  // Limited to divisions: a program of their divisions, or one for all divisions and a partner of theirs.
  const divisions = columnInDivisions(actor, sql`rebate_programs.division_id`, organizationInDivisions(actor, sql`s.organization_id`));
  const inDivisions = divisions ? sql` and ${divisions}` : sql``;
  if (actor.branchIds === "all") return sql`true${inDivisions}`;
  if (actor.branchIds.length === 0) return sql`false`;
  return sql`s.owner_branch_id = any(${`{${actor.branchIds.join(",")}}`}::uuid[])${inDivisions}`;
}
const inBranches = (actor: Actor, branchId: string | null) => actor.branchIds === "all" || (!!branchId && actor.branchIds.includes(branchId));

/** For the preview: the partners whose rows a division-limited reader may count (null: no limit). */
async function partnersInDivisions(ctx: Ctx, program: { divisionId: string | null }): Promise<Set<string> | null> {
  const ids = limitedDivisions(ctx.actor);
  if (!ids) return null;
  if (program.divisionId) return ids.includes(program.divisionId) ? null : new Set();
  const rows = await ctx.db.select({ id: organizations.id }).from(organizations).where(organizationInDivisions(ctx.actor, organizations.id));
  return new Set(rows.map((r) => r.id));
}

/** Programs are the distributor's own terms, not a partner's data: every staff member with rebate:read sees them. */
export async function listRebatePrograms(ctx: Ctx, query: RebateProgramListQuery) {
  authorize(ctx.actor, "rebate:read");
  const where = and(
    query.status ? eq(rebatePrograms.status, query.status) : undefined,
    query.q ? or(ilike(rebatePrograms.code, likePattern(query.q)), ilike(rebatePrograms.name, likePattern(query.q)), ilike(rebatePrograms.nameEn, likePattern(query.q))) : undefined,
  );
  const order = query.dir === "desc" ? desc : asc;
  const col = { code: rebatePrograms.code, periodStart: rebatePrograms.periodStart, name: rebatePrograms.name }[query.sort];
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        id: rebatePrograms.id,
        code: rebatePrograms.code,
        name: rebatePrograms.name,
        nameEn: rebatePrograms.nameEn,
        status: rebatePrograms.status,
        periodStart: rebatePrograms.periodStart,
        periodEnd: rebatePrograms.periodEnd,
        basis: rebatePrograms.basis,
        method: rebatePrograms.method,
        statements: sql<number>`(select count(*)::int from rebate_statements s where s.program_id = rebate_programs.id and ${statementBranches(ctx.actor)})`,
        amountFen: sql<string>`(select coalesce(sum(s.amount_fen), 0)::text from rebate_statements s where s.program_id = rebate_programs.id and ${statementBranches(ctx.actor)})`,
      })
      .from(rebatePrograms)
      .where(where)
      .orderBy(order(col), asc(rebatePrograms.code))
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    ctx.db.select({ n: count() }).from(rebatePrograms).where(where),
  ]);
  return { rows, total: total?.n ?? 0, page: query.page, size: query.size } satisfies Page<unknown>;
}

export async function getRebateProgram(ctx: Ctx, id: string) {
  authorize(ctx.actor, "rebate:read");
  if (!isUuid(id)) throw new NotFoundError("rebate program");
  const [program] = await ctx.db.select().from(rebatePrograms).where(eq(rebatePrograms.id, id));
  if (!program) throw new NotFoundError("rebate program");
  const [byStatus, division, productLine, partners] = await Promise.all([
    ctx.db
      .select({ status: rebateStatements.status, n: count(), amountFen: sql<string>`coalesce(sum(${rebateStatements.amountFen}), 0)::text` })
      .from(rebateStatements)
      .where(and(eq(rebateStatements.programId, id), rebateStatementScope(ctx.actor)))
      .groupBy(rebateStatements.status),
    program.divisionId ? ctx.db.select().from(divisions).where(eq(divisions.id, program.divisionId)).then((r) => r[0] ?? null) : null,
    program.productLineId ? ctx.db.select().from(productLines).where(eq(productLines.id, program.productLineId)).then((r) => r[0] ?? null) : null,
    program.eligibleOrganizationIds.length
      ? ctx.db
          .select({ code: organizations.code })
          .from(organizations)
          .where(sql`${organizations.id} = any(${`{${program.eligibleOrganizationIds.join(",")}}`}::uuid[])`)
          .orderBy(organizations.code)
      : [],
  ]);
  return { program, byStatus, division, productLine, partnerCodes: partners.map((p) => p.code) };
}

/**
 * The program's result for every eligible partner, written nowhere: totals and the top partners by
 * amount, with the same query the run uses (so the preview is what the run will write, bar adjustments).
 */
export async function previewRebateProgram(ctx: Ctx, id: string, top = 20) {
  authorize(ctx.actor, "rebate:read");
  if (!isUuid(id)) throw new NotFoundError("rebate program");
  const [program] = await ctx.db.select().from(rebatePrograms).where(eq(rebatePrograms.id, id));
  if (!program) throw new NotFoundError("rebate program");
  const [calculated, visible] = await Promise.all([calculateProgramRows(ctx.db, program), partnersInDivisions(ctx, program)]);
  const rows = calculated.filter((r) => inBranches(ctx.actor, r.owner_branch_id) && (!visible || visible.has(r.organization_id)));
  let basisFen = 0n;
  let amountFen = 0n;
  let withTarget = 0;
  let earning = 0;
  let capped = 0;
  for (const r of rows) {
    basisFen += BigInt(r.basis_fen);
    amountFen += BigInt(r.capped_fen);
    if (r.target_fen !== null) withTarget++;
    if (BigInt(r.capped_fen) > 0n) earning++;
    if (r.cap_applied) capped++;
  }
  const best = [...rows].sort((a, b) => (BigInt(b.capped_fen) > BigInt(a.capped_fen) ? 1 : BigInt(b.capped_fen) < BigInt(a.capped_fen) ? -1 : a.organization_id.localeCompare(b.organization_id))).slice(0, top);
  const names = best.length
    ? await ctx.db
        .select({ id: organizations.id, code: organizations.code, name: organizations.name })
        .from(organizations)
        .where(sql`${organizations.id} = any(${`{${best.map((b) => b.organization_id).join(",")}}`}::uuid[])`)
    : [];
  const nameOf = new Map(names.map((n) => [n.id, n]));
  return {
    totals: { partners: rows.length, withTarget, earning, capped, basisFen, amountFen },
    top: best.map((r) => ({
      organizationId: r.organization_id,
      code: nameOf.get(r.organization_id)?.code ?? "",
      name: nameOf.get(r.organization_id)?.name ?? "",
      basisFen: BigInt(r.basis_fen),
      targetFen: r.target_fen === null ? null : BigInt(r.target_fen),
      completionBp: r.completion_bp,
      tierIndex: r.tier_index,
      rateBp: r.rate_bp,
      multiplierBp: r.multiplier_bp,
      capApplied: r.cap_applied,
      amountFen: BigInt(r.capped_fen),
    })),
  };
}

/** What the program form offers: divisions, product lines and the branches this actor works in. */
export async function rebateProgramFormOptions(ctx: Ctx) {
  authorize(ctx.actor, "rebate:read");
  const [divisionRows, lineRows, branches] = await Promise.all([
    ctx.db.select({ id: divisions.id, code: divisions.code, nameZh: divisions.nameZh, nameEn: divisions.nameEn }).from(divisions).orderBy(divisions.code),
    ctx.db.select({ id: productLines.id, code: productLines.code, nameZh: productLines.nameZh, nameEn: productLines.nameEn, divisionId: productLines.divisionId }).from(productLines).orderBy(productLines.code),
    ctx.db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(eq(organizations.kind, "branch")).orderBy(organizations.code),
  ]);
  return { divisions: divisionRows, productLines: lineRows, branches };
}

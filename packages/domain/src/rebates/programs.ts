import { and, eq, inArray, sql } from "drizzle-orm";
import { organizations, productLines, rebatePrograms, rebateStatements, type RebateProgram, type Transaction } from "@cs/db";
import { authorize } from "../access/authorize";
import { diffFields, recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { ConflictError, NotFoundError, ValidationError } from "../shared/errors";
import { isUuid, parseInput } from "../shared/parse";
import { partnerCodes, rebateProgramInput, type RebateProgramInput } from "./programs-schema";

/** The fields that decide what a statement says; frozen once a statement of the program is approved. */
const RULE_FIELDS = [
  "periodStart",
  "periodEnd",
  "basis",
  "method",
  "divisionId",
  "productLineId",
  "includeSubtree",
  "eligibleTiers",
  "eligibleBranchIds",
  "eligibleOrganizationIds",
  "tiers",
  "multiplierTiers",
  "capFen",
] as const;

async function toColumns(tx: Transaction, input: RebateProgramInput) {
  const errors: Record<string, string[]> = {};
  if (input.productLineId) {
    const [line] = await tx.select({ divisionId: productLines.divisionId }).from(productLines).where(eq(productLines.id, input.productLineId));
    if (!line) errors.productLineId = ["validation.invalid"];
    else if (input.divisionId && line.divisionId !== input.divisionId) errors.productLineId = ["rebatePrograms.errors.productLineDivision"];
  }
  const codes = partnerCodes(input.eligiblePartners);
  let organizationIds: string[] = [];
  if (codes.length > 0) {
    const found = await tx.select({ id: organizations.id, code: organizations.code }).from(organizations).where(inArray(organizations.code, codes));
    const missing = codes.filter((c) => !found.some((f) => f.code === c));
    if (missing.length > 0) errors.eligiblePartners = ["rebatePrograms.errors.unknownPartners"];
    organizationIds = found.map((f) => f.id).sort();
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return {
    code: input.code,
    name: input.name,
    nameEn: input.nameEn ?? null,
    status: input.status,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    basis: input.basis,
    method: input.method,
    divisionId: input.divisionId ?? null,
    productLineId: input.productLineId ?? null,
    includeSubtree: input.includeSubtree,
    eligibleTiers: [...input.eligibleTiers].sort(),
    eligibleBranchIds: [...input.eligibleBranchIds].sort(),
    eligibleOrganizationIds: organizationIds,
    tiers: input.tiers.map((t) => ({ minCompletionBp: t.minCompletion, rateBp: t.rate })),
    multiplierTiers: input.multiplierTiers.length > 0 ? input.multiplierTiers.map((t) => ({ minOnTimeBp: t.minOnTime, multiplierBp: t.multiplier })) : null,
    capFen: input.cap ?? null,
  };
}

async function codeTaken(tx: Transaction, code: string, exceptId?: string) {
  const [row] = await tx.select({ id: rebatePrograms.id }).from(rebatePrograms).where(eq(rebatePrograms.code, code));
  return !!row && row.id !== exceptId;
}

export async function createRebateProgram(ctx: Ctx, raw: unknown): Promise<RebateProgram> {
  authorize(ctx.actor, "rebate:manage");
  const input = parseInput(rebateProgramInput, raw);
  return inTransaction(ctx, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('rebate-program-code'))`);
    const values = await toColumns(tx, input);
    const [existing] = await tx.select().from(rebatePrograms).where(eq(rebatePrograms.code, input.code));
    if (existing) {
      // a retried create of the same program is the program, not a second one
      if (!diffFields(stringify(existing as Record<string, unknown>), stringify(values)).changed) return existing;
      throw new ValidationError({ code: ["rebatePrograms.errors.codeTaken"] });
    }
    const [created] = await tx.insert(rebatePrograms).values({ ...values, createdBy: ctx.actor.userId }).returning();
    if (!created) throw new Error("insert returned nothing");
    await recordAudit(tx, ctx.actor, { action: "create", entity: "rebate_program", entityId: created.id, after: created });
    return created;
  });
}

/** JSON and arrays compare as text in diffFields, with sorted keys (jsonb does not keep key order). */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") return `{${Object.keys(v).sort().map((k) => `${k}:${canonical((v as Record<string, unknown>)[k])}`).join(",")}}`;
  return String(v);
}
function stringify<T extends Record<string, unknown>>(values: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === "object" && v !== null ? canonical(v) : v]));
}

async function hasFrozenStatements(tx: Transaction, programId: string) {
  const [row] = await tx
    .select({ id: rebateStatements.id })
    .from(rebateStatements)
    .where(and(eq(rebateStatements.programId, programId), inArray(rebateStatements.status, ["approved", "published", "settled"])))
    .limit(1);
  return !!row;
}

/**
 * Optimistic concurrency on `version`; a retry of an edit that already landed is a no-op. Once a
 * statement of the program is approved only its name and status may change.
 */
export async function updateRebateProgram(ctx: Ctx, id: string, raw: unknown, expectedVersion: number): Promise<RebateProgram> {
  authorize(ctx.actor, "rebate:manage");
  if (!isUuid(id)) throw new NotFoundError("rebate program");
  const input = parseInput(rebateProgramInput, raw);
  return inTransaction(ctx, async (tx) => {
    const [before] = await tx.select().from(rebatePrograms).where(eq(rebatePrograms.id, id)).for("update");
    if (!before) throw new NotFoundError("rebate program");
    const values = await toColumns(tx, input);
    const beforeText = stringify(before as Record<string, unknown>);
    const diff = diffFields(beforeText, stringify(values));
    if (!diff.changed) return before;
    if (before.version !== expectedVersion) throw new ConflictError("rebatePrograms.errors.stale");
    if (await codeTaken(tx, values.code, id)) throw new ValidationError({ code: ["rebatePrograms.errors.codeTaken"] });
    const rulesChanged = RULE_FIELDS.some((f) => Object.hasOwn(diff.after, f));
    if (rulesChanged && (await hasFrozenStatements(tx, id))) throw new ConflictError("rebatePrograms.errors.programFrozen");
    const [updated] = await tx
      .update(rebatePrograms)
      .set({ ...values, version: sql`${rebatePrograms.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(rebatePrograms.id, id), eq(rebatePrograms.version, expectedVersion)))
      .returning();
    if (!updated) throw new ConflictError("rebatePrograms.errors.stale");
    await recordAudit(tx, ctx.actor, { action: "update", entity: "rebate_program", entityId: id, before: diff.before, after: diff.after });
    return updated;
  });
}

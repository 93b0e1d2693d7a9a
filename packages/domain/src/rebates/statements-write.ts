import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { invoices, rebateAdjustments, rebateStatementLines, rebateStatements, type RebateProgram, type Transaction } from "@cs/db";
import { nextDocumentNumbers } from "../shared/document-number";
import type { RebateCalcRow } from "./calculate-sql";
import { buildStatementLines, type PendingAdjustment } from "./statement-lines";

export const FROZEN_STATUSES = ["approved", "published", "settled"] as const;

/**
 * Writes one chunk of partners' statements: new ones get the next RB numbers, drafts are replaced
 * under the same id and number (version + 1), frozen ones are left alone and counted. The partners'
 * pending adjustments from earlier periods ride along as lines. Set-based: a few statements per chunk.
 */
export async function writeStatementChunk(tx: Transaction, program: RebateProgram, runId: string | null, rows: readonly RebateCalcRow[]) {
  if (rows.length === 0) return { written: 0, frozen: 0 };
  const orgIds = rows.map((r) => r.organization_id);
  const existing = await tx
    .select({ id: rebateStatements.id, organizationId: rebateStatements.organizationId, status: rebateStatements.status, number: rebateStatements.number, version: rebateStatements.version })
    .from(rebateStatements)
    .where(and(eq(rebateStatements.programId, program.id), inArray(rebateStatements.organizationId, orgIds)))
    .for("update");
  const byOrg = new Map(existing.map((e) => [e.organizationId, e]));
  const todo = rows.filter((r) => {
    const e = byOrg.get(r.organization_id);
    return !e || e.status === "draft";
  });
  const frozen = rows.length - todo.length;
  if (todo.length === 0) return { written: 0, frozen };

  const pending = await pendingAdjustments(tx, program, todo.map((r) => r.organization_id));
  const fresh = todo.filter((r) => !byOrg.has(r.organization_id));
  const numbers = await nextDocumentNumbers(tx, "RB", Number(program.periodEnd.slice(0, 4)), fresh.length);
  let n = 0;
  const statements = todo.map((row) => {
    const before = byOrg.get(row.organization_id);
    const adjustments = pending.get(row.organization_id) ?? [];
    const adjustmentsFen = adjustments.reduce((s, a) => s + a.amountFen, 0n);
    return {
      row,
      adjustments,
      values: {
        id: before?.id ?? randomUUID(),
        number: before?.number ?? numbers[n++]!,
        kind: "rebate" as const,
        programId: program.id,
        runId,
        organizationId: row.organization_id,
        ownerBranchId: row.owner_branch_id,
        periodStart: program.periodStart,
        periodEnd: program.periodEnd,
        status: "draft" as const,
        basisFen: BigInt(row.basis_fen),
        targetFen: row.target_fen === null ? null : BigInt(row.target_fen),
        completionBp: row.completion_bp,
        onTimeBp: row.on_time_bp,
        tierIndex: row.tier_index,
        rateBp: row.rate_bp,
        multiplierBp: row.multiplier_bp,
        calculatedFen: BigInt(row.calculated_fen),
        capApplied: row.cap_applied,
        adjustmentsFen,
        amountFen: BigInt(row.capped_fen) + adjustmentsFen,
        version: (before?.version ?? 0) + 1,
      },
    };
  });
  const drafts = existing.filter((e) => e.status === "draft").map((e) => e.id);
  // a draft is replaced whole (its lines go with it by cascade); nothing refers to a draft
  if (drafts.length > 0) await tx.delete(rebateStatements).where(and(inArray(rebateStatements.id, drafts), eq(rebateStatements.status, "draft")));
  // one JSON parameter per table instead of thousands of bound values: the chunk is a single insert each
  const statementJson = JSON.stringify(statements.map((s) => s.values), (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
  await tx.execute(sql`
    insert into rebate_statements (id, number, kind, program_id, run_id, organization_id, owner_branch_id, period_start, period_end, status,
                                   basis_fen, target_fen, completion_bp, on_time_bp, tier_index, rate_bp, multiplier_bp, calculated_fen,
                                   cap_applied, adjustments_fen, amount_fen, version)
    select id, number, 'rebate', "programId", "runId", "organizationId", "ownerBranchId", "periodStart", "periodEnd", 'draft',
           "basisFen", "targetFen", "completionBp", "onTimeBp", "tierIndex", "rateBp", "multiplierBp", "calculatedFen",
           "capApplied", "adjustmentsFen", "amountFen", version
      from jsonb_to_recordset(${statementJson}::jsonb) as x(id uuid, number text, "programId" uuid, "runId" uuid, "organizationId" uuid,
           "ownerBranchId" uuid, "periodStart" date, "periodEnd" date, "basisFen" bigint, "targetFen" bigint, "completionBp" int, "onTimeBp" int,
           "tierIndex" int, "rateBp" int, "multiplierBp" int, "calculatedFen" bigint, "capApplied" boolean, "adjustmentsFen" bigint,
           "amountFen" bigint, version int)`);
  const lines = statements.flatMap((s) => buildStatementLines(program, s.row, s.adjustments).map((l) => ({ ...l, statementId: s.values.id })));
  const lineJson = JSON.stringify(lines, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
  await tx.execute(sql`
    insert into rebate_statement_lines (statement_id, line_no, kind, basis_fen, rate_bp, amount_fen, params)
    select "statementId", "lineNo", kind, "basisFen", "rateBp", "amountFen", params
      from jsonb_to_recordset(${lineJson}::jsonb) as x("statementId" uuid, "lineNo" int, kind text, "basisFen" bigint, "rateBp" int, "amountFen" bigint, params jsonb)`);
  return { written: statements.length, frozen };
}

/** Adjustments not yet carried by an approved statement, from frozen statements of earlier periods. */
async function pendingAdjustments(tx: Transaction, program: RebateProgram, orgIds: string[]) {
  const rows = await tx
    .select({
      id: rebateAdjustments.id,
      organizationId: rebateAdjustments.organizationId,
      amountFen: rebateAdjustments.amountFen,
      reason: rebateAdjustments.reason,
      sourceNumber: rebateStatements.number,
      creditNoteNumber: invoices.number,
    })
    .from(rebateAdjustments)
    .innerJoin(rebateStatements, eq(rebateStatements.id, rebateAdjustments.sourceStatementId))
    .leftJoin(invoices, eq(invoices.id, rebateAdjustments.creditNoteId))
    .where(and(inArray(rebateAdjustments.organizationId, orgIds), isNull(rebateAdjustments.appliedStatementId), lt(rebateStatements.periodEnd, program.periodStart)))
    .orderBy(rebateAdjustments.createdAt);
  const map = new Map<string, PendingAdjustment[]>();
  for (const r of rows) {
    const list = map.get(r.organizationId) ?? [];
    list.push({ id: r.id, amountFen: r.amountFen, reason: r.reason, sourceNumber: r.sourceNumber, creditNoteNumber: r.creditNoteNumber });
    map.set(r.organizationId, list);
  }
  return map;
}

/** Ids of the adjustments a statement carries (from its lines). */
export async function statementAdjustmentIds(tx: Transaction, statementIds: string[]) {
  const rows = await tx
    .select({ statementId: rebateStatementLines.statementId, id: sql<string>`${rebateStatementLines.params}->>'adjustmentId'` })
    .from(rebateStatementLines)
    .where(and(inArray(rebateStatementLines.statementId, statementIds), eq(rebateStatementLines.kind, "adjustment")));
  return rows;
}

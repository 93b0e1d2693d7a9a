import { and, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { invoices, rebateAdjustments, rebateStatementLines, rebateStatements, type RebateProgram, type Transaction } from "@cs/db";
import { nextDocumentNumbers } from "../shared/document-number";
import type { RebateCalcRow } from "./calculate-sql";
import { buildStatementLines, type PendingAdjustment } from "./statement-lines";

export const FROZEN_STATUSES = ["approved", "published", "settled"] as const;

const uuidArray = (ids: readonly string[]) => `{${ids.join(",")}}`;
const jsonOf = (value: unknown) => JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));

/**
 * Writes one chunk of partners' statements: new ones get the next RB numbers (one block), drafts are
 * rewritten in place under the same id and number (version + 1), frozen ones are left alone and
 * counted. The partners' pending adjustments from earlier periods ride along as lines.
 *
 * Set-based and few round trips whatever the chunk size (measured, decision 015): the partner ids go
 * as one uuid[] literal, not a bound value each; old draft lines go in one delete by statement id;
 * statements and lines are one statement (an upsert feeding the lines' insert), so a draft is never
 * deleted, which would cascade and run the foreign-key checks of every table that refers to it.
 */
export async function writeStatementChunk(tx: Transaction, program: RebateProgram, runId: string | null, rows: readonly RebateCalcRow[]) {
  if (rows.length === 0) return { written: 0, frozen: 0 };
  const orgIds = uuidArray(rows.map((r) => r.organization_id));
  const existing = await tx
    .select({ id: rebateStatements.id, organizationId: rebateStatements.organizationId, status: rebateStatements.status })
    .from(rebateStatements)
    .where(and(eq(rebateStatements.programId, program.id), sql`${rebateStatements.organizationId} = any(${orgIds}::uuid[])`))
    .for("update");
  const byOrg = new Map(existing.map((e) => [e.organizationId, e]));
  const todo = rows.filter((r) => {
    const e = byOrg.get(r.organization_id);
    return !e || e.status === "draft";
  });
  const frozen = rows.length - todo.length;
  if (todo.length === 0) return { written: 0, frozen };

  const pending = await pendingAdjustments(tx, program, todo.map((r) => r.organization_id));
  const numbers = await nextDocumentNumbers(tx, "RB", Number(program.periodEnd.slice(0, 4)), todo.filter((r) => !byOrg.has(r.organization_id)).length);
  let n = 0;
  const statements = [];
  const lines = [];
  for (const row of todo) {
    const adjustments = pending.get(row.organization_id) ?? [];
    const adjustmentsFen = adjustments.reduce((s, a) => s + a.amountFen, 0n);
    statements.push({
      // a draft keeps its number: the upsert below never changes it
      number: byOrg.has(row.organization_id) ? null : numbers[n++]!,
      organizationId: row.organization_id,
      ownerBranchId: row.owner_branch_id,
      basisFen: row.basis_fen,
      targetFen: row.target_fen,
      completionBp: row.completion_bp,
      onTimeBp: row.on_time_bp,
      tierIndex: row.tier_index,
      rateBp: row.rate_bp,
      multiplierBp: row.multiplier_bp,
      calculatedFen: row.calculated_fen,
      capApplied: row.cap_applied,
      adjustmentsFen,
      amountFen: BigInt(row.capped_fen) + adjustmentsFen,
    });
    for (const l of buildStatementLines(program, row, adjustments)) lines.push({ ...l, organizationId: row.organization_id });
  }
  const drafts = existing.filter((e) => e.status === "draft").map((e) => e.id);
  if (drafts.length > 0) await tx.execute(sql`delete from rebate_statement_lines where statement_id = any(${uuidArray(drafts)}::uuid[])`);
  // one JSON parameter per table instead of thousands of bound values
  await tx.execute(sql`
    with written as (
      insert into rebate_statements (number, kind, program_id, run_id, organization_id, owner_branch_id, period_start, period_end, status,
                                     basis_fen, target_fen, completion_bp, on_time_bp, tier_index, rate_bp, multiplier_bp, calculated_fen,
                                     cap_applied, adjustments_fen, amount_fen, version)
      select coalesce(number, ''), 'rebate', ${program.id}::uuid, ${runId}::uuid, "organizationId", "ownerBranchId", ${program.periodStart}::date, ${program.periodEnd}::date, 'draft',
             "basisFen", "targetFen", "completionBp", "onTimeBp", "tierIndex", "rateBp", "multiplierBp", "calculatedFen",
             "capApplied", "adjustmentsFen", "amountFen", 1
        from jsonb_to_recordset(${jsonOf(statements)}::jsonb) as x(number text, "organizationId" uuid, "ownerBranchId" uuid, "basisFen" bigint,
             "targetFen" bigint, "completionBp" int, "onTimeBp" int, "tierIndex" int, "rateBp" int, "multiplierBp" int, "calculatedFen" bigint,
             "capApplied" boolean, "adjustmentsFen" bigint, "amountFen" bigint)
      on conflict (program_id, organization_id) where program_id is not null do update
         set run_id = excluded.run_id, owner_branch_id = excluded.owner_branch_id, period_start = excluded.period_start, period_end = excluded.period_end,
             basis_fen = excluded.basis_fen, target_fen = excluded.target_fen, completion_bp = excluded.completion_bp, on_time_bp = excluded.on_time_bp,
             tier_index = excluded.tier_index, rate_bp = excluded.rate_bp, multiplier_bp = excluded.multiplier_bp, calculated_fen = excluded.calculated_fen,
             cap_applied = excluded.cap_applied, adjustments_fen = excluded.adjustments_fen, amount_fen = excluded.amount_fen,
             calculated_at = now(), version = rebate_statements.version + 1
       where rebate_statements.status = 'draft'
      returning id, organization_id)
    insert into rebate_statement_lines (statement_id, line_no, kind, basis_fen, rate_bp, amount_fen, params)
    select w.id, l."lineNo", l.kind, l."basisFen", l."rateBp", l."amountFen", l.params
      from jsonb_to_recordset(${jsonOf(lines)}::jsonb) as l("organizationId" uuid, "lineNo" int, kind text, "basisFen" bigint, "rateBp" int, "amountFen" bigint, params jsonb)
      join written w on w.organization_id = l."organizationId"
     order by l."organizationId", l."lineNo"`);
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
    .where(and(sql`${rebateAdjustments.organizationId} = any(${uuidArray(orgIds)}::uuid[])`, isNull(rebateAdjustments.appliedStatementId), lt(rebateStatements.periodEnd, program.periodStart)))
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

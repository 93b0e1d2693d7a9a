import type { RebateProgram } from "@cs/db";
import type { RebateCalcRow } from "./calculate-sql";

export type PendingAdjustment = { id: string; amountFen: bigint; reason: string; sourceNumber: string; creditNoteNumber: string | null };

export type StatementLine = { lineNo: number; kind: string; basisFen: bigint | null; rateBp: number | null; amountFen: bigint; params: Record<string, unknown> };

/**
 * The explained lines of one statement, in reading order; their amounts add up to the statement's
 * amount. `params` are what the plain-words sentence of each kind needs (money as fen strings).
 */
export function buildStatementLines(program: RebateProgram, row: RebateCalcRow, adjustments: readonly PendingAdjustment[]): StatementLine[] {
  const lines: Omit<StatementLine, "lineNo">[] = [];
  const calculated = BigInt(row.calculated_fen);
  const tiered = BigInt(row.tiered_fen);
  lines.push({
    kind: "basis",
    basisFen: BigInt(row.basis_fen),
    rateBp: null,
    amountFen: 0n,
    params: {
      basis: program.basis,
      basisFen: row.basis_fen,
      targetFen: row.target_fen,
      completionBp: row.completion_bp,
      periodStart: program.periodStart,
      periodEnd: program.periodEnd,
      includeSubtree: program.includeSubtree,
    },
  });
  if (row.target_fen === null) lines.push({ kind: "no_target", basisFen: null, rateBp: null, amountFen: 0n, params: {} });
  else if (row.tier_index === null)
    lines.push({ kind: "below_first_tier", basisFen: null, rateBp: null, amountFen: 0n, params: { completionBp: row.completion_bp, firstTierBp: program.tiers[0]?.minCompletionBp ?? null } });
  for (const s of row.slices) {
    lines.push({
      kind: program.method === "retroactive" ? "tier" : "slice",
      basisFen: BigInt(s.basisFen),
      rateBp: s.rateBp,
      amountFen: BigInt(s.amountFen),
      params: { tierNo: s.tierIndex + 1, minCompletionBp: program.tiers[s.tierIndex]?.minCompletionBp ?? null, fromFen: s.fromFen, toFen: s.toFen },
    });
  }
  if (program.multiplierTiers?.length && row.tier_index !== null) {
    lines.push({
      kind: "multiplier",
      basisFen: tiered,
      rateBp: row.multiplier_bp,
      amountFen: calculated - tiered,
      params: { onTimeBp: row.on_time_bp, multiplierBp: row.multiplier_bp, dueFen: row.due_fen, paidOnTimeFen: row.paid_on_time_fen },
    });
  }
  if (row.cap_applied) {
    lines.push({ kind: "cap", basisFen: calculated, rateBp: null, amountFen: BigInt(row.capped_fen) - calculated, params: { capFen: program.capFen?.toString() ?? null, calculatedFen: row.calculated_fen } });
  }
  for (const a of adjustments) {
    lines.push({ kind: "adjustment", basisFen: null, rateBp: null, amountFen: a.amountFen, params: { adjustmentId: a.id, reason: a.reason, sourceNumber: a.sourceNumber, creditNoteNumber: a.creditNoteNumber } });
  }
  return lines.map((l, i) => ({ ...l, lineNo: i + 1 }));
}

import type { RebateMethod, RebateMultiplierTier, RebateTier } from "@cs/db";

/**
 * The rebate rules in plain integers, no database: preview explanations and the golden tests use it,
 * and the set-based SQL in calculate-sql.ts must give the same numbers (the golden tests run both).
 * - completion_bp = floor(basis × 10000 / target); the tier reached is the highest whose minimum ≤ it;
 * - retroactive: the whole basis at the reached rate; incremental: each slice between thresholds
 *   (ceil(min × target / 10000) fen, the first basis that reaches the tier) at its own tier's rate;
 * - each slice, the multiplier and every adjustment are rounded half up to the fen once, on their own line;
 * - multiplier from the amount-weighted on-time rate (nothing due → × 1); cap per partner after it.
 */
export type RebateRules = {
  method: RebateMethod;
  tiers: readonly RebateTier[];
  multiplierTiers: readonly RebateMultiplierTier[] | null;
  capFen: bigint | null;
};

export type RebateInputs = {
  basisFen: bigint;
  targetFen: bigint | null;
  dueFen: bigint;
  paidOnTimeFen: bigint;
  adjustments?: readonly { id: string; amountFen: bigint }[];
};

export type RebateSlice = { tierIndex: number; fromFen: bigint; toFen: bigint | null; basisFen: bigint; rateBp: number; amountFen: bigint };

export type RebateResult = {
  basisFen: bigint;
  targetFen: bigint | null;
  completionBp: number | null;
  tierIndex: number | null;
  rateBp: number;
  slices: RebateSlice[];
  /** Sum of the slices, before the multiplier. */
  tieredFen: bigint;
  onTimeBp: number | null;
  multiplierBp: number;
  /** After the multiplier, before the cap. */
  calculatedFen: bigint;
  capApplied: boolean;
  adjustmentsFen: bigint;
  amountFen: bigint;
  /** Why nothing was earned, when nothing was. */
  reason: "no_target" | "below_first_tier" | null;
};

export const BP = 10000n;
/** completion_bp is an int column; a tiny target against a big basis must not overflow it. */
export const MAX_COMPLETION_BP = 100_000_000;

/** Round half up (away from zero for negatives) of numerator / denominator, denominator > 0. */
export function divRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (numerator < 0n) return -divRoundHalfUp(-numerator, denominator);
  return (numerator * 2n + denominator) / (denominator * 2n);
}

const ceilDiv = (n: bigint, d: bigint) => (n + d - 1n) / d;

export function completionBpOf(basisFen: bigint, targetFen: bigint): number {
  if (basisFen <= 0n) return 0;
  const bp = (basisFen * BP) / targetFen;
  return bp > BigInt(MAX_COMPLETION_BP) ? MAX_COMPLETION_BP : Number(bp);
}

export function reachedTier(tiers: readonly RebateTier[], completion: number): number | null {
  let reached: number | null = null;
  tiers.forEach((t, i) => {
    if (t.minCompletionBp <= completion) reached = i;
  });
  return reached;
}

export function onTimeBp(dueFen: bigint, paidOnTimeFen: bigint): number | null {
  if (dueFen <= 0n) return null;
  const paid = paidOnTimeFen < 0n ? 0n : paidOnTimeFen > dueFen ? dueFen : paidOnTimeFen;
  return Number((paid * BP) / dueFen);
}

export function multiplierFor(tiers: readonly RebateMultiplierTier[] | null, onTime: number | null): number {
  if (!tiers || tiers.length === 0 || onTime === null) return 10000;
  let m = 10000;
  for (const t of tiers) if (t.minOnTimeBp <= onTime) m = t.multiplierBp;
  return m;
}

/** A negative basis (more returned than bought) earns nothing, it is not a negative rebate. */
function slicesFor(rules: RebateRules, basisFen: bigint, target: bigint, reached: number): RebateSlice[] {
  const basis = basisFen > 0n ? basisFen : 0n;
  if (rules.method === "retroactive") {
    const rateBp = rules.tiers[reached]!.rateBp;
    return [{ tierIndex: reached, fromFen: 0n, toFen: null, basisFen: basis, rateBp, amountFen: divRoundHalfUp(basis * BigInt(rateBp), BP) }];
  }
  const thresholds = rules.tiers.map((t) => ceilDiv(BigInt(t.minCompletionBp) * target, BP));
  const slices: RebateSlice[] = [];
  for (let i = 0; i <= reached; i++) {
    const from = thresholds[i]!;
    const next = i < reached ? thresholds[i + 1]! : null;
    const to = next === null || next > basis ? basis : next;
    const sliceBasis = to > from ? to - from : 0n;
    const rateBp = rules.tiers[i]!.rateBp;
    slices.push({ tierIndex: i, fromFen: from, toFen: i < reached ? next : null, basisFen: sliceBasis, rateBp, amountFen: divRoundHalfUp(sliceBasis * BigInt(rateBp), BP) });
  }
  return slices;
}

export function calculateRebate(rules: RebateRules, inputs: RebateInputs): RebateResult {
  const adjustmentsFen = (inputs.adjustments ?? []).reduce((sum, a) => sum + a.amountFen, 0n);
  const onTime = onTimeBp(inputs.dueFen, inputs.paidOnTimeFen);
  const base = {
    basisFen: inputs.basisFen,
    targetFen: inputs.targetFen,
    onTimeBp: onTime,
    adjustmentsFen,
  };
  const nothing = (reason: RebateResult["reason"], completion: number | null): RebateResult => ({
    ...base,
    completionBp: completion,
    tierIndex: null,
    rateBp: 0,
    slices: [],
    tieredFen: 0n,
    multiplierBp: 10000,
    calculatedFen: 0n,
    capApplied: false,
    amountFen: adjustmentsFen,
    reason,
  });
  if (inputs.targetFen === null || inputs.targetFen <= 0n) return nothing("no_target", null);
  const completion = completionBpOf(inputs.basisFen, inputs.targetFen);
  const reached = reachedTier(rules.tiers, completion);
  if (reached === null) return nothing("below_first_tier", completion);
  const slices = slicesFor(rules, inputs.basisFen, inputs.targetFen, reached);
  const tieredFen = slices.reduce((sum, s) => sum + s.amountFen, 0n);
  const multiplierBp = multiplierFor(rules.multiplierTiers, onTime);
  const calculatedFen = divRoundHalfUp(tieredFen * BigInt(multiplierBp), BP);
  const capApplied = rules.capFen !== null && calculatedFen > rules.capFen;
  const capped = capApplied ? rules.capFen! : calculatedFen;
  return {
    ...base,
    completionBp: completion,
    tierIndex: reached,
    rateBp: rules.tiers[reached]!.rateBp,
    slices,
    tieredFen,
    multiplierBp,
    calculatedFen,
    capApplied,
    amountFen: capped + adjustmentsFen,
    reason: null,
  };
}

/** The rate a frozen statement paid per fen of basis, for adjustments: tier rate × multiplier. */
export function adjustmentForCredit(creditBasisFen: bigint, rateBp: number, multiplierBp: number): bigint {
  return -divRoundHalfUp(creditBasisFen * BigInt(rateBp) * BigInt(multiplierBp), BP * BP);
}

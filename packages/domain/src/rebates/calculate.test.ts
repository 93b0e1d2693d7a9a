import { describe, expect, it } from "vitest";
import { adjustmentForCredit, calculateRebate, divRoundHalfUp, type RebateRules } from "./calculate";

const tiers = [
  { minCompletionBp: 8000, rateBp: 100 },
  { minCompletionBp: 10000, rateBp: 200 },
  { minCompletionBp: 12000, rateBp: 300 },
];
const retro: RebateRules = { method: "retroactive", tiers, multiplierTiers: null, capFen: null };
const incr: RebateRules = { ...retro, method: "incremental" };
const multiplied: RebateRules = { ...retro, multiplierTiers: [{ minOnTimeBp: 0, multiplierBp: 8000 }, { minOnTimeBp: 9000, multiplierBp: 11000 }] };
const target = 1_000_000n;
const none = { dueFen: 0n, paidOnTimeFen: 0n };

type Case = [name: string, rules: RebateRules, inputs: Parameters<typeof calculateRebate>[1], expected: { completionBp: number | null; tierIndex: number | null; amountFen: bigint; capApplied?: boolean; multiplierBp?: number; reason?: string | null }];

const cases: Case[] = [
  ["exactly 80 % reaches the first tier", retro, { basisFen: 800_000n, targetFen: target, ...none }, { completionBp: 8000, tierIndex: 0, amountFen: 8_000n }],
  ["1 fen below 80 % earns nothing", retro, { basisFen: 799_999n, targetFen: target, ...none }, { completionBp: 7999, tierIndex: null, amountFen: 0n, reason: "below_first_tier" }],
  ["exactly 100 % reaches the second tier", retro, { basisFen: 1_000_000n, targetFen: target, ...none }, { completionBp: 10000, tierIndex: 1, amountFen: 20_000n }],
  ["1 fen below 100 % stays on the first, rounded half up to the fen", retro, { basisFen: 999_999n, targetFen: target, ...none }, { completionBp: 9999, tierIndex: 0, amountFen: 10_000n }],
  ["retroactive at 130 %: the whole basis at 3 %", retro, { basisFen: 1_300_000n, targetFen: target, ...none }, { completionBp: 13000, tierIndex: 2, amountFen: 39_000n }],
  ["incremental at 130 %: 2,000 + 4,000 + 3,000", incr, { basisFen: 1_300_000n, targetFen: target, ...none }, { completionBp: 13000, tierIndex: 2, amountFen: 9_000n }],
  ["incremental exactly at 100 %: only the first slice", incr, { basisFen: 1_000_000n, targetFen: target, ...none }, { completionBp: 10000, tierIndex: 1, amountFen: 2_000n }],
  ["cap per partner", { ...retro, capFen: 30_000n }, { basisFen: 1_300_000n, targetFen: target, ...none }, { completionBp: 13000, tierIndex: 2, amountFen: 30_000n, capApplied: true }],
  ["cap not reached", { ...retro, capFen: 39_000n }, { basisFen: 1_300_000n, targetFen: target, ...none }, { completionBp: 13000, tierIndex: 2, amountFen: 39_000n, capApplied: false }],
  ["on time 95 % → × 1.1", multiplied, { basisFen: 1_000_000n, targetFen: target, dueFen: 100_000n, paidOnTimeFen: 95_000n }, { completionBp: 10000, tierIndex: 1, amountFen: 22_000n, multiplierBp: 11000 }],
  ["on time 80 % → × 0.8", multiplied, { basisFen: 1_000_000n, targetFen: target, dueFen: 100_000n, paidOnTimeFen: 80_000n }, { completionBp: 10000, tierIndex: 1, amountFen: 16_000n, multiplierBp: 8000 }],
  ["nothing due → × 1", multiplied, { basisFen: 1_000_000n, targetFen: target, ...none }, { completionBp: 10000, tierIndex: 1, amountFen: 20_000n, multiplierBp: 10000 }],
  ["multiplier then cap", { ...multiplied, capFen: 21_000n }, { basisFen: 1_000_000n, targetFen: target, dueFen: 1n, paidOnTimeFen: 1n }, { completionBp: 10000, tierIndex: 1, amountFen: 21_000n, capApplied: true }],
  ["1.5 % of 100 fen is 1.5 → 2 fen (half up)", { ...retro, tiers: [{ minCompletionBp: 10000, rateBp: 150 }] }, { basisFen: 100n, targetFen: 100n, ...none }, { completionBp: 10000, tierIndex: 0, amountFen: 2n }],
  ["1.5 % of 99 fen at 99 % is 1.485 → 1 fen", { ...retro, tiers: [{ minCompletionBp: 9000, rateBp: 150 }] }, { basisFen: 99n, targetFen: 100n, ...none }, { completionBp: 9900, tierIndex: 0, amountFen: 1n }],
  ["no target → nothing, explained", retro, { basisFen: 5_000_000n, targetFen: null, ...none }, { completionBp: null, tierIndex: null, amountFen: 0n, reason: "no_target" }],
  ["more returned than bought earns nothing", { ...retro, tiers: [{ minCompletionBp: 0, rateBp: 100 }] }, { basisFen: -5_000n, targetFen: target, ...none }, { completionBp: 0, tierIndex: 0, amountFen: 0n }],
  ["pending adjustments are added after the cap", { ...retro, capFen: 30_000n }, { basisFen: 1_300_000n, targetFen: target, ...none, adjustments: [{ id: "a", amountFen: -220n }] }, { completionBp: 13000, tierIndex: 2, amountFen: 29_780n, capApplied: true }],
];

describe("calculateRebate (golden)", () => {
  it.each(cases)("%s", (_name, rules, inputs, expected) => {
    const r = calculateRebate(rules, inputs);
    expect(r.completionBp).toBe(expected.completionBp);
    expect(r.tierIndex).toBe(expected.tierIndex);
    expect(r.amountFen).toBe(expected.amountFen);
    if (expected.capApplied !== undefined) expect(r.capApplied).toBe(expected.capApplied);
    if (expected.multiplierBp !== undefined) expect(r.multiplierBp).toBe(expected.multiplierBp);
    if (expected.reason !== undefined) expect(r.reason).toBe(expected.reason);
    // the explained lines add up: slices, then the multiplier's difference, then the cap's
    const slices = r.slices.reduce((s, x) => s + x.amountFen, 0n);
    expect(slices).toBe(r.tieredFen);
  });

  it("slices are cut at the first fen that reaches each tier", () => {
    const r = calculateRebate(incr, { basisFen: 1_300_000n, targetFen: 333_333n, ...none });
    // thresholds: ceil(0.8 × 333,333) = 266,667, ceil(1.0 × …) = 333,333, ceil(1.2 × …) = 400,000
    expect(r.slices.map((s) => [s.fromFen, s.basisFen])).toEqual([
      [266_667n, 66_666n],
      [333_333n, 66_667n],
      [400_000n, 900_000n],
    ]);
  });
});

describe("rounding and adjustments", () => {
  it("rounds half up, away from zero for negatives", () => {
    expect(divRoundHalfUp(15n, 10n)).toBe(2n);
    expect(divRoundHalfUp(14n, 10n)).toBe(1n);
    expect(divRoundHalfUp(-15n, 10n)).toBe(-2n);
  });
  it("a return takes back its basis × rate × multiplier, rounded once", () => {
    expect(adjustmentForCredit(10_000n, 200, 11000)).toBe(-220n);
    expect(adjustmentForCredit(1_234n, 150, 10000)).toBe(-19n);
    expect(adjustmentForCredit(1_233n, 150, 10000)).toBe(-18n);
  });
});

import type { RebateStatementDetail } from "./statements-queries";
import { hasKey } from "../shared/keys";

/**
 * A statement in plain words, one sentence per explained line, for the portal page, the PDF and
 * the XLSX alike: translation keys under `rebatePortal.explain` with typed values that each
 * renderer formats its own way (money as fen, rates and completion as basis points).
 */
export type ExplainValue = string | number | { fen: bigint } | { bp: number };
export type ExplainSentence = { key: string; values: Record<string, ExplainValue> };

const fen = (v: unknown): { fen: bigint } => ({ fen: BigInt(typeof v === "bigint" || typeof v === "number" || typeof v === "string" ? v : 0) });
const bp = (v: unknown): { bp: number } => ({ bp: Number(v ?? 0) });
const text = (v: unknown) => (typeof v === "string" || typeof v === "number" ? v : "");

export function explainStatement(detail: Pick<RebateStatementDetail, "statement" | "lines">): ExplainSentence[] {
  const out: ExplainSentence[] = [];
  const say = (key: string, values: Record<string, ExplainValue> = {}) => out.push({ key: `rebatePortal.explain.${key}`, values });
  for (const line of detail.lines) {
    const p = line.params;
    const amount = { fen: line.amountFen };
    switch (line.kind) {
      case "basis":
        say(p.basis === "collected" ? "basis_collected" : "basis_invoiced", { basis: fen(p.basisFen ?? line.basisFen) });
        if (p.targetFen !== null && p.targetFen !== undefined) say("target", { target: fen(p.targetFen), completion: bp(p.completionBp) });
        break;
      case "no_target":
        say("noTarget");
        break;
      case "below_first_tier":
        say("belowTier", { completion: bp(p.completionBp), min: bp(p.firstTierBp) });
        break;
      case "tier":
        say("tier", { tier: text(p.tierNo), min: bp(p.minCompletionBp), basis: fen(line.basisFen), rate: bp(line.rateBp), amount });
        break;
      case "slice":
        say(p.toFen === null || p.toFen === undefined ? "sliceOpen" : "slice", { tier: text(p.tierNo), from: fen(p.fromFen), to: fen(p.toFen), basis: fen(line.basisFen), rate: bp(line.rateBp), amount });
        break;
      case "multiplier":
        say(p.onTimeBp === null || p.onTimeBp === undefined ? "multiplierNothingDue" : "multiplier", { onTime: bp(p.onTimeBp), multiplier: bp(p.multiplierBp), amount });
        break;
      case "cap":
        say("cap", { cap: fen(p.capFen), amount });
        break;
      case "adjustment":
        say(p.creditNoteNumber ? "adjustmentCreditNote" : "adjustment", { source: text(p.sourceNumber), creditNote: text(p.creditNoteNumber), amount });
        break;
      case "price_protection":
        say("protection", { product: `${text(p.sku)} ${text(p.nameZh)}`.trim(), date: text(p.effectiveDate), old: fen(p.oldPriceFen), new: fen(p.newPriceFen), unit: fen(p.unitCreditFen) });
        say("protectionUnits", { quantity: text(p.quantity), unit: fen(p.unitCreditFen), amount });
        break;
      default:
        say("other", { amount });
    }
  }
  say("total", { amount: { fen: detail.statement.amountFen } });
  return out;
}

/** Basis points as a percentage string: 8000 → "80%", 125 → "1.25%", 10500 as a multiplier → "×1.05" (a table cell). */
export function formatBp(value: number, asMultiplier = false): string {
  const s = (value / 100).toFixed(2).replace(/\.?0+$/, "");
  return asMultiplier ? `×${formatFactor(value)}` : `${s}%`;
}

/** A multiplier's bare factor, 9000 → "0.9": a sentence says "×" (or "乘以") in its own words. */
export function formatFactor(value: number): string {
  return (value / 10000).toFixed(4).replace(/\.?0+$/, "");
}

/** The sentence's values as strings, for i18next interpolation. */
export function sentenceValues(s: ExplainSentence, money: (fen: bigint) => string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.values)) {
    if (typeof v === "object") out[k] = hasKey(v, "fen") ? money(v.fen) : k === "multiplier" ? formatFactor(v.bp) : formatBp(v.bp);
    else out[k] = String(v);
  }
  return out;
}

/** The explanation as translated sentences (loaders and the PDF/XLSX pass their translator). */
export function explainStatementText(detail: Pick<RebateStatementDetail, "statement" | "lines">, t: (key: string, values: Record<string, string>) => string, money: (fen: bigint) => string): string[] {
  return explainStatement(detail).map((s) => t(s.key, sentenceValues(s, money)));
}


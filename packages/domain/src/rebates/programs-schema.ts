import { z } from "zod";
import { partnerTiers, rebateBases, rebateMethods, rebateProgramStatuses, type PeriodKind } from "@cs/db";
import { dateField, optionalText, requiredText, uuidField, yuanToFenField } from "../validation";

export const MAX_TIERS = 10;
export const MAX_MULTIPLIER_TIERS = 5;
/** 30 %: anything above is a typo (3 instead of 0.03), not a rebate. */
export const MAX_RATE_BP = 3000;
export const MAX_MULTIPLIER_BP = 20000;
export const MAX_COMPLETION_TIER_BP = 100_000;

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const required = (v: unknown) => (v === undefined || v === null ? "" : v);
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v.filter((x) => x !== "") : [v]), z.array(item).max(500));

/** "12.5" (percent, at most two decimals, may be negative for the check below) → 1250 basis points, no float. */
export const percentToBp = z.preprocess(
  (v) => (typeof v === "number" ? String(v) : v),
  z
    .string({ error: "validation.required" })
    .trim()
    .min(1, { error: "validation.required" })
    .refine((v) => /^-?\d{1,6}(\.\d{1,2})?$/.test(v), { error: "rebatePrograms.errors.percent" })
    .transform((v) => {
      const negative = v.startsWith("-");
      const [whole, frac = ""] = v.replace("-", "").split(".");
      const bp = Number(whole) * 100 + Number(frac.padEnd(2, "0"));
      return negative ? -bp : bp;
    }),
);

const tier = z.object({
  minCompletion: percentToBp.pipe(z.number().min(0, { error: "rebatePrograms.errors.completionRange" }).max(MAX_COMPLETION_TIER_BP, { error: "rebatePrograms.errors.completionRange" })),
  rate: percentToBp.pipe(z.number().gt(0, { error: "rebatePrograms.errors.rateRange" }).max(MAX_RATE_BP, { error: "rebatePrograms.errors.rateRange" })),
});
const multiplierTier = z.object({
  minOnTime: percentToBp.pipe(z.number().min(0, { error: "rebatePrograms.errors.onTimeRange" }).max(10000, { error: "rebatePrograms.errors.onTimeRange" })),
  multiplier: percentToBp.pipe(z.number().min(0, { error: "rebatePrograms.errors.multiplierRange" }).max(MAX_MULTIPLIER_BP, { error: "rebatePrograms.errors.multiplierRange" })),
});

/** The calendar period a program covers: a whole month, quarter or year, or null. */
export function calendarPeriodKind(start: string, end: string): PeriodKind | null {
  const [y, m, d] = start.split("-").map(Number) as [number, number, number];
  if (d !== 1) return null;
  const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
  if (end === lastDay(y, m)) return "month";
  if ((m - 1) % 3 === 0 && end === lastDay(y, m + 2)) return "quarter";
  if (m === 1 && end === `${y}-12-31`) return "year";
  return null;
}

function ascending<T>(rows: T[], key: (r: T) => number, path: string, ctx: z.RefinementCtx, field: string) {
  rows.forEach((r, i) => {
    if (i === 0) return;
    const prev = key(rows[i - 1]!);
    const cur = key(r);
    if (cur === prev) ctx.addIssue({ code: "custom", path: [path, i, field], message: "rebatePrograms.errors.tiersDuplicate" });
    else if (cur < prev) ctx.addIssue({ code: "custom", path: [path, i, field], message: "rebatePrograms.errors.tiersOrder" });
  });
}

export const rebateProgramInput = z
  .object({
    code: requiredText(30).pipe(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: "rebatePrograms.errors.code" }).transform((v) => v.toUpperCase())),
    name: requiredText(100),
    nameEn: optionalText(100),
    status: z.enum(rebateProgramStatuses).catch("draft"),
    periodStart: z.preprocess(required, dateField.refine((v) => v !== undefined, { error: "validation.required" })).transform((v) => v!),
    periodEnd: z.preprocess(required, dateField.refine((v) => v !== undefined, { error: "validation.required" })).transform((v) => v!),
    basis: z.enum(rebateBases, { error: "validation.required" }),
    method: z.enum(rebateMethods, { error: "validation.required" }),
    divisionId: z.preprocess(blank, uuidField.optional()),
    productLineId: z.preprocess(blank, uuidField.optional()),
    includeSubtree: checkbox,
    eligibleTiers: list(z.enum(partnerTiers, { error: "validation.invalid" })),
    eligibleBranchIds: list(uuidField),
    /** Partner codes, separated by spaces, commas or new lines (resolved to ids when saved). */
    eligiblePartners: z.preprocess(blank, z.string().max(20_000, { error: "validation.tooLong" }).optional()),
    tiers: z.array(tier).min(1, { error: "rebatePrograms.errors.tiersEmpty" }).max(MAX_TIERS, { error: "rebatePrograms.errors.tiersTooMany" }),
    multiplierTiers: z.array(multiplierTier).max(MAX_MULTIPLIER_TIERS, { error: "rebatePrograms.errors.tiersTooMany" }).default([]),
    cap: yuanToFenField,
  })
  .superRefine((v, ctx) => {
    if (v.periodEnd < v.periodStart) ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "rebatePrograms.errors.periodOrder" });
    else if (!calendarPeriodKind(v.periodStart, v.periodEnd)) ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "rebatePrograms.errors.periodCalendar" });
    const codes = partnerCodes(v.eligiblePartners);
    if (v.eligibleTiers.length === 0 && v.eligibleBranchIds.length === 0 && codes.length === 0)
      ctx.addIssue({ code: "custom", path: ["eligibility"], message: "rebatePrograms.errors.eligibilityEmpty" });
    ascending(v.tiers, (t) => t.minCompletion, "tiers", ctx, "minCompletion");
    ascending(v.multiplierTiers, (t) => t.minOnTime, "multiplierTiers", ctx, "minOnTime");
    if (v.multiplierTiers.length > 0 && v.multiplierTiers[0]!.minOnTime !== 0)
      ctx.addIssue({ code: "custom", path: ["multiplierTiers", 0, "minOnTime"], message: "rebatePrograms.errors.multiplierFirst" });
    if (v.cap !== undefined && v.cap <= 0n) ctx.addIssue({ code: "custom", path: ["cap"], message: "rebatePrograms.errors.capPositive" });
    // A payment pays invoices, not products: splitting it by division would be a guess, so refuse.
    if (v.basis === "collected" && (v.divisionId || v.productLineId)) ctx.addIssue({ code: "custom", path: ["basis"], message: "rebatePrograms.errors.collectedFilter" });
  });
export type RebateProgramInput = z.output<typeof rebateProgramInput>;

export function partnerCodes(text: string | undefined): string[] {
  if (!text) return [];
  return [...new Set(text.split(/[\s,，;；]+/).map((c) => c.trim().toUpperCase()).filter(Boolean))];
}

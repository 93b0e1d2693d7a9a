import { z } from "zod";
import { periodKinds, type PeriodKind } from "@cs/db";
import { addMonths, shanghaiToday } from "../shared/dates";

export { periodKinds, type PeriodKind };

const monthsOf: Record<PeriodKind, number> = { month: 1, quarter: 3, year: 12 };

/** Whether `date` is the first day of a month, quarter or year. */
export function isPeriodStart(kind: PeriodKind, date: string): boolean {
  if (!/^\d{4}-\d{2}-01$/.test(date)) return false;
  const month = Number(date.slice(5, 7));
  if (month < 1 || month > 12) return false;
  return kind === "month" || (kind === "quarter" ? (month - 1) % 3 === 0 : month === 1);
}

/** The period of this kind that contains `date`. */
export function periodContaining(kind: PeriodKind, date: string): string {
  const y = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  const first = kind === "month" ? month : kind === "quarter" ? month - ((month - 1) % 3) : 1;
  return `${y}-${String(first).padStart(2, "0")}-01`;
}

/** [start, end) of a period and its length in months. */
export function periodRange(kind: PeriodKind, start: string) {
  return { kind, start, end: addMonths(start, monthsOf[kind]), months: monthsOf[kind] };
}

export const currentPeriod = (kind: PeriodKind, today = shanghaiToday()) => periodContaining(kind, today);

/** A period chosen in a form or URL: a kind and its first day (a wrong start is refused, not moved). */
export const periodInput = z
  .object({
    periodKind: z.enum(periodKinds, { error: "validation.required" }),
    periodStart: z.iso.date({ error: "validation.date" }),
  })
  .refine((p) => isPeriodStart(p.periodKind, p.periodStart), { path: ["periodStart"], error: "channel.validation.periodStart" });

/** Completion in basis points (10000 = 100 %), floored, integer math; null without a target. */
export function completionBp(actualFen: bigint, targetFen: bigint | null): number | null {
  if (targetFen === null || targetFen <= 0n) return null;
  const bp = (actualFen * 10000n) / targetFen;
  return Number(actualFen < 0n && bp * targetFen !== actualFen * 10000n ? bp - 1n : bp);
}

/** The last `count` periods of a kind up to the current one, newest first (filter choices). */
export function recentPeriods(kind: PeriodKind, count: number, today = shanghaiToday()): string[] {
  const step = periodRange(kind, today.slice(0, 8) + "01").months;
  const current = currentPeriod(kind, today);
  return Array.from({ length: count }, (_, i) => addMonths(current, -i * step));
}

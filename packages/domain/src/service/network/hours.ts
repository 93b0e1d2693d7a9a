/** Opening hours: pure functions with no database import, so route components can use them in the browser. */
export const weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof weekdays)[number];
export type OpeningHours = Partial<Record<Weekday, [string, string][]>>;

const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * One day's hours as typed: "09:00-12:00, 13:30-18:00", empty when closed. Each range must run
 * forwards and the ranges must not overlap.
 */
export function parseDayHours(text: string): [string, string][] | null {
  const parts = text
    .split(/[,，;；]/)
    .map((s) => s.trim())
    .filter(Boolean);
  const ranges: [string, string][] = [];
  for (const part of parts) {
    const m = part.replace(/[–—~～至]/g, "-").split("-").map((s) => s.trim());
    if (m.length !== 2 || !hhmm.test(m[0]!) || !hhmm.test(m[1]!) || m[0]! >= m[1]!) return null;
    ranges.push([m[0]!, m[1]!]);
  }
  ranges.sort((a, b) => a[0].localeCompare(b[0]));
  for (let i = 1; i < ranges.length; i++) if (ranges[i]![0] < ranges[i - 1]![1]) return null;
  return ranges;
}

export function formatDayHours(ranges: [string, string][] | undefined) {
  return (ranges ?? []).map(([a, b]) => `${a}-${b}`).join(", ");
}

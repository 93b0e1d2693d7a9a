import type { RepairPriority } from "@cs/db";

/**
 * Service-level targets in business hours (Mon–Fri 09:00–18:00 Asia/Shanghai, public holidays off,
 * make-up workdays on): the response is the station accepting, the resolution the device being ready.
 */
export type SlaPolicy = { response: Record<RepairPriority, number>; resolution: Record<RepairPriority, number> };

export const defaultSlaPolicy: SlaPolicy = {
  response: { urgent: 2, high: 4, normal: 8, low: 16 },
  resolution: { urgent: 16, high: 27, normal: 45, low: 72 },
};

/** A date's exception to the weekly rule: a public holiday (法定节假日) or a make-up workday (调休上班). */
export type CalendarExceptionKind = "holiday" | "workday";

export type BusinessCalendar = {
  openHour: number;
  closeHour: number;
  workdays: readonly number[];
  /** Shanghai dates ("2026-10-01") that break the weekly rule; they win over `workdays`. */
  exceptions?: ReadonlyMap<string, CalendarExceptionKind>;
};

/** 0 = Sunday … 6 = Saturday, as Date#getUTCDay. */
export const shanghaiBusinessHours: BusinessCalendar = { openHour: 9, closeHour: 18, workdays: [1, 2, 3, 4, 5] };

/** The Shanghai week with the desk's holidays and make-up workdays. */
export function calendarWithExceptions(days: readonly { day: string; kind: CalendarExceptionKind }[], base: BusinessCalendar = shanghaiBusinessHours): BusinessCalendar {
  return { ...base, exceptions: new Map(days.map((d) => [d.day, d.kind])) };
}

/** China has kept UTC+8 without daylight saving since 1991, so Asia/Shanghai is a fixed offset. */
const OFFSET_MS = 8 * 3_600_000;
const HOUR_MS = 3_600_000;

/** `day` is a Shanghai midnight expressed as "local wall clock as UTC". */
function isWorkday(calendar: BusinessCalendar, day: Date): boolean {
  const exception = calendar.exceptions?.get(day.toISOString().slice(0, 10));
  if (exception) return exception === "workday";
  return calendar.workdays.includes(day.getUTCDay());
}

/**
 * `start` plus `hours` of business time: time outside opening hours, on non-workdays and on public
 * holidays does not count; make-up workdays count like any weekday. A start outside hours begins
 * counting at the next opening.
 */
export function addBusinessHours(start: Date, hours: number, calendar: BusinessCalendar = shanghaiBusinessHours): Date {
  if (!(hours >= 0)) throw new Error("hours must be non-negative");
  let remaining = hours * HOUR_MS;
  // Work on "local wall clock as UTC" so day boundaries fall at Shanghai midnight.
  let local = start.getTime() + OFFSET_MS;
  for (let guard = 0; guard < 10_000; guard++) {
    const day = new Date(local);
    const dayStart = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
    const open = dayStart + calendar.openHour * HOUR_MS;
    const close = dayStart + calendar.closeHour * HOUR_MS;
    if (!isWorkday(calendar, new Date(dayStart)) || local >= close) {
      local = dayStart + 24 * HOUR_MS + calendar.openHour * HOUR_MS;
      continue;
    }
    if (local < open) local = open;
    const available = close - local;
    if (remaining <= available) return new Date(local + remaining - OFFSET_MS);
    remaining -= available;
    local = dayStart + 24 * HOUR_MS + calendar.openHour * HOUR_MS;
  }
  throw new Error("business calendar has no working time");
}

export function slaDueDates(filedAt: Date, priority: RepairPriority, policy: SlaPolicy = defaultSlaPolicy, calendar: BusinessCalendar = shanghaiBusinessHours) {
  return {
    responseDueAt: addBusinessHours(filedAt, policy.response[priority], calendar),
    resolutionDueAt: addBusinessHours(filedAt, policy.resolution[priority], calendar),
  };
}

/** A stored policy override, if well formed; else the default. */
export function slaPolicyFrom(stored: unknown): SlaPolicy {
  if (!stored || typeof stored !== "object") return defaultSlaPolicy;
  const s = stored as Partial<SlaPolicy>;
  const ok = (r: unknown): r is Record<RepairPriority, number> =>
    !!r && typeof r === "object" && (["urgent", "high", "normal", "low"] as const).every((p) => typeof (r as Record<string, unknown>)[p] === "number");
  return ok(s.response) && ok(s.resolution) ? { response: s.response, resolution: s.resolution } : defaultSlaPolicy;
}

/** The deadline running in this state: response until accepted, resolution until ready, then none. */
export function currentSlaDue(status: string, due: { responseDueAt: Date; resolutionDueAt: Date }): Date | null {
  if (status === "submitted") return due.responseDueAt;
  if (["accepted", "received", "diagnosing", "awaiting_parts", "repairing"].includes(status)) return due.resolutionDueAt;
  return null;
}

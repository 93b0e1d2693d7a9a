import { sql, type SQL } from "drizzle-orm";

/**
 * The business calendar is China's: Asia/Shanghai, UTC+8 without daylight saving since 1991. Every
 * "today", document year and day boundary goes through here, so none of them follows the server's zone.
 */

// Built once: constructing an Intl.DateTimeFormat costs far more than formatting with one.
const shanghaiDate = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" });
const shanghaiDateTimeFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** Today's date (yyyy-mm-dd) in China, whatever the server's time zone. */
export function shanghaiToday(now = new Date()): string {
  return shanghaiDate.format(now);
}

/** This month (yyyy-mm) in China. */
export function shanghaiMonth(now = new Date()): string {
  return shanghaiToday(now).slice(0, 7);
}

/** The year in China: a document numbered at 01:00 on 1 January belongs to the new year. */
export function shanghaiYear(now = new Date()): number {
  return yearOf(shanghaiToday(now));
}

/** `2026-03-02 00:30:00`, the wall-clock time in China (spreadsheets read it as a date and time). */
export function shanghaiDateTime(at: Date): string {
  const parts = new Map(shanghaiDateTimeFormat.formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.get("year")}-${parts.get("month")}-${parts.get("day")} ${parts.get("hour")}:${parts.get("minute")}:${parts.get("second")}`;
}

/** Noon of a Chinese calendar day: the instant recorded for an event known only by its date. */
export function shanghaiNoon(day: string): Date {
  return new Date(`${day}T12:00:00+08:00`);
}

/** A calendar date plus whole days (UTC arithmetic on a date-only value: no DST or zone drift). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Same day-of-month `months` later, clamped to the month's end (2025-01-31 + 1 → 2025-02-28). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

export const yearOf = (date: string) => Number(date.slice(0, 4));

/** SQL: the instant a Chinese calendar day starts (00:00 Asia/Shanghai). */
export function shanghaiDayStart(day: string): SQL {
  return sql`(${day}::date::timestamp at time zone 'Asia/Shanghai')`;
}

/** SQL: the instant after a Chinese calendar day ends (00:00 of the next day), for `< end` filters. */
export function shanghaiDayEnd(day: string): SQL {
  return sql`((${day}::date + 1)::timestamp at time zone 'Asia/Shanghai')`;
}

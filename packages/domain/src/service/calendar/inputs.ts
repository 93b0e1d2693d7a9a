import { z } from "zod";
import { businessCalendarKinds } from "@cs/db";
import { strictNumber } from "../../validation/fields";

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date as YYYY-MM-DD (2026-02-30 is refused, not rolled over to March). */
export function isCalendarDate(value: string): boolean {
  if (!isoDay.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const day = z
  .string({ error: "validation.required" })
  .trim()
  .refine(isCalendarDate, { message: "calendar.validation.badDate" })
  .refine((v) => v >= "2000-01-01" && v <= "2099-12-31", { message: "calendar.validation.badDate" });

export const addCalendarDayInput = z.object({
  day,
  kind: z.enum(businessCalendarKinds, { error: "calendar.validation.badKind" }),
  nameZh: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(40, "validation.tooLong"),
  nameEn: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(60, "validation.tooLong"),
});

export const removeCalendarDayInput = z.object({ day });

export const calendarYearQuery = z.object({
  year: strictNumber(z.number().int().min(2000).max(2099).catch(() => new Date().getUTCFullYear())),
});

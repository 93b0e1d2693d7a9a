import { z } from "zod";
import { listQuerySchema } from "../../shared/list-query";
import { isUuid } from "../../shared/parse";
import { passwordField } from "../../users/register";
import { parseDayHours, weekdays, type OpeningHours } from "./hours";
import { strictNumber } from "../../validation/fields";

export { formatDayHours, parseDayHours, weekdays, type OpeningHours, type Weekday } from "./hours";

const list = (v: unknown) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]);

export const stationProfileInput = z
  .object({
    /** Cities served, typed as "北京, 天津" (commas, 、 or new lines). */
    cities: z
      .string()
      .optional()
      .transform((v) => [...new Set((v ?? "").split(/[\s,，、;；]+/).map((s) => s.trim()).filter(Boolean))])
      .refine((c) => c.length >= 1, { error: "network.validation.citiesRequired" })
      .refine((c) => c.length <= 30 && c.every((x) => x.length <= 20), { error: "validation.tooLong" }),
    divisionIds: z
      .preprocess(list, z.array(z.string()))
      .refine((ids) => ids.every(isUuid), { error: "validation.invalid" })
      .transform((ids) => [...new Set(ids)]),
    capacityPerDay: strictNumber(z
      .number({ error: "validation.integer" })
      .int({ error: "validation.integer" })
      .min(0, { error: "validation.range" })
      .max(500, { error: "validation.range" })),
    active: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
    /** The profile's updated_at the form was loaded with (ISO), absent for a station without a profile yet. */
    loadedAt: z.string().optional(),
    ...Object.fromEntries(weekdays.map((d) => [`hours_${d}`, z.string().max(100, { error: "validation.tooLong" }).optional().default("")])),
  })
  .transform((v, ctx) => {
    const openingHours: OpeningHours = {};
    for (const d of weekdays) {
      const ranges = parseDayHours((v as unknown as Record<string, string | undefined>)[`hours_${d}`] ?? "");
      if (!ranges) ctx.addIssue({ code: "custom", path: [`hours_${d}`], message: "network.validation.hours" });
      else openingHours[d] = ranges;
    }
    return { cities: v.cities, divisionIds: v.divisionIds, capacityPerDay: v.capacityPerDay, active: v.active, loadedAt: v.loadedAt, openingHours };
  });
export type StationProfileInput = z.output<typeof stationProfileInput>;

export const technicianInput = z.object({
  name: z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(50, { error: "validation.tooLong" }),
  login: z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(254, { error: "validation.tooLong" }),
  password: passwordField,
});

export const technicianLinkInput = z.object({ userId: z.string().refine(isUuid, { error: "validation.invalid" }) });

export const stationSortKeys = ["code", "name", "city", "load", "capacity"] as const;
export const stationListQuery = listQuerySchema(stationSortKeys, "code").extend({
  city: z.string().trim().max(20).optional().catch(undefined).transform((v) => v || undefined),
  division: z.uuid().optional().catch(undefined),
});
export type StationListQuery = z.output<typeof stationListQuery>;

import { and, asc, eq, gte, lte, sql } from "drizzle-orm";
import { businessCalendarDays, type BusinessCalendarDay } from "@cs/db";
import { authorize } from "../../access/authorize";
import { recordAudit } from "../../shared/audit";
import { inTransaction, type Ctx } from "../../shared/context";
import { ValidationError } from "../../shared/errors";
import { parseInput } from "../../shared/parse";
import { addCalendarDayInput, removeCalendarDayInput } from "./inputs";
import { CALENDAR_CHANNEL, forgetBusinessCalendar } from "./load";

export type CalendarDay = Pick<BusinessCalendarDay, "day" | "kind" | "nameZh" | "nameEn" | "createdAt">;

/** One year's holidays and make-up workdays, in date order. */
export async function listCalendarDays(ctx: Ctx, year: number): Promise<CalendarDay[]> {
  authorize(ctx.actor, "service:read");
  return ctx.db
    .select({ day: businessCalendarDays.day, kind: businessCalendarDays.kind, nameZh: businessCalendarDays.nameZh, nameEn: businessCalendarDays.nameEn, createdAt: businessCalendarDays.createdAt })
    .from(businessCalendarDays)
    .where(and(gte(businessCalendarDays.day, `${year}-01-01`), lte(businessCalendarDays.day, `${year}-12-31`)))
    .orderBy(asc(businessCalendarDays.day));
}

/**
 * Adds a holiday or make-up workday. A date already in the calendar is refused (remove it first), so
 * a repeated submission changes nothing. Requests already filed keep their deadlines; new ones and
 * priority changes use the new calendar.
 */
export async function addCalendarDay(ctx: Ctx, raw: unknown): Promise<CalendarDay> {
  authorize(ctx.actor, "service:manage");
  const input = parseInput(addCalendarDayInput, raw);
  const created = await inTransaction(ctx, async (tx) => {
    const [row] = await tx
      .insert(businessCalendarDays)
      .values({ ...input, createdBy: ctx.actor.userId })
      .onConflictDoNothing()
      .returning({ day: businessCalendarDays.day, kind: businessCalendarDays.kind, nameZh: businessCalendarDays.nameZh, nameEn: businessCalendarDays.nameEn, createdAt: businessCalendarDays.createdAt });
    if (!row) throw new ValidationError({ day: ["calendar.validation.duplicate"] }, "calendar.validation.duplicate");
    await recordAudit(tx, ctx.actor, { action: "create", entity: "business_calendar_day", entityId: row.day, after: input });
    await tx.execute(sql`select pg_notify(${CALENDAR_CHANNEL}, ${row.day})`);
    return row;
  });
  forgetBusinessCalendar(ctx.db);
  return created;
}

/** Removes a day. Removing one that is no longer there changes nothing, so a repeated submission is harmless. */
export async function removeCalendarDay(ctx: Ctx, raw: unknown): Promise<{ day: string; removed: boolean }> {
  authorize(ctx.actor, "service:manage");
  const input = parseInput(removeCalendarDayInput, raw);
  const removed = await inTransaction(ctx, async (tx) => {
    const [row] = await tx.delete(businessCalendarDays).where(eq(businessCalendarDays.day, input.day)).returning();
    if (!row) return { day: input.day, removed: false };
    await recordAudit(tx, ctx.actor, { action: "delete", entity: "business_calendar_day", entityId: row.day, before: { day: row.day, kind: row.kind, nameZh: row.nameZh, nameEn: row.nameEn } });
    await tx.execute(sql`select pg_notify(${CALENDAR_CHANNEL}, ${row.day})`);
    return { day: row.day, removed: true };
  });
  if (removed.removed) forgetBusinessCalendar(ctx.db);
  return removed;
}

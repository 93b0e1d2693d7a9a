import { sql } from "drizzle-orm";
import { check, date, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

export const businessCalendarKinds = ["holiday", "workday"] as const;
export type BusinessCalendarKind = (typeof businessCalendarKinds)[number];
export const businessCalendarKind = pgEnum("business_calendar_kind", businessCalendarKinds);

/**
 * Exceptions to the Mon–Fri service week in Asia/Shanghai: public holidays (法定节假日) stop the SLA
 * clock, make-up workdays (调休上班) on a weekend count. The desk enters the State Council's
 * schedule each year; the table is small (a few dozen rows a year) and read whole into memory.
 */
export const businessCalendarDays = pgTable(
  "business_calendar_days",
  {
    day: date({ mode: "string" }).primaryKey(),
    kind: businessCalendarKind().notNull(),
    nameZh: text().notNull(),
    nameEn: text().notNull(),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("business_calendar_days_names", sql`length(${t.nameZh}) > 0 and length(${t.nameEn}) > 0`)],
);

export type BusinessCalendarDay = typeof businessCalendarDays.$inferSelect;

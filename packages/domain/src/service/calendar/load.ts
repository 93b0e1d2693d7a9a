import { asc } from "drizzle-orm";
import { businessCalendarDays, type DatabaseOrTransaction } from "@cs/db";
import { calendarWithExceptions, type BusinessCalendar } from "../sla";

/** Changes are announced on this channel (NOTIFY is delivered on commit) to every app process. */
export const CALENDAR_CHANNEL = "business_calendar";
/** A safety net should a process miss a notice while its listening connection was down. */
const MAX_AGE_MS = 10 * 60_000;

type Client = { listen?: (channel: string, onNotify: () => void, onListen?: () => void) => Promise<unknown> };
type Entry = { calendar: Promise<BusinessCalendar>; at: number };

/** Per connection pool: tests and the bench hold several pools (several databases) in one process. */
const cache = new WeakMap<object, Entry>();
const listening = new WeakSet<object>();

function poolOf(db: DatabaseOrTransaction): (object & Client) | null {
  // a Database carries its postgres.js pool; a transaction does not and reads the table itself
  return ((db as { $client?: object & Client }).$client as (object & Client) | undefined) ?? null;
}

async function readCalendar(db: DatabaseOrTransaction): Promise<BusinessCalendar> {
  const days = await db.select({ day: businessCalendarDays.day, kind: businessCalendarDays.kind }).from(businessCalendarDays).orderBy(asc(businessCalendarDays.day));
  return calendarWithExceptions(days);
}

function listenForChanges(pool: object & Client) {
  if (listening.has(pool) || typeof pool.listen !== "function") return;
  listening.add(pool);
  const forget = () => cache.delete(pool);
  // onListen runs on every (re)connect: whatever changed while disconnected is read afresh
  pool.listen(CALENDAR_CHANNEL, forget, forget).catch(() => listening.delete(pool));
}

/**
 * The SLA calendar (Mon–Fri 09–18 plus the desk's holidays and make-up workdays), read once per
 * pool and kept in memory until a change is announced, so filing a request or changing a priority
 * does not pay a query for it.
 */
export function loadBusinessCalendar(db: DatabaseOrTransaction): Promise<BusinessCalendar> {
  const pool = poolOf(db);
  if (!pool) return readCalendar(db);
  const hit = cache.get(pool);
  if (hit && Date.now() - hit.at < MAX_AGE_MS) return hit.calendar;
  const entry: Entry = { calendar: readCalendar(db), at: Date.now() };
  cache.set(pool, entry);
  entry.calendar.catch(() => cache.get(pool) === entry && cache.delete(pool));
  listenForChanges(pool);
  return entry.calendar;
}

/** This process's copy is dropped at once; other processes hear the NOTIFY. */
export function forgetBusinessCalendar(db: DatabaseOrTransaction) {
  const pool = poolOf(db);
  if (pool) cache.delete(pool);
}

// Built once: constructing an Intl.DateTimeFormat costs far more than formatting with one.
const shanghaiDate = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" });

/** Today's date (yyyy-mm-dd) in China, whatever the server's time zone. */
export function shanghaiToday(now = new Date()): string {
  return shanghaiDate.format(now);
}

/** A calendar date plus whole days (UTC arithmetic on a date-only value: no DST or zone drift). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const yearOf = (date: string) => Number(date.slice(0, 4));

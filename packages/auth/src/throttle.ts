import { and, asc, eq, gt, inArray, lt } from "drizzle-orm";
import { loginFailures, type Database } from "@cs/db";

export const MAX_FAILURES = 5;
export const WINDOW_MINUTES = 15;

const keys = (login: string, ip: string) => [`account:${login.trim().toLowerCase()}`, `ip:${ip}`];

/** When the account or the IP has failed too often recently: the moment it may try again. */
export async function throttledUntil(db: Database, login: string, ip: string): Promise<Date | null> {
  const since = new Date(Date.now() - WINDOW_MINUTES * 60_000);
  let until: Date | null = null;
  for (const key of keys(login, ip)) {
    const rows = await db
      .select({ at: loginFailures.at })
      .from(loginFailures)
      .where(and(eq(loginFailures.key, key), gt(loginFailures.at, since)))
      .orderBy(asc(loginFailures.at));
    if (rows.length >= MAX_FAILURES) {
      // Locked until the oldest failure in the window ages out.
      const retry = new Date(rows[rows.length - MAX_FAILURES]!.at.getTime() + WINDOW_MINUTES * 60_000);
      if (!until || retry > until) until = retry;
    }
  }
  return until;
}

export async function recordFailure(db: Database, login: string, ip: string) {
  await db.insert(loginFailures).values(keys(login, ip).map((key) => ({ key })));
  await db.delete(loginFailures).where(lt(loginFailures.at, new Date(Date.now() - 24 * 3600_000)));
}

export async function clearAccountFailures(db: Database, login: string) {
  await db.delete(loginFailures).where(inArray(loginFailures.key, [keys(login, "")[0]!]));
}

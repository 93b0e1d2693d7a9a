import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { loginFailures, notifications, sessions, users, type Database } from "@cs/db";
import { notify } from "@cs/domain";

/** Failures of one login from one client before that pair waits for the window to pass. */
export const PAIR_MAX_FAILURES = 5;
/** Failures of one client across all logins (password spraying) before it waits. */
export const IP_MAX_FAILURES = 20;
export const WINDOW_MINUTES = 15;
/**
 * Failures of one login from all clients within an hour beyond which clients that never signed in to
 * it are slowed, more with every further failure; clients it signed in from before are not.
 */
export const ACCOUNT_CEILING = 10;
export const ACCOUNT_WINDOW_MINUTES = 60;
const SLOW_BASE_SECONDS = 15;
const SLOW_MAX_SECONDS = 15 * 60;
/** Failures of a login within the account window that earn its owner a notice (at most one an hour). */
export const NOTIFY_AFTER = 5;

const keysOf = (login: string, ip: string) => {
  const account = login.trim().toLowerCase();
  return { pair: `pair:${account}|${ip}`, ip: `ip:${ip}`, account: `account:${account}` };
};

/** The wait once a login's failures pass the ceiling: 15 s, doubling with each failure, at most 15 min. */
export function slowdownSeconds(accountFailures: number): number {
  if (accountFailures < ACCOUNT_CEILING) return 0;
  return Math.min(SLOW_BASE_SECONDS * 2 ** (accountFailures - ACCOUNT_CEILING), SLOW_MAX_SECONDS);
}

type KeyStats = { key: string; n: number; last: string; nth_pair: string | null; nth_ip: string | null };

/**
 * When this client may try this login again, or null. A pair or a client over its limit waits until
 * enough of its failures age out; a login over its ceiling slows every client that has never signed
 * in to it, so an attacker cannot lock its owner out, and a distributed guesser gets few tries.
 * Unknown and existing logins are treated alike.
 */
export async function throttledUntil(db: Database, login: string, ip: string): Promise<Date | null> {
  const keys = keysOf(login, ip);
  const rows = (await db.execute<KeyStats>(sql`
    select key, count(*)::int as n, max(at)::text as last,
           ((array_agg(at order by at desc))[${PAIR_MAX_FAILURES}])::text as nth_pair,
           ((array_agg(at order by at desc))[${IP_MAX_FAILURES}])::text as nth_ip
      from login_failures
     where (key in (${keys.pair}, ${keys.ip}) and at > now() - ${WINDOW_MINUTES} * interval '1 minute')
        or (key = ${keys.account} and at > now() - ${ACCOUNT_WINDOW_MINUTES} * interval '1 minute')
     group by key`)) as unknown as KeyStats[];
  const stats = new Map(rows.map((r) => [r.key, r]));
  const window = WINDOW_MINUTES * 60_000;
  const waits: Date[] = [];
  const pair = stats.get(keys.pair);
  if (pair && pair.n >= PAIR_MAX_FAILURES && pair.nth_pair) waits.push(new Date(new Date(pair.nth_pair).getTime() + window));
  const client = stats.get(keys.ip);
  if (client && client.n >= IP_MAX_FAILURES && client.nth_ip) waits.push(new Date(new Date(client.nth_ip).getTime() + window));
  const account = stats.get(keys.account);
  const slow = slowdownSeconds(account?.n ?? 0);
  if (account && slow > 0 && !(await isKnownClient(db, login, ip))) waits.push(new Date(new Date(account.last).getTime() + slow * 1000));
  const until = waits.filter((d) => d.getTime() > Date.now()).sort((a, b) => b.getTime() - a.getTime())[0];
  return until ?? null;
}

/** A client the login's owner signed in from (a session from that address in the last 90 days). */
async function isKnownClient(db: Database, login: string, ip: string): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    // compared as text: an address that is not an IP cannot fail a cast, it just never matches
    .where(and(eq(users.login, login.trim().toLowerCase()), sql`host(${sessions.ip}) = ${ip}`, sql`${sessions.createdAt} > now() - interval '90 days'`))
    .limit(1);
  return row !== undefined;
}

/**
 * Records a failed sign-in under the pair, the client and the login. When the login exists and has
 * failed often within the hour, its owner hears of it in-app (and by e-mail for e-mail logins), at
 * most once an hour: a notice per failure would be a flood an attacker controls.
 */
export async function recordFailure(db: Database, login: string, ip: string, userId?: string | null) {
  const keys = keysOf(login, ip);
  await db.transaction(async (tx) => {
    await tx.insert(loginFailures).values([{ key: keys.pair }, { key: keys.ip }, { key: keys.account }]);
    if (!userId) return;
    // serialises concurrent failures of one login so the notice is written once
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`signin-notice:${userId}`}))`);
    const [failures] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(loginFailures)
      .where(and(eq(loginFailures.key, keys.account), sql`${loginFailures.at} > now() - ${ACCOUNT_WINDOW_MINUTES} * interval '1 minute'`));
    if ((failures?.n ?? 0) < NOTIFY_AFTER) return;
    const [recent] = await tx
      .select({ id: notifications.id })
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, userId),
          eq(notifications.kind, "security.signInFailures"),
          sql`${notifications.createdAt} > now() - interval '1 hour'`,
        ),
      )
      .limit(1);
    if (recent) return;
    await notify(tx, {
      audiences: [{ userIds: [userId] }],
      kind: "security.signInFailures",
      entityType: "security",
      entityId: userId,
      params: { count: failures!.n, ip },
    });
  });
  await db.delete(loginFailures).where(lt(loginFailures.at, new Date(Date.now() - 24 * 3600_000)));
}

/** A successful sign-in forgives its own client; the login's count stays, so a guesser gains nothing. */
export async function clearPairFailures(db: Database, login: string, ip: string) {
  await db.delete(loginFailures).where(inArray(loginFailures.key, [keysOf(login, ip).pair]));
}

import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull, ne, sql } from "drizzle-orm";
import { executePrepared, sessions, type Database } from "@cs/db";
import { actorColumns, type ActorRow } from "@cs/domain";
import { serverEnv } from "./env.server";
import { cookieName } from "./cookie-names";
import { createSignedCookie } from "./signed-cookie.server";

export type Audience = "portal" | "backoffice";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

const cookies = new Map<Audience, ReturnType<typeof createSignedCookie>>();

/** Cookies do not separate by port, so each app has its own name (`__Host-` prefixed when Secure). */
export function sessionCookie(audience: Audience) {
  let cookie = cookies.get(audience);
  if (!cookie) {
    const env = serverEnv();
    cookie = createSignedCookie(cookieName(audience === "portal" ? "cs_portal_session" : "cs_bo_session", env.secureCookies), {
      secrets: [env.SESSION_SECRET],
      httpOnly: true,
      sameSite: "lax",
      secure: env.secureCookies,
      path: "/",
      maxAge: env.SESSION_ABSOLUTE_HOURS * 3600,
    });
    cookies.set(audience, cookie);
  }
  return cookie;
}

export async function createSession(db: Database, userId: string, info: { ip: string; userAgent: string | null }) {
  const env = serverEnv();
  const token = randomBytes(32).toString("base64url");
  await db.insert(sessions).values({
    id: hashToken(token),
    userId,
    csrfToken: randomBytes(16).toString("hex"),
    expiresAt: new Date(Date.now() + env.SESSION_ABSOLUTE_HOURS * 3600_000),
    ip: info.ip,
    userAgent: info.userAgent?.slice(0, 300) ?? null,
  });
  return token;
}

/**
 * The live session behind a cookie token: not revoked, within its absolute lifetime and not idle
 * for longer than allowed, with its user (active only) and what the user's actor is built from
 * (`actorFromRow`), in one prepared statement: every signed-in request runs it. Touches
 * `last_seen_at` at most once a minute.
 */
export async function readSession(db: Database, token: string) {
  const env = serverEnv();
  const idleSince = new Date(Date.now() - env.SESSION_IDLE_MINUTES * 60_000);
  const [row] = await executePrepared<ActorRow & { session_id: string; last_seen_at: Date }>(
    db,
    sql`select s.id as session_id, s.last_seen_at, ${actorColumns}
          from sessions s join users u on u.id = s.user_id
         where s.id = ${hashToken(token)} and s.revoked_at is null and s.expires_at > now()
           and s.last_seen_at > ${idleSince.toISOString()}::timestamptz and u.status = 'active'`,
  );
  if (!row) return null;
  const lastSeenAt = new Date(row.last_seen_at);
  if (Date.now() - lastSeenAt.getTime() > 60_000)
    await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, row.session_id));
  return { id: row.session_id, userId: row.id, lastSeenAt, kind: row.kind, user: row };
}

export async function revokeSession(db: Database, token: string) {
  await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.id, hashToken(token)), isNull(sessions.revokedAt)));
}

/** After a password change every other session of the user ends. */
export async function revokeOtherSessions(db: Database, userId: string, keepToken: string) {
  await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.userId, userId), ne(sessions.id, hashToken(keepToken)), isNull(sessions.revokedAt)));
}

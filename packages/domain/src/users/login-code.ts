import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { and, count, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { emailOutbox, loginVerifications, type Transaction } from "@cs/db";
import { ValidationError } from "../shared/errors";

export const CODE_DIGITS = 6;
export const CODE_TTL_MINUTES = 10;
/** Guesses per code; a fresh code must be requested after that. */
export const CODE_MAX_ATTEMPTS = 5;
export const RESEND_AFTER_SECONDS = 60;
/** Codes sent to one user per hour: caps what an abuser can make us send (SMS costs money). */
export const CODES_PER_HOUR = 5;
/**
 * Codes one client may have sent per hour across all users: each registration sends one, so without
 * this a script could make us text any number of phones. Generous, as many phones share a carrier NAT.
 */
export const CODES_PER_CLIENT_PER_HOUR = 20;

/**
 * A salted SHA-256 of the code. Six digits cannot survive an offline search whatever the hash, so the
 * defence is the short life and the attempt limit; the hash keeps a leaked table from being replayed
 * during those ten minutes without that search, and keeps codes out of backups in clear.
 */
export function hashCode(code: string, salt = randomBytes(16).toString("hex")): string {
  return `${salt}:${createHash("sha256").update(`${salt}:${code}`).digest("hex")}`;
}

export function codeMatches(stored: string, code: string): boolean {
  const [salt] = stored.split(":");
  const expected = Buffer.from(stored);
  const actual = Buffer.from(hashCode(code, salt));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Mobile logins get a text message, e-mail logins an e-mail. */
export const channelOf = (login: string) => (login.includes("@") ? ("email" as const) : ("sms" as const));

/** What the page shows of the login the code went to: 138****0000, wa***@example.cn. */
export function maskLogin(login: string): string {
  if (channelOf(login) === "sms") return `${login.slice(0, 3)}****${login.slice(-4)}`;
  const at = login.lastIndexOf("@");
  return `${login.slice(0, Math.min(2, at))}***${login.slice(at)}`;
}

/**
 * Issues a code for the user's login inside the caller's transaction: earlier codes die, the code's
 * hash is stored and the code itself rides in the outbox row (which the worker strips once sent).
 * The caller must hold the user's row lock so the send limits cannot be raced.
 */
export async function issueLoginCode(tx: Transaction, user: { id: string; login: string; locale: string | null }, ip: string | null) {
  const [recent] = await tx
    .select({
      n: count(),
      tooSoon: sql<boolean>`coalesce(bool_or(${loginVerifications.createdAt} > now() - ${RESEND_AFTER_SECONDS} * interval '1 second'), false)`,
    })
    .from(loginVerifications)
    .where(and(eq(loginVerifications.userId, user.id), gt(loginVerifications.createdAt, sql`now() - interval '1 hour'`)));
  if (recent?.tooSoon) throw new ValidationError({ form: ["verify.resendTooSoon"] });
  if ((recent?.n ?? 0) >= CODES_PER_HOUR) throw new ValidationError({ form: ["verify.tooManyCodes"] });
  if (ip) {
    const [client] = await tx
      .select({ n: count() })
      .from(loginVerifications)
      .where(and(sql`${loginVerifications.requestedIp} = ${ip}::inet`, gt(loginVerifications.createdAt, sql`now() - interval '1 hour'`)));
    if ((client?.n ?? 0) >= CODES_PER_CLIENT_PER_HOUR) throw new ValidationError({ form: ["verify.tooManyFromClient"] });
  }
  await tx
    .update(loginVerifications)
    .set({ expiresAt: sql`least(${loginVerifications.expiresAt}, now())` })
    .where(and(eq(loginVerifications.userId, user.id), isNull(loginVerifications.consumedAt)));
  const code = String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, "0");
  await tx.insert(loginVerifications).values({
    userId: user.id,
    target: user.login,
    codeHash: hashCode(code),
    requestedIp: ip,
    expiresAt: sql`now() + ${CODE_TTL_MINUTES} * interval '1 minute'`,
  });
  await tx.insert(emailOutbox).values({
    channel: channelOf(user.login),
    toAddress: user.login,
    locale: user.locale ?? "zh-CN",
    template: "verify.loginCode",
    params: { code, minutes: CODE_TTL_MINUTES, entityType: "verify", entityId: user.id },
  });
}

/** The newest code of a user, for the page (when a resend is allowed) and for refusals (why). */
export async function latestLoginCode(tx: Transaction, userId: string) {
  const [row] = await tx
    .select()
    .from(loginVerifications)
    .where(eq(loginVerifications.userId, userId))
    .orderBy(desc(loginVerifications.createdAt))
    .limit(1);
  return row ?? null;
}

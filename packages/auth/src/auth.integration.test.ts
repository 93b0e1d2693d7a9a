import { and, count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { emailOutbox, loginFailures, notifications, sessions, users } from "@cs/db";
import { seedDemo } from "@cs/seed";
import { testDatabaseUrl, testDb } from "../../../tests/db";
import { hashPassword } from "./password";
import { createSession, readSession, revokeOtherSessions, revokeSession } from "./session.server";
import { SignInError, signIn } from "./sign-in.server";
import { ACCOUNT_CEILING, IP_MAX_FAILURES, NOTIFY_AFTER, PAIR_MAX_FAILURES, slowdownSeconds, throttledUntil } from "./throttle";

function loginRequest(login: string, password: string) {
  return new Request("http://localhost/login", { method: "POST", body: new URLSearchParams({ login, password }) });
}

async function attempt(audience: "portal" | "backoffice", login: string, password: string, ip = "10.0.0.1") {
  try {
    return await signIn(testDb(), audience, loginRequest(login, password), ip);
  } catch (error) {
    if (error instanceof SignInError) return error;
    throw error;
  }
}

beforeAll(async () => {
  process.env.DATABASE_URL = testDatabaseUrl();
  process.env.SESSION_SECRET = "integration-test-secret-of-32-characters";
  await seedDemo(testDb(), { hashPassword });
});

describe("signIn", () => {
  it("accepts the right password at the right app", async () => {
    const result = await attempt("backoffice", "ADMIN@demo.cn", "Demo@2026");
    expect(result).toHaveProperty("userId");
  });

  it("answers wrong login and wrong password with the same message", async () => {
    const unknown = await attempt("backoffice", "nobody@demo.cn", "Demo@2026", "10.0.0.2");
    const wrong = await attempt("backoffice", "finance@demo.cn", "not-it-123", "10.0.0.3");
    expect(unknown).toBeInstanceOf(SignInError);
    expect((unknown as SignInError).messageKey).toBe("auth.invalidCredentials");
    expect((wrong as SignInError).messageKey).toBe("auth.invalidCredentials");
  });

  it("refuses staff at the portal and partners at the back-office, after the password is proven", async () => {
    expect(((await attempt("portal", "admin@demo.cn", "Demo@2026")) as SignInError).messageKey).toBe("auth.staffAtPortal");
    expect(((await attempt("backoffice", "dealer@demo.cn", "Demo@2026")) as SignInError).messageKey).toBe("auth.partnerAtBackoffice");
    expect(((await attempt("portal", "admin@demo.cn", "wrong-pass-1")) as SignInError).messageKey).toBe("auth.invalidCredentials");
  });

  it("throttles the attacker's client, not the owner signing in from another", async () => {
    for (let i = 0; i < PAIR_MAX_FAILURES; i++) await attempt("backoffice", "marketing@demo.cn", `bad-${i}-pass`, "10.1.0.66");
    const locked = (await attempt("backoffice", "marketing@demo.cn", "Demo@2026", "10.1.0.66")) as SignInError;
    expect(locked.messageKey).toBe("auth.throttled");
    expect(locked.retryAt!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    // the owner, elsewhere, with the right password
    expect(await attempt("backoffice", "marketing@demo.cn", "Demo@2026", "10.1.0.77")).toHaveProperty("userId");
    expect(await throttledUntil(testDb(), "marketing@demo.cn", "10.1.0.66")).toBeInstanceOf(Date);
  });

  it("throttles a client that sprays passwords across logins", async () => {
    for (let i = 0; i < IP_MAX_FAILURES; i++) await attempt("backoffice", `guess${i}@demo.cn`, "whatever-1", "10.9.9.9");
    expect(await throttledUntil(testDb(), "warehouse@demo.cn", "10.9.9.9")).toBeInstanceOf(Date);
    expect(await throttledUntil(testDb(), "warehouse@demo.cn", "10.9.9.10")).toBeNull();
    const rows = await testDb().select().from(loginFailures).where(eq(loginFailures.key, "ip:10.9.9.9"));
    expect(rows).toHaveLength(IP_MAX_FAILURES);
  });

  it("past a login's ceiling, slows clients it never signed in from, more with each failure, and never its known client", async () => {
    const [owner] = await testDb().select().from(users).where(eq(users.login, "warehouse@demo.cn"));
    await createSession(testDb(), owner!.id, { ip: "10.3.0.1", userAgent: "owner's browser" });
    // a distributed guesser: two tries from each of many clients, none reaching its pair limit
    for (let i = 0; i < ACCOUNT_CEILING; i++) await attempt("backoffice", "warehouse@demo.cn", `guess-${i}-x`, `10.4.0.${i >> 1}`);
    const first = await throttledUntil(testDb(), "warehouse@demo.cn", "10.4.9.9");
    expect(first).toBeInstanceOf(Date);
    expect(await throttledUntil(testDb(), "warehouse@demo.cn", "10.3.0.1")).toBeNull();
    expect(await attempt("backoffice", "warehouse@demo.cn", "Demo@2026", "10.3.0.1")).toHaveProperty("userId");

    // the slowdown grows with each failure and is capped; once it has passed, an unknown client may try again
    expect([ACCOUNT_CEILING - 1, ACCOUNT_CEILING, ACCOUNT_CEILING + 1, ACCOUNT_CEILING + 2, 1000].map(slowdownSeconds)).toEqual([0, 15, 30, 60, 900]);
    await testDb()
      .update(loginFailures)
      .set({ at: sql`at - interval '1 minute'` })
      .where(eq(loginFailures.key, "account:warehouse@demo.cn"));
    expect(await throttledUntil(testDb(), "warehouse@demo.cn", "10.4.9.9")).toBeNull();
    expect(((await attempt("backoffice", "warehouse@demo.cn", "guess-again-1", "10.4.9.9")) as SignInError).messageKey).toBe("auth.invalidCredentials");
    const slowed = (await attempt("backoffice", "warehouse@demo.cn", "Demo@2026", "10.4.9.8")) as SignInError;
    expect(slowed.messageKey).toBe("auth.throttled");
    expect(await throttledUntil(testDb(), "warehouse@demo.cn", "10.3.0.1")).toBeNull();
  });

  it("tells the owner of repeated failures, in-app and by e-mail, once an hour", async () => {
    const [owner] = await testDb().select().from(users).where(eq(users.login, "orderdesk@demo.cn"));
    const notices = () =>
      testDb()
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, owner!.id), eq(notifications.kind, "security.signInFailures")));
    for (let i = 0; i < NOTIFY_AFTER - 1; i++) await attempt("backoffice", "orderdesk@demo.cn", `bad-${i}-pass`, "10.5.0.1");
    expect(await notices()).toEqual([]);
    await attempt("backoffice", "orderdesk@demo.cn", "bad-last-pass", "10.5.0.2");
    const [notice] = await notices();
    expect(notice).toMatchObject({ entityType: "security", entityId: owner!.id, params: { count: NOTIFY_AFTER, ip: "10.5.0.2" } });
    const mails = await testDb()
      .select({ n: count() })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.toAddress, "orderdesk@demo.cn"), eq(emailOutbox.template, "security.signInFailures")));
    expect(mails).toEqual([{ n: 1 }]);
    await attempt("backoffice", "orderdesk@demo.cn", "bad-more-pass", "10.5.0.3");
    expect(await notices()).toHaveLength(1);
  });
});

describe("sessions", () => {
  it("live until revoked; a revoked token reads as no session", async () => {
    const [user] = await testDb().select().from(users).where(eq(users.login, "buyer@demo.cn"));
    const token = await createSession(testDb(), user!.id, { ip: "10.0.0.5", userAgent: "test" });
    expect((await readSession(testDb(), token))?.userId).toBe(user!.id);
    await revokeSession(testDb(), token);
    expect(await readSession(testDb(), token)).toBeNull();
  });

  it("expire when idle or past their absolute lifetime", async () => {
    const [user] = await testDb().select().from(users).where(eq(users.login, "agent@demo.cn"));
    const idle = await createSession(testDb(), user!.id, { ip: "10.0.0.6", userAgent: null });
    const old = await createSession(testDb(), user!.id, { ip: "10.0.0.6", userAgent: null });
    const all = await testDb().select().from(sessions).where(eq(sessions.userId, user!.id));
    expect(all).toHaveLength(2);
    const { createHash } = await import("node:crypto");
    const id = (t: string) => createHash("sha256").update(t).digest("hex");
    await testDb().update(sessions).set({ lastSeenAt: new Date(Date.now() - 3 * 3600_000) }).where(eq(sessions.id, id(idle)));
    await testDb().update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.id, id(old)));
    expect(await readSession(testDb(), idle)).toBeNull();
    expect(await readSession(testDb(), old)).toBeNull();
  });

  it("a password change ends the user's other sessions only", async () => {
    const [user] = await testDb().select().from(users).where(eq(users.login, "master@demo.cn"));
    const keep = await createSession(testDb(), user!.id, { ip: "10.0.0.7", userAgent: null });
    const other = await createSession(testDb(), user!.id, { ip: "10.0.0.8", userAgent: null });
    await revokeOtherSessions(testDb(), user!.id, keep);
    expect(await readSession(testDb(), keep)).not.toBeNull();
    expect(await readSession(testDb(), other)).toBeNull();
  });
});

import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { loginFailures, sessions, users } from "@cs/db";
import { seedDemo } from "@cs/db/seed";
import { testDatabaseUrl, testDb } from "../../../tests/db";
import { hashPassword } from "./password";
import { createSession, readSession, revokeOtherSessions, revokeSession } from "./session.server";
import { SignInError, signIn } from "./sign-in.server";
import { MAX_FAILURES, throttledUntil } from "./throttle";

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

  it("throttles an account after five failures, even with the right password, and says until when", async () => {
    for (let i = 0; i < MAX_FAILURES; i++) await attempt("backoffice", "marketing@demo.cn", `bad-${i}-pass`, `10.1.0.${i}`);
    const locked = (await attempt("backoffice", "marketing@demo.cn", "Demo@2026", "10.1.0.99")) as SignInError;
    expect(locked.messageKey).toBe("auth.throttled");
    expect(locked.retryAt!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
  });

  it("throttles an IP address after five failures across accounts", async () => {
    for (let i = 0; i < MAX_FAILURES; i++) await attempt("backoffice", `guess${i}@demo.cn`, "whatever-1", "10.9.9.9");
    expect(await throttledUntil(testDb(), "warehouse@demo.cn", "10.9.9.9")).toBeInstanceOf(Date);
    expect(await throttledUntil(testDb(), "warehouse@demo.cn", "10.9.9.10")).toBeNull();
    const rows = await testDb().select().from(loginFailures).where(eq(loginFailures.key, "ip:10.9.9.9"));
    expect(rows).toHaveLength(MAX_FAILURES);
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

import { eq } from "drizzle-orm";
import { RouterContextProvider } from "react-router";
import { beforeAll, describe, expect, it } from "vitest";
import { sessions, users, type Database } from "@cs/db";
import { hashPassword, PAIR_MAX_FAILURES, requestContext, type Audience } from "@cs/auth/server";
import type { Actor } from "@cs/domain";
import { actorOf, seedDemoData } from "@cs/testing/demo";
import { testDatabaseUrl, testDb } from "../../../tests/db";
import { signInAction, signInLoader } from "./sign-in.server";

/** The sign-in page both apps serve. */

let db: Database;
let finance: Actor;
const PASSWORD = "Sign-In-2026!";

beforeAll(async () => {
  process.env.DATABASE_URL = testDatabaseUrl();
  process.env.SESSION_SECRET = "integration-test-secret-of-32-characters";
  db = testDb();
  await seedDemoData(db);
  finance = await actorOf(db, "finance@demo.cn");
  await db.update(users).set({ passwordHash: await hashPassword(PASSWORD) }).where(eq(users.login, "finance@demo.cn"));
});

function contextOf(actor: Actor | null, ip = "10.0.0.1", audience: Audience = "backoffice") {
  const context = new RouterContextProvider();
  context.set(requestContext, { audience, db, ip, nonce: "nonce-1", csrfToken: "csrf-1", actor, sessionToken: null, sessionExpired: false });
  return context;
}

const login = (fields: Record<string, string>) => new Request("http://backoffice.test/login", { method: "POST", body: new URLSearchParams(fields) });

async function outcome(promise: Promise<unknown>) {
  try {
    const value = await promise;
    if (value instanceof Response) return { thrown: false, status: value.status, location: value.headers.get("Location"), cookies: value.headers.getSetCookie(), data: undefined };
    const d = value as { data: unknown; init: { status: number } | null };
    return { thrown: false, status: d.init?.status, location: null, cookies: [], data: d.data };
  } catch (error) {
    if (error instanceof Response) return { thrown: true, status: error.status, location: error.headers.get("Location"), cookies: [], data: undefined };
    throw error;
  }
}

const sessionCount = async () => (await db.select().from(sessions).where(eq(sessions.userId, finance.userId))).length;

describe("signInAction", () => {
  it("signs in with the right password: a session row, its cookie, and back to a local path only", async () => {
    const before = await sessionCount();
    const answer = await outcome(signInAction(login({ login: "finance@demo.cn", password: PASSWORD, redirectTo: "/billing" }), contextOf(null), "backoffice"));
    expect(answer).toMatchObject({ status: 302, location: "/billing" });
    expect(answer.cookies.some((c) => /^(__Host-)?cs_bo_session=[^;]+;/.test(c))).toBe(true);
    expect(await sessionCount()).toBe(before + 1);
    const offsite = await outcome(signInAction(login({ login: "finance@demo.cn", password: PASSWORD, redirectTo: "//evil.example" }), contextOf(null), "backoffice"));
    expect(offsite.location).toBe("/");
  });

  it("answers a wrong password with 400, the login kept for the form and no session", async () => {
    const before = await sessionCount();
    const answer = await outcome(signInAction(login({ login: "finance@demo.cn", password: "wrong-pass-1" }), contextOf(null, "10.0.0.2"), "backoffice"));
    expect(answer).toMatchObject({ status: 400, data: { messageKey: "auth.invalidCredentials", login: "finance@demo.cn" } });
    expect(await sessionCount()).toBe(before);
  });

  it("cuts an echoed login to 254 characters", async () => {
    const answer = await outcome(signInAction(login({ login: "x".repeat(600), password: "whatever-1" }), contextOf(null, "10.0.0.3"), "backoffice"));
    expect((answer.data as { login: string }).login).toHaveLength(254);
  });

  it("answers a throttled client with 429 and when to retry, even with the right password", async () => {
    for (let i = 0; i < PAIR_MAX_FAILURES; i++) await signInAction(login({ login: "finance@demo.cn", password: `bad-${i}-pass` }), contextOf(null, "10.0.0.66"), "backoffice");
    const before = await sessionCount();
    const answer = await outcome(signInAction(login({ login: "finance@demo.cn", password: PASSWORD }), contextOf(null, "10.0.0.66"), "backoffice"));
    expect(answer).toMatchObject({ status: 429, data: { messageKey: "auth.throttled" } });
    expect(Date.parse((answer.data as { retryAt: string }).retryAt)).toBeGreaterThan(Date.now());
    expect(await sessionCount()).toBe(before);
  });

  it("refuses staff at the portal after the password is proven, and opens no session", async () => {
    const before = await sessionCount();
    const answer = await outcome(signInAction(login({ login: "finance@demo.cn", password: PASSWORD }), contextOf(null, "10.0.0.4", "portal"), "portal"));
    expect(answer).toMatchObject({ status: 400, data: { messageKey: "auth.staffAtPortal" } });
    expect(await sessionCount()).toBe(before);
  });
});

describe("signInLoader", () => {
  it("sends a signed-in user away from the sign-in page and lets a visitor see it", async () => {
    expect(await outcome(Promise.resolve().then(() => signInLoader(contextOf(finance))))).toMatchObject({ thrown: true, status: 302, location: "/" });
    expect(signInLoader(contextOf(null))).toBeNull();
  });
});

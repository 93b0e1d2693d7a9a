import { eq } from "drizzle-orm";
import { RouterContextProvider } from "react-router";
import { beforeAll, describe, expect, it } from "vitest";
import { users, type Database } from "@cs/db";
import { createSession, hashPassword, readSession, requestContext, verifyPassword } from "@cs/auth/server";
import type { Actor } from "@cs/domain";
import { actorOf, seedDemoData } from "@cs/testing/demo";
import { expectUnchanged } from "@cs/testing/unchanged";
import { testDatabaseUrl, testDb } from "../../../tests/db";
import { accountAction } from "./account.server";
import { changeLocale } from "./locale.server";

/** The account page's password change and the language switcher, as both apps' routes call them. */

let db: Database;
let actor: Actor;
const PASSWORD = "Demo@2026-old";

beforeAll(async () => {
  process.env.DATABASE_URL = testDatabaseUrl();
  process.env.SESSION_SECRET = "integration-test-secret-of-32-characters";
  db = testDb();
  await seedDemoData(db);
  actor = await actorOf(db, "finance@demo.cn");
  await db.update(users).set({ passwordHash: await hashPassword(PASSWORD) }).where(eq(users.id, actor.userId));
});

/** A back-office request's context as the middleware leaves it; `actor` null for a signed-out visitor. */
function contextOf(who: Actor | null, sessionToken: string | null = null) {
  const context = new RouterContextProvider();
  context.set(requestContext, { audience: "backoffice", db, ip: "10.0.0.1", nonce: "n", csrfToken: "t", actor: who, sessionToken, sessionExpired: false });
  return context;
}

const post = (path: string, entries: readonly (readonly [string, string])[]) => {
  const body = new FormData();
  for (const [k, v] of entries) body.append(k, v);
  return new Request(`http://backoffice.test${path}`, { method: "POST", body });
};

async function outcome(promise: Promise<unknown>) {
  try {
    const value = await promise;
    if (value instanceof Response) return { thrown: false, status: value.status, location: value.headers.get("Location"), cookie: value.headers.get("Set-Cookie"), data: undefined };
    const d = value as { data: unknown; init: { status: number } | null };
    return { thrown: false, status: d.init?.status, location: null, cookie: null, data: d.data ?? value };
  } catch (error) {
    const d = error as { data: unknown; init: { status: number } | null };
    return { thrown: true, status: d.init?.status, location: null, cookie: null, data: d.data };
  }
}

const userRow = async () => (await db.select().from(users).where(eq(users.id, actor.userId)))[0]!;

describe("accountAction", () => {
  it.each([
    ["a wrong current password", [["current", "not-it-123"], ["next", "Brand-New-2027!"], ["confirm", "Brand-New-2027!"]], { current: ["validation.passwordWrong"] }],
    ["a confirmation that differs", [["current", PASSWORD], ["next", "Brand-New-2027!"], ["confirm", "Brand-New-2028!"]], { confirm: ["validation.passwordMismatch"] }],
    ["the same password again", [["current", PASSWORD], ["next", PASSWORD], ["confirm", PASSWORD]], { next: ["validation.passwordSame"] }],
  ] as const)("refuses %s with the field's error, never echoing a password, and changes nothing", async (_, fields, error) => {
    const answer = await expectUnchanged(db, () => outcome(accountAction(post("/account", [...fields]), contextOf(actor))));
    expect(answer).toMatchObject({ thrown: false, status: 400, data: { error } });
    expect(JSON.stringify(answer.data)).not.toContain(PASSWORD);
  });

  it("refuses a field named __proto__ with 400 and changes nothing", async () => {
    const answer = await expectUnchanged(db, () =>
      outcome(accountAction(post("/account", [["current", PASSWORD], ["next", "Brand-New-2027!"], ["confirm", "Brand-New-2027!"], ["__proto__", "x"]]), contextOf(actor))),
    );
    expect(answer).toMatchObject({ thrown: true, status: 400, data: { messageKey: "errors.fieldName" } });
  });

  it("changes the password: the new one verifies, the old one no longer does, and other sessions end", async () => {
    const own = await createSession(db, actor.userId, { ip: "10.0.0.1", userAgent: "this browser" });
    const other = await createSession(db, actor.userId, { ip: "10.0.0.2", userAgent: "another browser" });
    const answer = await outcome(accountAction(post("/account", [["current", PASSWORD], ["next", "Brand-New-2027!"], ["confirm", "Brand-New-2027!"]]), contextOf(actor, own)));
    expect(answer.data).toEqual({ status: "success" });
    const { passwordHash } = await userRow();
    expect(await verifyPassword(passwordHash, "Brand-New-2027!")).toBe(true);
    expect(await verifyPassword(passwordHash, PASSWORD)).toBe(false);
    expect(await readSession(db, own)).not.toBeNull();
    expect(await readSession(db, other)).toBeNull();
  });
});

describe("changeLocale", () => {
  it("stores a signed-in user's choice on the account and in a cookie, and goes back only to a local path", async () => {
    const answer = await outcome(changeLocale(post("/locale", [["locale", "en"], ["redirectTo", "/orders?page=2"]]), contextOf(actor)));
    expect(answer).toMatchObject({ status: 302, location: "/orders?page=2" });
    expect(answer.cookie).toMatch(/^lng=/);
    expect((await userRow()).locale).toBe("en");
    const offsite = await outcome(changeLocale(post("/locale", [["locale", "zh-CN"], ["redirectTo", "https://evil.example/x"]]), contextOf(actor)));
    expect(offsite.location).toBe("/");
    expect((await userRow()).locale).toBe("zh-CN");
  });

  it("sets only the cookie for a visitor who is not signed in", async () => {
    const answer = await expectUnchanged(db, () => outcome(changeLocale(post("/locale", [["locale", "en"], ["redirectTo", "/login"]]), contextOf(null))));
    expect(answer).toMatchObject({ status: 302, location: "/login" });
    expect(answer.cookie).toMatch(/^lng=/);
  });

  it.each(["fr", "__proto__", ""])("ignores a locale of %j: no cookie, nothing stored", async (locale) => {
    const answer = await expectUnchanged(db, () => outcome(changeLocale(post("/locale", [["locale", locale], ["redirectTo", "//evil.example"]]), contextOf(actor))));
    expect(answer).toMatchObject({ status: 302, location: "/", cookie: null });
  });
});

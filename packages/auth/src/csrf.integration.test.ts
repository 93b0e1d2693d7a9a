import { eq } from "drizzle-orm";
import { RouterContextProvider, type MiddlewareFunction } from "react-router";
import { beforeAll, describe, expect, it } from "vitest";
import { users } from "@cs/db";
import { seedDemo } from "@cs/seed";
import { testDatabaseUrl, testDb } from "../../../tests/db";
import { requestContext } from "./context";
import { appMiddleware } from "./middleware.server";
import { hashPassword } from "./password";
import { createSession, sessionCookie } from "./session.server";

type Outcome = { status: number; csrfToken: string; setCookies: string[]; signedIn: boolean; reached: boolean };

/**
 * One request through the portal's app middleware; the route behind it answers 200 and records that
 * it ran. `origin: null` sends no Origin header (an older browser or a same-origin navigation).
 */
async function through(method: "GET" | "POST", cookies: string[], fields: Record<string, string> = {}, origin: string | null = "http://localhost"): Promise<Outcome> {
  const context = new RouterContextProvider();
  const headers: Record<string, string> = { Cookie: cookies.join("; ") };
  if (origin !== null) headers.Origin = origin;
  const request = new Request("http://localhost/account", {
    method,
    headers,
    body: method === "POST" ? new URLSearchParams(fields) : undefined,
  });
  let reached = false;
  const middleware = appMiddleware("portal") as MiddlewareFunction<Response>;
  const args = { request, context, params: {}, unstable_pattern: "/account" } as unknown as Parameters<typeof middleware>[0];
  try {
    const response = (await middleware(args, async () => {
      reached = true;
      return new Response("ok");
    })) as Response;
    const state = context.get(requestContext);
    return { status: response.status, csrfToken: state.csrfToken, setCookies: response.headers.getSetCookie(), signedIn: state.actor !== null, reached };
  } catch (error) {
    const init = (error as { init?: ResponseInit }).init;
    if (!init?.status) throw error;
    return { status: init.status, csrfToken: context.get(requestContext).csrfToken, setCookies: [], signedIn: false, reached };
  }
}

const pair = (setCookie: string) => setCookie.split(";")[0]!;

async function sessionFor(login: string) {
  const [user] = await testDb().select().from(users).where(eq(users.login, login));
  const token = await createSession(testDb(), user!.id, { ip: "10.0.0.1", userAgent: "test" });
  return pair(await sessionCookie("portal").serialize(token));
}

beforeAll(async () => {
  process.env.DATABASE_URL = testDatabaseUrl();
  process.env.SESSION_SECRET = "integration-test-secret-of-32-characters";
  await seedDemo(testDb(), { hashPassword });
});

describe("CSRF token bound to the session", () => {
  it("a token read in session A is refused with session B's cookie, and accepted in A", async () => {
    const a = await sessionFor("dealer@demo.cn");
    const b = await sessionFor("dealer2@demo.cn");
    const pageA = await through("GET", [a]);
    expect(pageA.signedIn).toBe(true);
    const anonymousCsrf = pair(pageA.setCookies.find((c) => c.includes("_csrf="))!);

    const inB = await through("POST", [b, anonymousCsrf], { _csrf: pageA.csrfToken });
    expect(inB).toMatchObject({ status: 403, reached: false });
    const inA = await through("POST", [a, anonymousCsrf], { _csrf: pageA.csrfToken });
    expect(inA.status).toBe(200);
    expect(inA.signedIn).toBe(true);
  });

  it("two sessions of the same user get different tokens", async () => {
    const first = await through("GET", [await sessionFor("buyer@demo.cn")]);
    const second = await through("GET", [await sessionFor("buyer@demo.cn")]);
    expect(first.csrfToken).not.toBe(second.csrfToken);
  });

  it("the sign-in form's token is bound to the browser's CSRF cookie and is worthless with a session", async () => {
    const page = await through("GET", []);
    const csrfCookie = pair(page.setCookies.find((c) => c.includes("_csrf="))!);
    expect((await through("POST", [csrfCookie], { _csrf: page.csrfToken })).status).toBe(200);

    const otherBrowser = pair((await through("GET", [])).setCookies.find((c) => c.includes("_csrf="))!);
    expect(await through("POST", [otherBrowser], { _csrf: page.csrfToken })).toMatchObject({ status: 403, reached: false });
    const session = await sessionFor("dealer@demo.cn");
    expect(await through("POST", [csrfCookie, session], { _csrf: page.csrfToken })).toMatchObject({ status: 403, reached: false });
  });

  it("a form without a token, or without any cookie behind it, is refused", async () => {
    const page = await through("GET", []);
    expect(await through("POST", [], { _csrf: page.csrfToken })).toMatchObject({ status: 403, reached: false });
    expect(await through("POST", [await sessionFor("dealer@demo.cn")], {})).toMatchObject({ status: 403, reached: false });
  });

  it("a mutation from another origin is refused before the route runs, even with a valid token and session", async () => {
    const session = await sessionFor("dealer@demo.cn");
    const page = await through("GET", [session]);
    const post = (origin: string | null) => through("POST", [session], { _csrf: page.csrfToken }, origin);
    for (const origin of ["https://evil.example", "http://localhost:8080", "https://localhost", "null"]) {
      expect(await post(origin)).toMatchObject({ status: 403, reached: false });
    }
    expect(await post("http://localhost")).toMatchObject({ status: 200, reached: true, signedIn: true });
    // no Origin header at all: the token alone decides
    expect(await post(null)).toMatchObject({ status: 200, reached: true });
    expect(await through("POST", [session], { _csrf: "0".repeat(page.csrfToken.length) }, null)).toMatchObject({ status: 403, reached: false });
  });

  it("a refused token never reaches the route, and reads need no token", async () => {
    const session = await sessionFor("dealer@demo.cn");
    expect(await through("POST", [session], { _csrf: "short" })).toMatchObject({ status: 403, reached: false });
    expect(await through("GET", [session], {}, "https://evil.example")).toMatchObject({ status: 200, reached: true, signedIn: true });
  });
});

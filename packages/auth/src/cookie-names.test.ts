import { describe, expect, it, vi } from "vitest";
import { cookieName, csrfTokenFor } from "./cookie-names";

/** session.server reads the environment once per module instance: a fresh one per case. */
async function sessionCookieWith(env: Record<string, string | undefined>) {
  vi.resetModules();
  const saved = { ...process.env };
  Object.assign(process.env, { DATABASE_URL: "postgres://unused", PORTAL_DATABASE_URL: "postgres://cs_portal@unused", SESSION_SECRET: "unit-test-secret-of-32-characters!!", ...env });
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
  try {
    const { sessionCookie } = await import("./session.server");
    return await sessionCookie("portal").serialize("token");
  } finally {
    process.env = saved;
  }
}

describe("cookie names", () => {
  it("production cookies are __Host- prefixed, Secure, Path=/ and without a Domain", async () => {
    const header = await sessionCookieWith({ NODE_ENV: "production", INSECURE_COOKIES: undefined });
    expect(header.startsWith("__Host-cs_portal_session=")).toBe(true);
    expect(header).toMatch(/; Secure/);
    expect(header).toMatch(/; Path=\/(;|$)/);
    expect(header).not.toMatch(/Domain=/i);
  });

  it("cookies that cannot be Secure keep their plain names", async () => {
    for (const env of [{ NODE_ENV: "production", INSECURE_COOKIES: "1" }, { NODE_ENV: "development" }]) {
      const header = await sessionCookieWith(env);
      expect(header.startsWith("cs_portal_session=")).toBe(true);
      expect(header).not.toMatch(/; Secure/);
    }
  });

  it("names only carry the prefix when Secure", () => {
    expect(cookieName("cs_bo_csrf", true)).toBe("__Host-cs_bo_csrf");
    expect(cookieName("cs_bo_csrf", false)).toBe("cs_bo_csrf");
  });
});

describe("csrfTokenFor", () => {
  it("differs per session, per anonymous cookie, per app and per secret", () => {
    const s = "s".repeat(32);
    const tokens = new Set([
      csrfTokenFor(s, "portal", { session: "a" }),
      csrfTokenFor(s, "portal", { session: "b" }),
      csrfTokenFor(s, "portal", { anonymous: "a" }),
      csrfTokenFor(s, "backoffice", { session: "a" }),
      csrfTokenFor("t".repeat(32), "portal", { session: "a" }),
    ]);
    expect(tokens.size).toBe(5);
    expect(csrfTokenFor(s, "portal", { session: "a" })).toBe(csrfTokenFor(s, "portal", { session: "a" }));
  });
});

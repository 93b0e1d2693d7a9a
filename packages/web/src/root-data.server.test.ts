import { RouterContextProvider } from "react-router";
import { describe, expect, it } from "vitest";
import { requestContext } from "@cs/auth";
import type { Database } from "@cs/db";
import { buildActor, type Actor } from "@cs/domain";
import { i18nextMiddleware, localeCookie } from "@cs/i18n/server";
import { rootData } from "./root-data.server";

// rootData reads no data: a pool that is never asked for anything
const noDatabase = {} as Database;

/** What every page's root hands the browser: language, CSRF token, nonce and the signed-in user, nothing more. */

async function contextFor(actor: Actor | null, headers: Record<string, string>) {
  const context = new RouterContextProvider();
  context.set(requestContext, { audience: "portal", db: noDatabase, ip: "10.0.0.1", nonce: "nonce-7", csrfToken: "csrf-7", actor, sessionToken: "secret-session-token", sessionExpired: false });
  const request = new Request("http://portal.test/", { headers });
  await i18nextMiddleware({ request, context, params: {}, unstable_pattern: "/" } as never, async () => new Response(null));
  return context;
}

const dealer = buildActor({
  userId: "11111111-1111-4111-8111-111111111111",
  kind: "partner",
  displayName: "冯雪",
  organizationId: "22222222-2222-4222-8222-222222222222",
  endCustomerId: null,
  roles: ["partner_buyer"],
  branchIds: [],
  divisionIds: [],
});

describe("rootData", () => {
  it("gives a visitor the request's language, CSRF token and nonce, and no user", async () => {
    expect(rootData(await contextFor(null, { "Accept-Language": "en-US,en;q=0.9" }))).toEqual({ locale: "en", csrfToken: "csrf-7", nonce: "nonce-7", user: null });
    expect(rootData(await contextFor(null, {})).locale).toBe("zh-CN");
  });

  it("gives a signed-in user's name, kind, roles and permissions as a plain array, never the session token", async () => {
    // the language chosen before (the switcher's cookie) wins over the browser's
    const cookie = (await localeCookie.serialize("en")).split(";")[0]!;
    const data = rootData(await contextFor(dealer, { Cookie: cookie, "Accept-Language": "zh-CN" }));
    expect(data.user).toEqual({
      id: dealer.userId,
      name: "冯雪",
      kind: "partner",
      roles: ["partner_buyer"],
      permissions: [...dealer.permissions],
      organizationId: dealer.organizationId,
    });
    expect(data.user!.permissions).toContain("own_order:read");
    expect(data.locale).toBe("en");
    expect(JSON.stringify(data)).not.toContain("secret-session-token");
  });
});

import { randomBytes, timingSafeEqual } from "node:crypto";
import { data, redirect, type MiddlewareFunction, type RouterContextProvider } from "react-router";
import { actorFromRow, type Actor } from "@cs/domain";
import { appDb } from "./db.server";
import { serverEnv } from "./env.server";
import { applySecurityHeaders } from "./headers";
import { refuseHostileInput } from "./request-input";
import { CLIENT_IP_HEADER, requestContext, type RequestState } from "./context";
import { readSession, sessionCookie, type Audience } from "./session.server";
import { cookieName, csrfTokenFor } from "./cookie-names";
import { createSignedCookie } from "./signed-cookie.server";

const mutating = new Set(["POST", "PUT", "PATCH", "DELETE"]);

const csrfCookies = new Map<Audience, ReturnType<typeof createSignedCookie>>();
function csrfCookie(audience: Audience) {
  let cookie = csrfCookies.get(audience);
  if (!cookie) {
    const env = serverEnv();
    cookie = createSignedCookie(cookieName(audience === "portal" ? "cs_portal_csrf" : "cs_bo_csrf", env.secureCookies), {
      secrets: [env.SESSION_SECRET],
      httpOnly: true,
      sameSite: "lax",
      secure: env.secureCookies,
      path: "/",
    });
    csrfCookies.set(audience, cookie);
  }
  return cookie;
}

function sameToken(a: unknown, b: string) {
  if (typeof a !== "string" || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

const audienceKinds: Record<Audience, Actor["kind"][]> = { portal: ["partner", "customer"], backoffice: ["staff"] };

/**
 * Runs first on every request of an app: CSRF (a token bound to the session, or before sign-in to
 * the CSRF cookie, plus an Origin check) for every mutation, the session and the actor — built
 * once — and the security headers on the way out.
 */
export function appMiddleware(audience: Audience): MiddlewareFunction<Response> {
  return async ({ request, context }, next) => {
    const db = appDb(audience);
    const env = serverEnv();
    const dev = env.NODE_ENV === "development";
    // Our HTTP server overwrites this header with the socket address; the dev server has none.
    const ip = request.headers.get(CLIENT_IP_HEADER) ?? "127.0.0.1";
    const cookieHeader = request.headers.get("Cookie");
    const existingCsrf = await csrfCookie(audience).parse(cookieHeader);
    const anonymous = typeof existingCsrf === "string" && existingCsrf ? existingCsrf : randomBytes(16).toString("hex");
    const token = await sessionCookie(audience).parse(cookieHeader);
    const cookieSession = typeof token === "string" && token !== "" ? token : null;
    const csrfToken = csrfTokenFor(env.SESSION_SECRET, audience, cookieSession ? { session: cookieSession } : { anonymous });

    let actor: Actor | null = null;
    let sessionToken: string | null = null;
    // Set before any check can throw, so even a refused request renders its error page.
    const state: RequestState = { audience, db, ip, nonce: randomBytes(16).toString("base64"), csrfToken, actor, sessionToken, sessionExpired: false };
    context.set(requestContext, state);

    if (mutating.has(request.method)) {
      const origin = request.headers.get("Origin");
      if (origin && origin !== new URL(request.url).origin) throw data({ messageKey: "errors.csrf" }, { status: 403 });
      const form = await request
        .clone()
        .formData()
        .catch(() => null);
      // Without either cookie the token would be bound to a value minted for this very request.
      if ((!cookieSession && !existingCsrf) || !sameToken(form?.get("_csrf"), csrfToken))
        throw data({ messageKey: "errors.csrf" }, { status: 403 });
      refuseHostileInput(new URL(request.url).searchParams, form);
    } else refuseHostileInput(new URL(request.url).searchParams, null);

    if (cookieSession) {
      const session = await readSession(db, cookieSession);
      if (session && audienceKinds[audience].includes(session.kind)) {
        actor = actorFromRow(session.user, ip);
        sessionToken = actor ? cookieSession : null;
      }
    }
    // A cookie that no longer opens a session: expired, revoked or replayed after sign-out.
    const sessionExpired = cookieSession !== null && !actor;
    context.set(requestContext, { ...state, actor, sessionToken, sessionExpired });

    let response = await next();
    // Responses built by Response.redirect() and friends have immutable headers.
    response = new Response(response.body, response);
    if (!existingCsrf) response.headers.append("Set-Cookie", await csrfCookie(audience).serialize(anonymous));
    applySecurityHeaders(response.headers, { nonce: state.nonce, dev });
    return response;
  };
}

export function requestState(context: Readonly<RouterContextProvider>) {
  return context.get(requestContext);
}

/** The signed-in actor, or a redirect to sign-in that comes back here afterwards. */
export function requireActor(context: Readonly<RouterContextProvider>, request: Request): Actor {
  const { actor, sessionExpired } = context.get(requestContext);
  if (actor) return actor;
  const url = new URL(request.url);
  throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}${sessionExpired ? "&expired=1" : ""}`);
}

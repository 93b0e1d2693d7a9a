import { createHmac } from "node:crypto";
import type { Audience } from "./session.server";
import { hasKey } from "@cs/domain";

/**
 * `__Host-` cookies are only accepted when Secure, for Path=/ and without a Domain, so no
 * sibling subdomain or plain-http page can plant or overwrite them. Where cookies cannot be
 * Secure (development, `INSECURE_COOKIES=1` on a LAN address) the browser would drop a
 * prefixed cookie, so those keep the plain name.
 */
export function cookieName(base: string, secure: boolean) {
  return secure ? `__Host-${base}` : base;
}

export type CsrfBinding = { session: string } | { anonymous: string };

/**
 * The CSRF token of a request: an HMAC of what the browser's cookies bind it to. With a session
 * cookie that is the session's secret token, so a token read in one session is worthless in
 * another; before sign-in it is the random value of the app's CSRF cookie (the pre-session
 * binding of the sign-in and registration forms). A stale session cookie still binds, so a form
 * posted after the session expired reaches the sign-in redirect instead of a CSRF refusal.
 */
export function csrfTokenFor(secret: string, audience: Audience, binding: CsrfBinding) {
  const message = hasKey(binding, "session") ? `session:${binding.session}` : `anonymous:${binding.anonymous}`;
  return createHmac("sha256", secret).update(`csrf:${audience}:${message}`).digest("base64url");
}

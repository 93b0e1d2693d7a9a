import { createHmac, timingSafeEqual } from "node:crypto";
import { createCookie, type Cookie, type CookieOptions } from "react-router";

/** The first value of cookie `name` in a Cookie header, percent-decoded and unquoted like the `cookie` package does. */
export function cookieValue(header: string, name: string): string | undefined {
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1 || part.slice(0, eq).trim() !== name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.length > 1 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (!value.includes("%")) return value;
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return undefined;
}

const signatureOf = (value: string, secret: string) => createHmac("sha256", secret).update(value).digest("base64").replace(/=+$/, "");

/** `value.signature` as React Router signs it (HMAC-SHA256, base64 without padding), checked in constant time. */
export function unsignValue(signed: string, secrets: readonly string[]): string | false {
  const dot = signed.lastIndexOf(".");
  if (dot === -1) return false;
  const value = signed.slice(0, dot);
  const given = Buffer.from(signed.slice(dot + 1));
  for (const secret of secrets) {
    const expected = Buffer.from(signatureOf(value, secret));
    if (expected.length === given.length && timingSafeEqual(expected, given)) return value;
  }
  return false;
}

/** React Router's cookie payload: base64 of the UTF-8 JSON; anything unreadable decodes to `{}` as there. */
function decodeData(value: string): unknown {
  try {
    return JSON.parse(Buffer.from(value, "base64").toString("utf8"));
  } catch {
    return {};
  }
}

/**
 * React Router's signed cookie (same name, options, format and serialize), with `parse` done by
 * node:crypto's synchronous HMAC instead of Web Crypto: importing a key and verifying through
 * promises cost a few per cent of every request's CPU, and every request parses two such cookies.
 */
export function createSignedCookie(name: string, options: CookieOptions & { secrets: string[] }): Cookie {
  const cookie = createCookie(name, options);
  const secrets = [...options.secrets];
  return {
    get name() {
      return cookie.name;
    },
    get isSigned() {
      return cookie.isSigned;
    },
    get expires() {
      return cookie.expires;
    },
    serialize: (value, serializeOptions) => cookie.serialize(value, serializeOptions),
    async parse(cookieHeader) {
      if (!cookieHeader) return null;
      const value = cookieValue(cookieHeader, name);
      if (value === undefined) return null;
      if (value === "") return "";
      const unsigned = unsignValue(value, secrets);
      return unsigned === false ? null : decodeData(unsigned);
    },
  };
}

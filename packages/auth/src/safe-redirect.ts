/**
 * A fixed, unresolvable origin to resolve redirect targets against: whatever the request's Host
 * header says, a target is accepted only when it stays on this origin.
 */
const BASE = new URL("http://app.invalid");

// Browsers drop tab and newline from URLs and read `\` as `/`, so `/\t/evil` becomes `//evil`.
const unsafeChars = /[\u0000-\u001f\u007f\\]/;

function decodedPath(pathname: string) {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}

/**
 * Only same-app paths: never an open redirect and never a header the server cannot write. Anything
 * else (other origins, protocol-relative or scheme URLs, control characters, backslashes, encoded
 * slashes that a later hop might decode into `//`) falls back.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || !to.startsWith("/") || to.length > 2000 || unsafeChars.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE.origin) return fallback;
  const path = decodedPath(url.pathname);
  if (path === null || path.startsWith("//") || unsafeChars.test(path)) return fallback;
  return url.pathname + url.search + url.hash;
}

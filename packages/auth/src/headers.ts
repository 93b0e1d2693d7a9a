/**
 * Security headers for every response; CSP scripts are allowed by per-request nonce only. Without
 * a nonce (static files, the framework's own refusals, 404s of the HTTP server) no inline script
 * may run at all.
 */
export function applySecurityHeaders(headers: Headers, options: { nonce?: string; dev: boolean }) {
  const scripts = options.nonce ? `script-src 'self' 'nonce-${options.nonce}'` : "script-src 'self'";
  const csp = [
    "default-src 'self'",
    options.dev ? "script-src 'self' 'unsafe-inline' 'unsafe-eval'" : scripts,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    options.dev ? "connect-src 'self' ws: wss:" : "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
  headers.set("Content-Security-Policy", csp);
  headers.set("X-Frame-Options", "DENY");
  headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (!options.dev) headers.set("Strict-Transport-Security", "max-age=31536000");
}

type NodeResponse = {
  hasHeader(name: string): boolean;
  setHeader(name: string, value: string): unknown;
  writeHead(...args: never[]): unknown;
};

/**
 * Connect/Express middleware, first in the HTTP server: whatever answers — a page, a `.data`
 * request, a resource route, a static file, the framework's 400 for a foreign Origin, a 404 —
 * leaves with the security headers. Headers the app already set (its CSP with the request's
 * nonce) win; the others are filled in the moment the status line is written.
 */
export function securityHeadersMiddleware(options: { dev: boolean }) {
  const fallback = new Headers();
  applySecurityHeaders(fallback, { dev: options.dev });
  return (_request: unknown, response: NodeResponse, next: () => void) => {
    const writeHead = response.writeHead;
    response.writeHead = function (this: NodeResponse, ...args: never[]) {
      for (const [name, value] of fallback) if (!response.hasHeader(name)) response.setHeader(name, value);
      return writeHead.apply(this, args);
    };
    next();
  };
}

/**
 * Where `scripts/start.ts` serves the apps during e2e (see playwright.config.ts `webServer`).
 * E2E_PORTAL_PORT, E2E_BACKOFFICE_PORT (and E2E_PG_PORT) let two checkouts run e2e at once.
 */
export const portalPort = envPort("E2E_PORTAL_PORT", 3100);
export const backofficePort = envPort("E2E_BACKOFFICE_PORT", 3101);
export const e2ePgPort = envPort("E2E_PG_PORT", 54331);
export const portalURL = `http://localhost:${portalPort}`;
export const backofficeURL = `http://localhost:${backofficePort}`;

export type App = "portal" | "backoffice";

export function appURL(app: App): string {
  return app === "portal" ? portalURL : backofficeURL;
}

function envPort(name: string, fallback: number): number {
  const value = process.env[name];
  if (!value) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${name} must be a port number (1–65535), not "${value}".`);
  return port;
}

/** The e2e server's own embedded PostgreSQL, for specs that arrange data directly. */
export const e2eDatabaseUrl = `postgres://postgres:postgres@127.0.0.1:${e2ePgPort}/channel`;

/** Where `scripts/start.ts` serves the apps during e2e (see playwright.config.ts `webServer`). */
export const portalPort = 3100;
export const backofficePort = 3101;
export const portalURL = `http://localhost:${portalPort}`;
export const backofficeURL = `http://localhost:${backofficePort}`;

export type App = "portal" | "backoffice";

export function appURL(app: App): string {
  return app === "portal" ? portalURL : backofficeURL;
}

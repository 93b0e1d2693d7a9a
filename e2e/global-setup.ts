import { rmSync } from "node:fs";
import { sessionStateDir } from "./fixtures";
import { backofficeURL, portalURL } from "./urls";

/**
 * Playwright starts `webServer` BEFORE globalSetup and waits only for the backoffice port; make sure
 * the portal answers too before the first test, so a half-started server fails here, with a clear
 * message, instead of inside a test.
 */
export default async function globalSetup() {
  // Sessions stored by the last run belong to its database, which prepare-server.ts just emptied.
  rmSync(sessionStateDir, { recursive: true, force: true });
  for (const url of [portalURL, backofficeURL]) await waitForHttp(url, 60_000);
}

async function waitForHttp(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5_000) });
      if (response.status < 500) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s (${last})`);
}

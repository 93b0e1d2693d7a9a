import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

export type BrowserDiscovery =
  | { executablePath: string; source: "CHROMIUM_PATH" | "debian" | "playwright"; message?: undefined }
  | { executablePath: undefined; source?: undefined; message: string };

const DEBIAN_CHROMIUM = "/usr/bin/chromium";

/** The same flags everywhere: a CI container has no sandbox, GPU or need for background traffic. */
export const chromiumArgs = [
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
];

/**
 * Which Chromium the e2e run drives: $CHROMIUM_PATH, else Debian's package, else the one
 * `npx playwright install chromium` downloads. Never downloads anything itself.
 */
export function findChromium(): BrowserDiscovery {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return { executablePath: fromEnv, source: "CHROMIUM_PATH" };
    return { executablePath: undefined, message: `CHROMIUM_PATH is set to ${fromEnv}, but no such file exists.` };
  }
  if (existsSync(DEBIAN_CHROMIUM)) return { executablePath: DEBIAN_CHROMIUM, source: "debian" };
  let bundled: string | undefined;
  try {
    bundled = chromium.executablePath();
  } catch {
    bundled = undefined;
  }
  if (bundled && existsSync(bundled)) return { executablePath: bundled, source: "playwright" };
  return {
    executablePath: undefined,
    message:
      "No Chromium found: install Debian's chromium package (apt-get install -y chromium) or run npx playwright install chromium.",
  };
}

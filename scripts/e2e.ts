import { spawnSync } from "node:child_process";
import { constants } from "node:os";
import { existsSync } from "node:fs";
import { findChromium } from "../e2e/browser";

/**
 * `npm run test:e2e [-- playwright args]`: make sure a Chromium exists, then run Playwright.
 * The browser is looked up, installed at most once, and handed to playwright.config.ts through
 * CHROMIUM_PATH so both agree on the same binary.
 */

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.error) console.error(`${command}: ${result.error.message}`);
  return result.status ?? (result.signal ? 128 + constants.signals[result.signal] : 1);
}

let browser = findChromium();

if (!browser.executablePath && process.env.CHROMIUM_PATH) {
  // An explicit choice that is wrong: installing another browser would only hide the mistake.
  console.error(browser.message);
  process.exit(1);
}

if (!browser.executablePath) {
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync("/etc/debian_version") && existsSync("/usr/bin/apt-get")) {
    console.log("No Chromium found: installing Debian's chromium package (apt-get install -y chromium)…");
    const status = run("sh", ["-c", "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium"]);
    if (status !== 0) console.error(`apt-get failed with exit code ${status}.`);
    browser = findChromium();
  }
  if (!browser.executablePath) {
    console.log("No Chromium found: trying npx playwright install chromium…");
    run("npx", ["playwright", "install", "chromium"]);
    browser = findChromium();
  }
  if (!browser.executablePath) {
    console.error(
      "No Chromium found: install Debian's chromium package (apt-get install -y chromium) or run npx playwright install chromium.",
    );
    process.exit(1);
  }
}

console.log(`e2e: Chromium ${browser.executablePath} (${browser.source})`);
process.exit(
  run("npx", ["playwright", "test", ...process.argv.slice(2)], {
    ...process.env,
    CHROMIUM_PATH: browser.executablePath,
  }),
);

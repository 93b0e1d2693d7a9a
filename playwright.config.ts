import { defineConfig } from "@playwright/test";
import { chromiumArgs, findChromium } from "./e2e/browser";
import { backofficePort, e2ePgPort, portalPort } from "./e2e/urls";

const browser = findChromium();
if (!browser.executablePath && !process.env.TEST_WORKER_INDEX) console.error(browser.message);

export const serverEnv: Record<string, string | undefined> = {
  PORTAL_PORT: String(portalPort),
  BACKOFFICE_PORT: String(backofficePort),
  PG_DATA_DIR: ".data/e2e-postgres",
  PG_PORT: String(e2ePgPort),
  NODE_ENV: "production",
  SESSION_SECRET: "e2e-secret-at-least-32-characters-long",
  E2E: "1",
  // Never the developer's or CI's database: e2e always runs on its own embedded server with the
  // demo seed. (`undefined` drops the variable: Node's spawn skips undefined env values.)
  DATABASE_URL: undefined,
};

export default defineConfig({
  testDir: "e2e",
  // Two apps, one embedded PostgreSQL and a browser on a 2-core machine: one test at a time.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  // From measured durations on a 2-core machine busy with other work (see the slowest-tests table
  // `npm test` prints): every test stays under half its timeout. Journeys across several roles set
  // their own with test.setTimeout(); a test nearing half of its timeout should be made faster first.
  timeout: 150_000,
  expect: { timeout: 10_000 },
  globalTimeout: 45 * 60_000,
  forbidOnly: !!process.env.CI,
  // list for progress; slowest-reporter prints the ten slowest tests and their share of the timeout.
  reporter: [["list"], ["./e2e/slowest-reporter.ts"]],
  outputDir: "test-results",
  globalSetup: "./e2e/global-setup.ts",
  use: {
    // No baseURL: tests span both apps and use portalURL / backofficeURL from e2e/urls.ts.
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
  },
  projects: [
    {
      name: "chromium",
      use: {
        browserName: "chromium",
        viewport: { width: 1280, height: 800 },
        launchOptions: { executablePath: browser.executablePath, args: chromiumArgs },
      },
    },
  ],
  webServer: {
    // prepare-server empties .data/e2e-postgres, so start.ts seeds a fresh demo database.
    command: "npx tsx e2e/prepare-server.ts && node --disable-proto=throw --import tsx scripts/start.ts",
    // start.ts opens the backoffice port last; e2e/global-setup.ts then also waits for the portal.
    port: backofficePort,
    reuseExistingServer: false,
    timeout: 180_000,
    env: serverEnv as Record<string, string>,
    stdout: "pipe",
    stderr: "pipe",
    // SIGTERM lets start.ts close both apps and stop PostgreSQL; after 15 s the group gets SIGKILL.
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});

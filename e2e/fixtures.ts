import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Browser, type BrowserContextOptions, type Page } from "@playwright/test";
import { appURL, type App } from "./urls";

export { expect };
export { backofficeURL, portalURL, type App } from "./urls";

/** The password every demo-seed user has. */
export const DEMO_PASSWORD = "Demo@2026";

/** `path` is where the test starts (the app's home page, where the sign-in form leads, by default). */
type LoginFn = (app: App, login: string, path?: string) => Promise<void>;

/** Where each demo user's session for this run is kept; e2e/global-setup.ts empties it. */
export const sessionStateDir = fileURLToPath(new URL("../.data/e2e-sessions", import.meta.url));

/** The browser context every test uses (playwright.config.ts `use` and the specs' own contexts). */
export const contextOptions: BrowserContextOptions = {
  locale: "zh-CN",
  timezoneId: "Asia/Shanghai",
  viewport: { width: 1280, height: 900 },
};

type Fixtures = {
  /**
   * Opens `app` signed in as a demo user, with the session the first sign-in of the run stored
   * (see `sessionState`), and lands on the app's home page as the sign-in form would.
   */
  login: LoginFn;
  /** Fails the test on any serious or critical axe violation on the current page. */
  checkA11y: (page?: Page) => Promise<void>;
};

export const test = base.extend<Fixtures>({
  login: async ({ page }, use) => {
    await use((app, login, path) => openSignedIn(page, app, login, path));
  },
  checkA11y: async ({ page }, use) => {
    await use((target = page) => checkA11y(target));
  },
});

/**
 * The stored browser state of `login` signed in to `app`: the first call of the run signs in
 * through the real form in a throw-away context and saves its cookies; later calls reuse them.
 * Signing in hashes the password on the server (deliberately slow), so once per user saves
 * seconds per test on a busy machine. Tests that sign out sign in on their own (`signIn`).
 */
export async function sessionState(browser: Browser, app: App, login: string): Promise<string> {
  const file = path.join(sessionStateDir, `${app}-${login.replace(/[^\w.@-]/g, "_")}.json`);
  if (existsSync(file)) return file;
  mkdirSync(sessionStateDir, { recursive: true });
  const context = await browser.newContext(contextOptions);
  try {
    await signIn(await context.newPage(), app, login);
    await context.storageState({ path: file });
  } finally {
    await context.close();
  }
  return file;
}

/** Adds the stored session of `login` to the page's context and opens `path` of the app. */
export async function openSignedIn(page: Page, app: App, login: string, path = "/"): Promise<void> {
  const browser = page.context().browser();
  if (!browser) throw new Error("openSignedIn needs a page from a launched browser");
  const state = JSON.parse(readFileSync(await sessionState(browser, app, login), "utf8")) as {
    cookies: Parameters<ReturnType<Page["context"]>["addCookies"]>[0];
  };
  await page.context().addCookies(state.cookies);
  await page.goto(`${appURL(app)}${path}`);
  await expect(page, `the stored session of ${login} no longer opens ${app}`).not.toHaveURL(/\/login/);
}

/**
 * A page in a fresh context (its own cookies) signed in as `login`, opened at `path` of the app
 * (its home page by default); `options` add to the suite's context options.
 */
export async function pageAs(browser: Browser, app: App, login: string, options: BrowserContextOptions = {}, path = "/"): Promise<Page> {
  const context = await browser.newContext({
    ...contextOptions,
    ...options,
    storageState: await sessionState(browser, app, login),
  });
  const page = await context.newPage();
  await page.goto(`${appURL(app)}${path}`);
  await expect(page, `the stored session of ${login} no longer opens ${app}`).not.toHaveURL(/\/login/);
  return page;
}

/**
 * Fills the sign-in form at `<app>/login`. Labels are translated (zh-CN / en), so the fields are
 * found by role and accessible name in either language, or else by their form field names.
 */
export async function signIn(page: Page, app: App, login: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${appURL(app)}/login`);
  const form = page.locator("form").filter({ has: page.locator("input[name=password]") });
  const loginField = form
    .getByRole("textbox", { name: /login|user|e-?mail|account|账号|用户|邮箱|手机/i })
    .or(form.locator("input[name=login]"))
    .first();
  const passwordField = form
    .getByLabel(/password|密码/i)
    .and(form.locator("input"))
    .or(form.locator("input[name=password]"))
    .first();
  const submit = form
    .getByRole("button", { name: /sign in|log ?in|登录/i })
    .or(form.locator("[type=submit]"))
    .first();

  await loginField.fill(login);
  await passwordField.fill(password);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.endsWith("/login"), { timeout: 15_000 }),
    submit.click(),
  ]).catch(async (error: unknown) => {
    const alert = await page.getByRole("alert").first().textContent({ timeout: 1_000 }).catch(() => null);
    throw new Error(`Sign-in as ${login} on ${app} did not leave /login${alert ? `: ${alert.trim()}` : ""}`, {
      cause: error,
    });
  });
}

/** Pages axe has checked in this run (one worker runs the whole suite), by app and route. */
const checkedPages = new Set<string>();
/** Apps (and layouts: desktop, phone) whose header and navigation axe has checked once in this run. */
const checkedChrome = new Set<string>();

/**
 * Runs axe (WCAG 2.x A/AA) and fails on violations of impact serious or critical, listing each.
 * Once per page of the run: the first check of an app covers the whole document (header, navigation),
 * later ones only the page's main region (or its open dialog), and a route already checked — ids in
 * the path do not make a new page — is not checked again. On a busy 2-core machine a full axe run
 * costs seconds, and repeating it on every step of a test bought nothing but timeouts.
 */
export async function checkA11y(page: Page): Promise<void> {
  const url = new URL(page.url());
  const dialog = page.locator("dialog[open], [role=dialog], [role=alertdialog]").first();
  const inDialog = await dialog.isVisible();
  const route = url.pathname.replace(/\/[0-9a-f]{8}-[0-9a-f-]{27,}|\/\d+(?=\/|$)/gi, "/:id");
  // a phone lays the same page out differently (folded menu, tables as cards): checked on its own
  const layout = (page.viewportSize()?.width ?? 1280) < 640 ? " phone" : "";
  const chrome = `${url.origin}${layout}`;
  const key = `${url.origin}${layout}${route}${inDialog ? ` dialog ${await dialog.getAttribute("aria-label") ?? await dialog.getAttribute("aria-labelledby") ?? ""}` : ""}`;
  if (checkedPages.has(key)) return;
  // Lists dim (opacity-60) while the next page loads; contrast measured mid-fade is not the page's.
  await page.waitForFunction(() => document.querySelector(".opacity-60.transition-opacity") === null);
  let axe = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]);
  if (checkedChrome.has(chrome)) {
    if (inDialog) axe = axe.include("dialog[open], [role=dialog], [role=alertdialog]");
    else if ((await page.locator("main").count()) > 0) axe = axe.include("main");
  }
  const results = await axe.analyze();
  checkedChrome.add(chrome);
  checkedPages.add(key);
  const blocking = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  if (blocking.length === 0) return;
  const report = blocking
    .map((v) => {
      const nodes = v.nodes.map((n) => `      ${n.target.join(" ")}: ${n.failureSummary?.split("\n").join(" ")}`);
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes.join("\n")}`;
    })
    .join("\n");
  console.error(`Accessibility violations on ${page.url()}:\n${report}`);
  expect(blocking.map((v) => `${v.impact} ${v.id}`), `serious/critical axe violations on ${page.url()}:\n${report}`).toEqual([]);
}

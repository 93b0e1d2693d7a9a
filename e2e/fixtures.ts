import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import { appURL, type App } from "./urls";

export { expect };
export { backofficeURL, portalURL, type App } from "./urls";

/** The password every demo-seed user has. */
export const DEMO_PASSWORD = "Demo@2026";

type LoginFn = (app: App, login: string, password?: string) => Promise<void>;

type Fixtures = {
  /** Signs in through the real sign-in form of `app` and waits until the app lets us in. */
  login: LoginFn;
  /** Fails the test on any serious or critical axe violation on the current page. */
  checkA11y: (page?: Page) => Promise<void>;
};

export const test = base.extend<Fixtures>({
  login: async ({ page }, use) => {
    await use((app, login, password) => signIn(page, app, login, password));
  },
  checkA11y: async ({ page }, use) => {
    await use((target = page) => checkA11y(target));
  },
});

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

/** Runs axe (WCAG 2.x A/AA) and fails on violations of impact serious or critical, listing each. */
export async function checkA11y(page: Page): Promise<void> {
  // Lists dim (opacity-60) while the next page loads; contrast measured mid-fade is not the page's.
  await page.waitForFunction(() => document.querySelector(".opacity-60.transition-opacity") === null);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
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

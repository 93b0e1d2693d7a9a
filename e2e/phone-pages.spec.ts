import type { Browser, Page } from "@playwright/test";
import { createDatabase, type Database } from "@cs/db";
import { idFor } from "./authz/ids";
import { manifests } from "./authz/manifest";
import type { RouteEntry } from "./authz/manifest-types";
import { principalsOf, type Principal } from "./authz/principals";
import { appRoutes, type AppRoute } from "./authz/routes";
import { checkA11y, contextOptions, expect, pageAs, test } from "./fixtures";
import { e2eDatabaseUrl, portalURL } from "./urls";

/**
 * Every page of the portal on a 390 px phone, as a demo user it is meant for (the routes and who
 * may open them come from the authorization manifest, so a new page is visited here as soon as it
 * is declared there): the page fits the screen (no sideways scrolling) and axe finds no serious or
 * critical violation in its phone layout. A page with an id opens one the user owns.
 */
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** Whom to show a page to first: the dealer with a year of history (its lists and documents are not empty), then the others. */
const preference = ["star@demo.cn", "dealer@demo.cn", "master@demo.cn", "station@demo.cn", "customer@demo.cn", "buyer@demo.cn", "agent@demo.cn", "tech@demo.cn", "dealer2@demo.cn"];
/** After-sales pages belong first to the customer and the station. */
const servicePreference = ["customer@demo.cn", "station@demo.cn", "tech@demo.cn", ...preference];

type Visit = { route: AppRoute; path: string };

const allows = (entry: RouteEntry, login: string) => entry.allow === "all" || entry.allow.includes(login);

async function pathFor(db: Database, route: AppRoute, entry: RouteEntry, who: Principal): Promise<string | null> {
  if (!route.params.length) return `/${route.pattern}`;
  if (!entry.ids) return null;
  const values = await idFor(db, entry.ids, route.params, who, "owned");
  if (!values) return null;
  return `/${route.params.reduce((p, name) => p.replace(`:${name}`, encodeURIComponent(values[name]!)), route.pattern)}`;
}

/** The pages (not files, not redirects, not the catch-all) and, per demo user, the ones it is shown. */
async function plan(db: Database) {
  const principals = new Map((await principalsOf(db, "portal")).map((p) => [p.name, p]));
  const byLogin = new Map<string, Visit[]>();
  const publicPages: Visit[] = [];
  for (const route of appRoutes("portal")) {
    const entry = manifests.portal[route.pattern];
    if (!entry || route.resource || entry.redirects || entry.file || route.pattern === "*") continue;
    if (entry.public) {
      const path = await pathFor(db, route, entry, principals.get("star@demo.cn")!);
      if (path) publicPages.push({ route, path });
      continue;
    }
    for (const login of route.pattern.startsWith("service/") ? servicePreference : preference) {
      const who = principals.get(login);
      if (!who || !allows(entry, login)) continue;
      const path = await pathFor(db, route, entry, who);
      if (!path) continue;
      byLogin.set(login, [...(byLogin.get(login) ?? []), { route, path }]);
      break;
    }
  }
  return { byLogin, publicPages };
}

async function sideways(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Visits each page; axe's findings go to `violations` (every page is still visited), failed on at the end. */
async function visitAll(page: Page, visits: Visit[], violations: string[]) {
  for (const { route, path } of visits) {
    await test.step(`${route.pattern} (${path})`, async () => {
      const response = await page.goto(`${portalURL}${path}`);
      expect.soft(response?.status(), `${path} answers`).toBeLessThan(400);
      await expect(page.getByRole("main").or(page.locator("form")).first()).toBeVisible();
      expect.soft(await sideways(page), `${path} scrolls sideways on a 390 px phone`).toBe(0);
      await checkA11y(page).catch((e: unknown) => violations.push(e instanceof Error ? e.message.split("\n").slice(0, 4).join(" ") : String(e)));
    });
  }
}

let db: Database;
let planned: Awaited<ReturnType<typeof plan>>;
test.beforeAll(async () => {
  db = createDatabase(e2eDatabaseUrl, { max: 2 });
  planned = await plan(db);
});
test.afterAll(async () => {
  await db?.$client.end({ timeout: 5 });
});

test("every portal page fits a 390 px phone and passes axe there, for the user it is meant for", async ({ browser }) => {
  test.setTimeout(600_000);
  const visited = [...planned.byLogin.values()].flat().length;
  expect(visited, "the plan visits the portal's pages").toBeGreaterThan(40);
  const violations: string[] = [];
  for (const [login, visits] of planned.byLogin) {
    await test.step(login, async () => {
      const page = await pageAs(browser, "portal", login, phone);
      await visitAll(page, visits, violations);
      await page.context().close();
    });
  }
  expect(violations, "serious or critical axe violations on a 390 px phone").toEqual([]);
});

test("the portal's public pages (sign-in, registration, privacy, a campaign's form) fit a 390 px phone and pass axe", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await anonymousPage(browser);
  const violations: string[] = [];
  await visitAll(page, planned.publicPages.filter((v) => !["logout", "set-locale", "healthz"].includes(v.route.pattern)), violations);
  await page.context().close();
  expect(violations, "serious or critical axe violations on a 390 px phone").toEqual([]);
});

async function anonymousPage(browser: Browser) {
  const context = await browser.newContext({ ...contextOptions, ...phone });
  return context.newPage();
}

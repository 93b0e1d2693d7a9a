import type { Page } from "@playwright/test";
import { backofficeURL, expect, pageAs, portalURL, test } from "./fixtures";
import { appURL, type App } from "./urls";

test("staff find a partner from the header and open it; the order desk's home links into its queues", async ({ page, login, checkA11y }) => {
  await login("backoffice", "orderdesk@demo.cn");
  // the home page is the desk's work: its queues, each a link into the queue
  await expect(page.getByRole("heading", { name: "订单" })).toBeVisible();
  await checkA11y();
  await page.getByRole("link", { name: /^待审批/ }).click();
  await expect(page).toHaveURL(/\/orders\/queue\/pending_approval/);

  await page.getByRole("searchbox", { name: "全站查找" }).fill("DL-0001");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "查找“DL-0001”" })).toBeVisible();
  await checkA11y();
  await page.getByRole("link", { name: "天津长风电脑有限公司" }).click();
  await expect(page).toHaveURL(/\/organizations\/[0-9a-f-]{36}$/);
});

test("a dealer's home shows its credit and orders; another dealer's search finds none of them", async ({ page, login, browser, checkA11y }) => {
  await login("portal", "dealer@demo.cn");
  await expect(page.getByRole("heading", { name: "信用额度" })).toBeVisible();
  await checkA11y();
  // the latest order on the home page, found again through the search box by its number
  const latest = page.getByRole("link", { name: /^SO-\d{4}-\d{6}/ }).first();
  const number = /SO-\d{4}-\d{6}/.exec((await latest.textContent()) ?? "")![0];
  await page.getByRole("searchbox", { name: "全站查找" }).fill(number);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("link", { name: new RegExp(number) })).toBeVisible();

  const other = await pageAs(browser, "portal", "dealer2@demo.cn", {}, `/search?q=${number}`);
  await expect(other.getByText(`没有找到与“${number}”相符的记录。`)).toBeVisible();
});

test("on a phone the portal's menu folds into one row and the home page does not scroll sideways", async ({ browser }) => {
  const phone = await pageAs(browser, "portal", "dealer@demo.cn", { viewport: { width: 390, height: 844 } });
  await expect(phone.getByRole("navigation", { name: "主导航" })).toBeHidden();
  await phone.getByText("菜单", { exact: true }).click();
  const menu = phone.getByRole("navigation", { name: "主导航" });
  await expect(menu).toBeVisible();
  await expect(menu.getByText("订货", { exact: true })).toBeVisible();
  await menu.getByRole("link", { name: "我的订单" }).click();
  await expect(phone).toHaveURL(/\/orders$/);
  await expect(phone.getByRole("navigation", { name: "主导航" })).toBeHidden();
  expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
});

test("at 1366 px the back-office menu is one row of job groups with the group's pages in a bar below; at 390 px it folds into the menu", async ({ browser }) => {
  const desk = await pageAs(browser, "backoffice", "admin@demo.cn", { viewport: { width: 1366, height: 900 } });
  const main = desk.getByRole("navigation", { name: "主导航" });
  const groups = main.getByRole("link");
  await expect(groups).toHaveText(["首页", "客户", "销售与订单", "库存与物流", "财务", "渠道与返利", "售后服务"]);
  // one row: every group shares the first link's top, and the bar is no taller than one link
  const boxes = await Promise.all((await groups.all()).map(async (link) => (await link.boundingBox())!));
  expect(new Set(boxes.map((b) => Math.round(b.y))).size).toBe(1);
  expect((await main.boundingBox())!.height).toBeLessThan(boxes[0]!.height * 1.5);
  const signOut = (await desk.getByRole("button", { name: "退出登录" }).boundingBox())!;
  expect(Math.abs(signOut.y + signOut.height / 2 - (boxes[0]!.y + boxes[0]!.height / 2))).toBeLessThan(4);
  // the home page belongs to no group: no second-level bar
  await expect(desk.getByRole("navigation", { name: "销售与订单" })).toHaveCount(0);

  // a group opens its first page; the bar under the header lists the group's pages, the current one marked
  await main.getByRole("link", { name: "销售与订单" }).click();
  await expect(desk).toHaveURL(/\/orders\/queue\//);
  await expect(main.getByRole("link", { name: "销售与订单" })).toHaveAttribute("aria-current", "true");
  const sales = desk.getByRole("navigation", { name: "销售与订单" });
  await expect(sales.getByRole("link")).toHaveText(["订单处理", "退货", "价格管理", "产品目录"]);
  await expect(sales.getByRole("link", { name: "订单处理" })).toHaveAttribute("aria-current", "true");
  await sales.getByRole("link", { name: "退货" }).click();
  await expect(desk).toHaveURL(/\/returns$/);
  await expect(sales.getByRole("link", { name: "退货" })).toHaveAttribute("aria-current", "page");
  await expect(sales.getByRole("link", { name: "订单处理" })).not.toHaveAttribute("aria-current");
  expect(await desk.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);

  // a page below an entry keeps its group; marketing sits with the channel; a one-page group has no bar
  await desk.goto(`${backofficeURL}/marketing/budgets`);
  await expect(main.getByRole("link", { name: "渠道与返利" })).toHaveAttribute("aria-current", "true");
  await expect(desk.getByRole("navigation", { name: "渠道与返利" }).getByRole("link", { name: "市场" })).toHaveAttribute("aria-current", "true");
  await main.getByRole("link", { name: "财务" }).click();
  await expect(desk).toHaveURL(/\/finance\/invoices$/);
  await expect(main.getByRole("link", { name: "财务" })).toHaveAttribute("aria-current", "page");
  // (the finance pages' own tabs are named 财务 too; no second-level link repeats the group)
  await expect(desk.getByRole("link", { name: "财务", exact: true })).toHaveCount(1);

  // the keyboard reaches the groups in order after the skip link and the brand
  await desk.goto(backofficeURL);
  await desk.keyboard.press("Tab");
  await desk.keyboard.press("Tab");
  await expect(main.getByRole("link", { name: "首页" })).toBeFocused();

  const phone = await pageAs(browser, "backoffice", "admin@demo.cn", { viewport: { width: 390, height: 844 } });
  await expect(phone.getByRole("navigation", { name: "主导航" })).toBeHidden();
  expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
  await phone.getByText("菜单", { exact: true }).click();
  const menu = phone.getByRole("navigation", { name: "主导航" });
  await expect(menu.getByText("渠道与返利", { exact: true })).toBeVisible();
  await menu.getByRole("link", { name: "客户档案" }).click();
  await expect(phone).toHaveURL(/\/organizations$/);
  expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
});

const listPages = {
  portal: ["/", "/catalog", "/orders", "/stock", "/finance", "/finance/invoices", "/rebates", "/service/requests"],
  backoffice: ["/", "/orders", "/organizations", "/stock", "/finance/invoices", "/finance/aging", "/rebates", "/service/requests", "/marketing/funds"],
} as const;

/** The pages among `paths` that scroll sideways in `page`'s viewport, each with its overflow in px. */
async function sidewaysPages(page: Page, app: App, paths: readonly string[]): Promise<string[]> {
  const wide: string[] = [];
  for (const path of paths) {
    const response = await page.goto(`${appURL(app)}${path}`);
    expect(response?.status(), `${app} ${path}`).toBe(200);
    await expect(page.getByRole("main")).toBeVisible();
    const over = await page.evaluate(() => {
      const excess = document.documentElement.scrollWidth - window.innerWidth;
      if (excess <= 0) return null;
      // the outermost elements that reach past the window's right edge, to say what to fix
      const past = [...document.querySelectorAll("main *")].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1);
      const outermost = past.filter((e) => !past.includes(e.parentElement!)).slice(0, 3);
      return `+${excess}px ${outermost.map((e) => `<${e.tagName.toLowerCase()} class="${e.getAttribute("class") ?? ""}">`).join(" ")}`;
    });
    if (over !== null) wide.push(`${app} ${path} ${over}`);
  }
  return wide;
}

test("on a phone no list page scrolls sideways: a table's rows stack into cards, each value after its column's name", async ({ browser }) => {
  test.setTimeout(240_000);
  const phone = { viewport: { width: 390, height: 844 } };
  const dealer = await pageAs(browser, "portal", "dealer@demo.cn", phone);
  const admin = await pageAs(browser, "backoffice", "admin@demo.cn", phone);
  const wide = [...(await sidewaysPages(dealer, "portal", listPages.portal)), ...(await sidewaysPages(admin, "backoffice", listPages.backoffice))];
  expect(wide, "pages wider than a 390 px phone").toEqual([]);

  // a stock balance reads "可用 <number>" on one line of its card: the label is the cell's ::before,
  // part of its accessible name, and both sit inside the screen
  await dealer.goto(`${portalURL}/stock`);
  const available = dealer.getByRole("cell", { name: /^可用\s*[\d,]+$/ }).first();
  await expect(available).toBeVisible();
  expect(await available.evaluate((td) => getComputedStyle(td, "::before").content)).toBe('"可用"');
  const box = (await available.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  expect(box.height).toBeLessThan(40);
  // the column headers that only name a column give way to the labels; the sort links stay
  await expect(dealer.getByRole("columnheader", { name: "可用" })).toBeHidden();
  await expect(dealer.getByRole("link", { name: "产品", exact: true })).toBeVisible();
});

test("at 800 px, and at 1024 px in English, no list page scrolls sideways: a wide table scrolls inside its own box", async ({ browser }) => {
  test.setTimeout(300_000);
  const wide: string[] = [];
  for (const options of [{ viewport: { width: 800, height: 900 } }, { viewport: { width: 1024, height: 900 }, locale: "en-US" }]) {
    const dealer = await pageAs(browser, "portal", "dealer@demo.cn", options);
    const admin = await pageAs(browser, "backoffice", "admin@demo.cn", options);
    for (const page of [...(await sidewaysPages(dealer, "portal", listPages.portal)), ...(await sidewaysPages(admin, "backoffice", listPages.backoffice))]) {
      wide.push(`${options.viewport.width}px ${page}`);
    }
    await dealer.context().close();
    await admin.context().close();
  }
  expect(wide, "pages wider than the window").toEqual([]);
});

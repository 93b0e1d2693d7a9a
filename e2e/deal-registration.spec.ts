import type { Browser } from "@playwright/test";
import { backofficeURL, checkA11y, expect, pageAs, portalURL, test } from "./fixtures";

/**
 * Deal registration (报备) end to end on the seeded data: DL-0001's admin registers a deal for an end
 * customer, a manager approves it with a special price, the dealer names the registration at
 * checkout and the price explanation shows the special price with its reason, on the checkout page
 * and on the order. Another dealer gets 404 on the registration's URL.
 */

async function as(browser: Browser, app: "portal" | "backoffice", login: string, path?: string) {
  return pageAs(browser, app, login, { viewport: { width: 1280, height: 800 } }, path);
}

/** A valid unified social credit code unique to this run (GB 32100-2015 check character). */
function creditCode() {
  const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const body = `91110105MA${String(Date.now() % 10_000_000).padStart(7, "0")}`;
  const sum = [...body].reduce((s, c, i) => s + alphabet.indexOf(c) * weights[i]!, 0);
  return body + alphabet[(31 - (sum % 31)) % 31];
}

test("a dealer registers a deal, a manager approves it with a special price, the dealer's order for that customer shows the price and its reason; another dealer gets 404", async ({ browser }) => {
  test.setTimeout(180_000);
  const customer = `E2E 北京某某医院 ${Date.now().toString(36)}`;
  const reason = `医院集采竞价 ${Date.now().toString(36)}`;

  // the dealer registers: a quantity of 0 is refused first, translated, and the form keeps what was typed
  const dealer = await as(browser, "portal", "dealer@demo.cn", "/deals");
  await expect(dealer.getByRole("heading", { name: "项目报备", level: 1 })).toBeVisible();
  await dealer.getByRole("link", { name: "报备项目" }).click();
  await dealer.getByLabel("终端客户名称").fill(customer);
  await dealer.getByLabel("统一社会信用代码").fill(creditCode());
  await dealer.getByLabel("预计成交日期").fill("2099-12-31");
  await dealer.getByLabel("竞争对手").fill("某国际品牌");
  const product = dealer.getByLabel("产品 1", { exact: true });
  const option = await product.locator("option", { hasText: "KM-KB-W100" }).first().getAttribute("value");
  await product.selectOption(option!);
  await dealer.getByLabel("数量").first().fill("0");
  await dealer.getByRole("button", { name: "提交报备" }).click();
  await expect(dealer.getByText("数量必须是正整数")).toBeVisible();
  await expect(dealer.getByLabel("终端客户名称")).toHaveValue(customer);
  await dealer.getByLabel("数量").first().fill("20");
  await dealer.getByRole("button", { name: "提交报备" }).click();
  await expect(dealer.getByText("报备已提交，等待审批")).toBeVisible();
  await checkA11y(dealer);
  const number = ((await dealer.getByRole("heading", { level: 1 }).textContent()) ?? "").match(/DR-\d{4}-\d{6}/)?.[0];
  expect(number).toBeTruthy();
  const registrationPath = new URL(dealer.url()).pathname;

  // a manager approves it with a special price of ¥50.00 for 10 units; zero is refused first
  const manager = await as(browser, "backoffice", "manager@demo.cn", `/marketing/deals?q=${number}`);
  await manager.getByRole("link", { name: number! }).click();
  await expect(manager.getByRole("heading", { level: 1 })).toContainText(number!);
  await manager.getByLabel("特价单价（元）").fill("0");
  await manager.getByLabel("特价数量").fill("10");
  await manager.getByLabel("特价原因（会显示在价格说明中）").fill(reason);
  await manager.getByRole("button", { name: "批准", exact: true }).click();
  await expect(manager.getByText("特价必须大于 0")).toBeVisible();
  await manager.getByLabel("特价单价（元）").fill("50.00");
  await manager.getByRole("button", { name: "批准", exact: true }).click();
  await expect(manager.getByText(/已批准，保护期至/)).toBeVisible();
  await expect(manager.locator("[data-figure=special-price]").first()).toHaveText("¥50.00");
  await checkA11y(manager);

  // the dealer orders for that customer: the checkout names the registration and re-prices
  await dealer.goto(`${portalURL}/cart/quick-order`);
  await dealer.getByLabel("粘贴订货行").fill("KM-KB-W100 2");
  await dealer.getByRole("button", { name: "检查并加入购物车" }).click();
  await dealer.waitForURL(/\/cart(\?|$)/);
  await dealer.getByRole("link", { name: "去结算" }).click();
  await expect(dealer.getByRole("heading", { name: "结算" })).toBeVisible();
  const choice = dealer.getByLabel("项目报备（终端客户）");
  const dealOption = await choice.locator("option", { hasText: number! }).getAttribute("value");
  await choice.selectOption(dealOption!);
  await dealer.getByRole("button", { name: "按此报备计价" }).click();
  await expect(dealer.getByText(`特价原因：${reason}`)).toBeVisible();
  await checkA11y(dealer);
  await dealer.getByRole("button", { name: "提交订单" }).click();
  await dealer.waitForURL(/\/orders\/[0-9a-f-]{36}\?placed=1/);
  await expect(dealer.getByText(`特价原因：${reason}`)).toBeVisible();
  await expect(dealer.getByText("特价（项目报备）").first()).toBeVisible();
  await expect(dealer.getByRole("link", { name: new RegExp(`^${number} · `) })).toBeVisible();

  // the order desk sees the same reason and which registration the order is for
  const orderPath = new URL(dealer.url()).pathname;
  await manager.goto(`${backofficeURL}${orderPath}`);
  await expect(manager.getByText(`特价原因：${reason}`)).toBeVisible();
  await expect(manager.getByRole("link", { name: new RegExp(`^${number} · `) })).toHaveAttribute("href", new RegExp(`/marketing/deals/`));

  // the registration now shows the units used; another dealer gets 404 on its URL
  await dealer.goto(`${portalURL}${registrationPath}`);
  await expect(dealer.getByRole("heading", { level: 1 })).toContainText(number!);
  const other = await as(browser, "portal", "dealer2@demo.cn");
  expect((await other.request.get(`${portalURL}${registrationPath}`)).status()).toBe(404);
});

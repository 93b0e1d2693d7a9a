import type { Browser } from "@playwright/test";
import { checkA11y, contextOptions, expect, pageAs, portalURL, test } from "./fixtures";

/**
 * Leads end to end on the seeded data: a visitor leaves a lead on the demo roadshow's public landing
 * form, marketing assigns it to DL-0001, the dealer accepts it and converts it to a deal
 * registration prefilled with the lead's company; the lead then reads as converted with the
 * registration's number, and another dealer gets 404 on its URL.
 */

async function as(browser: Browser, app: "portal" | "backoffice", login: string, path?: string) {
  return pageAs(browser, app, login, { viewport: { width: 1280, height: 800 } }, path);
}

/** A valid unified social credit code unique to this run (GB 32100-2015 check character). */
function creditCode() {
  const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const body = `91110105MB${String(Date.now() % 10_000_000).padStart(7, "0")}`;
  const sum = [...body].reduce((s, c, i) => s + alphabet.indexOf(c) * weights[i]!, 0);
  return body + alphabet[(31 - (sum % 31)) % 31];
}

test("a landing-form lead is assigned by marketing, accepted by the dealer and converted to a deal registration; another dealer gets 404", async ({ browser }) => {
  test.setTimeout(150_000);
  const mobile = `139${String(Date.now()).slice(-8)}`;
  const company = `E2E 线索公司 ${Date.now().toString(36)}`;

  // a visitor, not signed in: consent is required first, then the lead is taken
  const visitor = await (await browser.newContext({ ...contextOptions, viewport: { width: 1280, height: 800 } })).newPage();
  await visitor.goto(`${portalURL}/c/bj-roadshow`);
  await expect(visitor.getByRole("heading", { name: "北京渠道路演", level: 1 })).toBeVisible();
  await visitor.getByLabel("联系人姓名").fill("赵六");
  await visitor.getByLabel("公司名称").fill(company);
  await visitor.getByLabel("手机号码").fill(mobile);
  await visitor.getByLabel("城市").fill("北京");
  await visitor.getByLabel("意向产品").fill("商务笔记本");
  await visitor.getByRole("button", { name: "提交" }).click();
  await expect(visitor.getByText("请阅读并同意信息使用说明")).toBeVisible();
  await visitor.getByRole("checkbox").check();
  await visitor.getByRole("button", { name: "提交" }).click();
  await expect(visitor.getByText("感谢您的关注")).toBeVisible();
  await checkA11y(visitor);
  expect((await visitor.request.get(`${portalURL}/c/no-such-campaign`)).status()).toBe(404);

  // marketing finds it in the pool and assigns it to DL-0001 by hand
  const marketing = await as(browser, "backoffice", "marketing@demo.cn", `/marketing/leads?q=${mobile}`);
  await marketing.getByRole("link", { name: "赵六" }).click();
  await expect(marketing.getByRole("heading", { level: 1, name: new RegExp(`赵六 · ${company}`) })).toBeVisible();
  await expect(marketing.getByRole("heading", { name: "分配线索" })).toBeVisible();
  await marketing.getByLabel("伙伴编码").fill("DL-0001");
  await marketing.getByRole("button", { name: "分配", exact: true }).click();
  await expect(marketing.getByText(/线索已分配，接受截止/)).toBeVisible();
  await checkA11y(marketing);
  const leadPath = new URL(marketing.url()).pathname.replace("/marketing", "");

  // the dealer accepts it and converts it: the registration form comes prefilled with the company
  const dealer = await as(browser, "portal", "dealer@demo.cn", `/leads?q=${mobile}`);
  await dealer.getByRole("link", { name: "赵六" }).click();
  await dealer.waitForURL(/\/leads\/[0-9a-f-]{36}/);
  await dealer.getByRole("button", { name: "接受线索" }).click();
  await expect(dealer.getByText("线索已接受，请尽快联系客户")).toBeVisible();
  await checkA11y(dealer);
  await dealer.getByRole("link", { name: "转为项目报备" }).click();
  await expect(dealer.getByLabel("终端客户名称")).toHaveValue(company);
  await dealer.getByLabel("统一社会信用代码").fill(creditCode());
  await dealer.getByLabel("预计成交日期").fill("2099-12-31");
  const product = dealer.getByLabel("产品 1", { exact: true });
  const option = await product.locator("option", { hasText: "KM-KB-W100" }).first().getAttribute("value");
  await product.selectOption(option!);
  await dealer.getByLabel("数量").first().fill("5");
  await dealer.getByRole("button", { name: "提交报备" }).click();
  await expect(dealer.getByText("报备已提交，等待审批")).toBeVisible();
  const number = ((await dealer.getByRole("heading", { level: 1 }).textContent()) ?? "").match(/DR-\d{4}-\d{6}/)?.[0];
  expect(number).toBeTruthy();

  // the lead is converted and names the registration; another dealer cannot open it
  await dealer.goto(`${portalURL}${leadPath}`);
  await expect(dealer.getByText("已转化", { exact: true })).toBeVisible();
  await expect(dealer.getByRole("link", { name: number! })).toBeVisible();
  const other = await as(browser, "portal", "dealer2@demo.cn");
  expect((await other.request.get(`${portalURL}${leadPath}`)).status()).toBe(404);
});

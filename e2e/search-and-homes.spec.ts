import { expect, pageAs, test } from "./fixtures";

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

import type { Page } from "@playwright/test";
import { checkA11y as axe, expect, portalURL, test } from "./fixtures";

/**
 * Ordering from the catalogue, on the demo seed (packages/db/src/seed/pricing.ts): DL-0001's buyer
 * searches in Chinese and sees its price and why, then quick-orders by paste. The buyer (not the
 * dealer admin other specs check out with) keeps this spec's cart to itself; it starts and ends empty.
 */
const BUYER = "buyer@demo.cn";
/** Monitors: on the dealer price list, with the demo's running 5% promotion on the whole line. */
const MONITOR = "MON-24F-IPS";
const OTHER_MONITOR = "MON-27Q-IPS";

async function emptyCart(page: Page) {
  await page.goto(`${portalURL}/cart`);
  const remove = page.getByRole("button", { name: /^移除 / });
  while ((await remove.count()) > 0) {
    const before = await remove.count();
    await remove.first().click();
    await expect(remove).toHaveCount(before - 1);
  }
  await expect(page.getByText("购物车是空的。")).toBeVisible();
}

test("a dealer's buyer finds monitors in Chinese with price and reason, and a quick order with a bad line adds nothing until fixed", async ({ page, login, checkA11y }) => {
  await login("portal", BUYER);
  await emptyCart(page);

  await page.getByRole("link", { name: "在线订货" }).click();
  const search = page.getByRole("search");
  await search.getByLabel("搜索").fill("显示器");
  await search.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/q=/);
  const table = page.getByRole("table", { name: "在线订货" });
  const row = table.locator("tbody tr").filter({ has: page.getByText(MONITOR, { exact: true }) });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("24英寸全高清IPS显示器");
  // the price says why: the promotion's rule and code, the list price it started from and the saving
  await expect(row).toContainText("促销价");
  await expect(row).toContainText("PROMO-MON");
  await expect(row).toContainText("列表价 ¥899.00");
  await expect(row).toContainText(/节省 ¥[\d,.]+（[\d.]+%）/);
  await checkA11y();

  await page.getByRole("link", { name: "快速下单" }).first().click();
  const paste = page.getByLabel("粘贴订货行");
  await paste.fill(`${MONITOR} 2\nNO-SUCH-SKU 1\n${OTHER_MONITOR.toLowerCase()}，3`);
  await page.getByRole("button", { name: "检查并加入购物车" }).click();
  const problems = page.getByRole("list", { name: /以下行有问题/ });
  await expect(problems).toContainText("第 2 行 NO-SUCH-SKU：找不到该 SKU");
  await expect(problems.getByRole("listitem")).toHaveCount(1);
  // the paste is kept for fixing, and nothing went into the cart
  await expect(paste).toHaveValue(/NO-SUCH-SKU/);
  // the header's cart shows no count while the cart is empty
  await page.getByRole("banner").getByRole("link", { name: "购物车", exact: true }).click();
  await expect(page.getByText("购物车是空的。")).toBeVisible();

  await page.getByRole("link", { name: "快速下单" }).first().click();
  await page.getByLabel("粘贴订货行").fill(`${MONITOR} 2\n${OTHER_MONITOR.toLowerCase()}，3`);
  await page.getByRole("button", { name: "检查并加入购物车" }).click();
  await expect(page).toHaveURL(/\/cart\?added=2/);
  await expect(page.getByText("已加入 2 个商品到购物车。")).toBeVisible();
  const cart = page.getByRole("table", { name: "购物车" });
  await expect(cart.getByRole("textbox", { name: `${MONITOR} 的数量` })).toHaveValue("2");
  await expect(cart.getByRole("textbox", { name: `${OTHER_MONITOR} 的数量` })).toHaveValue("3");
  await expect(cart.locator("tbody tr").first()).toContainText("促销价");
  // and its count once the two products are in it
  await expect(page.getByRole("banner").getByRole("link", { name: "购物车 · 2 种商品", exact: true })).toHaveText("2");
  await expect(page.getByRole("link", { name: "去结算" })).toHaveAttribute("href", "/checkout");
  await axe(page);

  await emptyCart(page);
});

import type { Page } from "@playwright/test";
import { checkA11y, expect, pageAs, portalURL, test } from "./fixtures";

/**
 * The two journeys Chinese partners and customers make on a phone, at 390 px: a dealer orders from
 * the catalogue cards through the cart and checkout, and an end customer registers a device and
 * files a repair. Every page on the way must fit the screen (no sideways scrolling) and pass axe as
 * laid out for a phone. DL-0002's admin orders here, so the buyer's cart other specs use stays theirs.
 */
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const MONITOR = "MON-24F-IPS";

/** The page's overflow past the window's right edge in px (0 when nothing scrolls sideways). */
async function sideways(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

async function fitsThePhone(page: Page) {
  await expect(page.getByRole("main")).toBeVisible();
  expect(await sideways(page), `${page.url()} scrolls sideways on a 390 px phone`).toBe(0);
  await checkA11y(page);
}

test("on a phone a dealer finds a monitor card by its name, adds it, checks out and sees the placed order", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await pageAs(browser, "portal", "dealer2@demo.cn", phone, `/catalog?q=${MONITOR}`);
  await fitsThePhone(page);

  // the card's title is the product's name, not its SKU; its price says why
  const card = page.locator("tbody tr").filter({ hasText: MONITOR });
  await expect(card).toHaveCount(1);
  const title = card.locator("td").filter({ hasText: "24英寸全高清IPS显示器" });
  const sku = card.locator("td").filter({ hasText: MONITOR }).last();
  const [titleBox, skuBox] = [await title.boundingBox(), await sku.boundingBox()];
  expect(titleBox!.y, "the name heads the card").toBeLessThan(skuBox!.y);
  await expect(card).toContainText("促销价");
  await page.screenshot({ path: "docs/screenshots/portal-catalog-phone.png" });

  await card.getByLabel(`${MONITOR} 的订购数量`).fill("2");
  await card.getByRole("button", { name: "加入购物车" }).click();
  await expect(page.getByText(`已将 ${MONITOR} 加入购物车。`)).toBeVisible();

  await page.goto(`${portalURL}/cart`);
  await expect(page.getByRole("heading", { name: "购物车" })).toBeVisible();
  await expect(page.getByLabel(`${MONITOR} 的数量`)).toHaveValue("2");
  await fitsThePhone(page);

  await page.getByRole("link", { name: "去结算" }).click();
  await expect(page.getByRole("heading", { name: "结算" })).toBeVisible();
  await fitsThePhone(page);
  await page.screenshot({ path: "docs/screenshots/portal-checkout-phone.png", fullPage: true });
  await page.getByLabel("贵公司采购单号").fill("PO-PHONE-390");
  await page.getByRole("button", { name: "提交订单" }).click();
  await page.waitForURL(/\/orders\/[0-9a-f-]{36}\?placed=1/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/SO-\d{4}-\d{6}/);
  await expect(page.getByText(MONITOR).first()).toBeVisible();
  await fitsThePhone(page);
  await page.context().close();
});

test("on a phone an end customer registers a device and files a repair request that fits the screen", async ({ browser }) => {
  test.setTimeout(120_000);
  const serial = `PH${Date.now().toString(36).toUpperCase()}`;
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const page = await pageAs(browser, "portal", "customer@demo.cn", phone, "/service/devices");
  await expect(page.getByRole("heading", { name: "我的设备" })).toBeVisible();
  await fitsThePhone(page);

  await page.getByLabel("序列号").fill(serial);
  await page.getByLabel("产品型号").selectOption({ index: 1 });
  await page.getByLabel("购买日期").fill("2026-06-01");
  await page.getByLabel("购买凭证").setInputFiles({ name: "proof.png", mimeType: "image/png", buffer: png });
  await page.getByRole("button", { name: "登记", exact: true }).click();
  await expect(page.getByText("设备已登记")).toBeVisible();

  await page.getByRole("link", { name: `申请维修 ${serial}` }).click();
  await expect(page.getByLabel("故障描述")).toBeVisible();
  await fitsThePhone(page);
  await page.getByLabel("故障描述").fill("手机上报修：开机无显示");
  await page.getByLabel("城市").fill("上海");
  await page.getByRole("button", { name: "提交维修申请" }).click();
  await expect(page.getByText("维修申请已提交")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/RMA-\d{4}-\d{6}/);
  await fitsThePhone(page);
  await page.screenshot({ path: "docs/screenshots/portal-repair-phone.png", fullPage: true });
  await page.context().close();
});

test("on a phone no page of the dealer's menu scrolls sideways", async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await pageAs(browser, "portal", "dealer2@demo.cn", phone, "/");
  // every page the dealer can reach from its menu (the folded phone menu holds the same links)
  const paths = await page.evaluate(() => [...new Set([...document.querySelectorAll<HTMLAnchorElement>("header a[href^='/'], nav a[href^='/']")].map((a) => a.pathname))]);
  expect(paths.length, "the menu's pages").toBeGreaterThan(8);
  const wide: string[] = [];
  for (const path of paths) {
    if (path === "/logout") continue;
    const response = await page.goto(`${portalURL}${path}`);
    expect(response?.status(), path).toBe(200);
    const excess = await sideways(page);
    if (excess > 0) wide.push(`${path} +${excess}px`);
  }
  expect(wide, "portal pages wider than a 390 px phone").toEqual([]);
  await page.context().close();
});

import sharp from "sharp";
import type { Locator } from "@playwright/test";
import { expect, pageAs, portalURL, test } from "./fixtures";

/**
 * Product pictures end to end: the seed's show on the catalogue cards of a 390 px phone (sized
 * before they load, loaded lazily, a size for each screen in srcset), a product without one shows
 * the placeholder, the product page shows it large, and the manager's upload in the product master
 * appears on the partner's card. Served privately and cached for good; not to an end customer.
 */
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

async function expectLoadedPicture(img: Locator, side: number) {
  await expect(img).toHaveAttribute("width", String(side));
  await expect(img).toHaveAttribute("height", String(side));
  // scrolled to (a lazy picture loads when near), retried while hydration may swap the element
  const loaded = () =>
    img
      .evaluate((el: HTMLImageElement) => {
        el.scrollIntoView();
        return el.complete && el.naturalWidth > 0;
      })
      .catch(() => false);
  await expect.poll(loaded).toBe(true);
}

test("on a phone the catalogue cards show the product's picture, and a product without one a placeholder", async ({ browser }) => {
  const page = await pageAs(browser, "portal", "dealer2@demo.cn", phone, "/catalog?q=MON-24F");
  const pictured = page.locator("tbody tr").filter({ hasText: "MON-24F-IPS" });
  const img = pictured.getByRole("img", { name: "24英寸全高清IPS显示器" });
  await expect(img).toHaveAttribute("loading", "lazy");
  await expect(img).toHaveAttribute("srcset", /\?w=160 160w, .+\?w=320 320w, .+\?w=640 640w$/);
  await expectLoadedPicture(img, 64);
  // MON-24F-USBC has no picture in the seed
  const plain = page.locator("tbody tr").filter({ hasText: "MON-24F-USBC" });
  await expect(plain.getByRole("img", { name: "暂无图片" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);

  // the picture is the signed-in partner's to see: private, cached for good, sniffing off
  const src = await img.evaluate((el: HTMLImageElement) => el.currentSrc);
  const response = await page.request.get(src);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("image/webp");
  expect(response.headers()["cache-control"]).toBe("private, max-age=31536000, immutable");
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");

  // the product's own page shows it large, loaded at once
  await pictured.getByRole("link", { name: "24英寸全高清IPS显示器" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "24英寸全高清IPS显示器" })).toBeVisible();
  const large = page.getByRole("main").getByRole("img", { name: "24英寸全高清IPS显示器" });
  await expect(large).toHaveAttribute("loading", "eager");
  await expectLoadedPicture(large, 320);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
  await page.getByRole("button", { name: "加入购物车" }).click();
  await expect(page.getByText("已将 MON-24F-IPS 加入购物车。")).toBeVisible();
  await page.context().close();

  // an end customer reads no catalogue: the same picture is not found
  const customer = await pageAs(browser, "portal", "customer@demo.cn", phone);
  expect((await customer.request.get(src)).status()).toBe(404);
  await customer.context().close();
});

test("a picture the manager uploads in the product master shows on the partner's catalogue card", async ({ browser }) => {
  const sku = "MON-24F-USBC";
  const manager = await pageAs(browser, "backoffice", "manager@demo.cn", {}, `/products?q=${sku}`);
  await manager.getByRole("link", { name: sku }).first().click();
  await expect(manager.getByRole("heading", { name: "产品图片" })).toBeVisible();

  // not a picture, whatever its name says: refused with the reason, nothing stored
  await manager.getByLabel("图片文件").setInputFiles({ name: "fake.png", mimeType: "image/png", buffer: Buffer.from("not a picture") });
  await manager.getByRole("button", { name: "上传图片" }).click();
  await expect(manager.getByText("只能上传 JPG、PNG 或 WebP 图片").first()).toBeVisible();
  await expect(manager.getByText("此产品还没有图片。")).toBeVisible();

  const png = await sharp({ create: { width: 600, height: 400, channels: 3, background: "#7c3aed" } }).png().toBuffer();
  await manager.getByLabel("图片文件").setInputFiles({ name: "usbc.png", mimeType: "image/png", buffer: png });
  await manager.getByRole("button", { name: "上传图片" }).click();
  await expect(manager.getByText("图片已上传。")).toBeVisible();
  await expect(manager.getByText("目录图片")).toBeVisible();
  await manager.context().close();

  const page = await pageAs(browser, "portal", "dealer2@demo.cn", phone, `/catalog?q=${sku}`);
  const card = page.locator("tbody tr").filter({ hasText: sku });
  await expectLoadedPicture(card.getByRole("img", { name: "24英寸全高清USB-C显示器" }), 64);
  await page.context().close();

  // removed again, so the placeholder test above holds on a re-run against the same database
  const again = await pageAs(browser, "backoffice", "manager@demo.cn", {}, `/products?q=${sku}`);
  await again.getByRole("link", { name: sku }).first().click();
  await again.getByRole("button", { name: "删除第 1 张图片" }).click();
  await expect(again.getByText("图片已删除。")).toBeVisible();
  await expect(again.getByText("此产品还没有图片。")).toBeVisible();
  await again.context().close();
});

test("a product page for an unknown product is not found", async ({ browser }) => {
  const page = await pageAs(browser, "portal", "dealer@demo.cn", phone);
  const response = await page.goto(`${portalURL}/catalog/00000000-0000-4000-8000-000000000000`);
  expect(response?.status()).toBe(404);
  await page.context().close();
});

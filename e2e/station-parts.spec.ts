import { checkA11y, expect, pageAs, test } from "./fixtures";

/**
 * A repair station keeps minimums for its spare parts: a part under its minimum is marked on the
 * parts page and counted on the station's home page, which links to the list of exactly those. A
 * negative minimum is refused in Chinese and changes nothing; on a 390 px phone the page does not scroll sideways.
 */
test("a station admin sets a spare part's minimum, sees it low on the parts page and on its home page, then removes it", async ({ browser }) => {
  const station = await pageAs(browser, "portal", "station@demo.cn", { viewport: { width: 1280, height: 800 } }, "/");
  await station.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "售后", exact: true }).click();
  await station.getByRole("navigation", { name: "售后", exact: true }).getByRole("link", { name: "备件库存" }).click();
  await expect(station.getByRole("heading", { name: "备件库存", level: 1 })).toBeVisible();
  const table = station.getByRole("table", { name: "备件库存" });
  const row = table.getByRole("row").nth(1);
  const sku = ((await row.getByRole("cell").first().textContent()) ?? "").trim();
  expect(sku).not.toBe("");
  const free = Number(((await row.getByRole("cell").nth(3).textContent()) ?? "").replace(/,/g, ""));
  await checkA11y(station);

  // a negative minimum is refused, translated, and nothing is saved
  const minimum = station.getByLabel(`${sku} 的最低库存`);
  await minimum.fill("-1");
  await minimum.press("Enter");
  await expect(station.getByText("数值超出允许范围").first()).toBeVisible();
  await station.reload();
  await expect(station.getByLabel(`${sku} 的最低库存`)).toHaveValue("");

  // one more than it holds free: low, first in the list, and counted on the home page
  await station.getByLabel(`${sku} 的最低库存`).fill(String(free + 1));
  await station.getByLabel(`${sku} 的最低库存`).press("Enter");
  await expect(station.getByText(`${sku} 的最低库存已保存。`)).toBeVisible();
  const first = table.getByRole("row").nth(1);
  await expect(first.getByRole("cell").first()).toHaveText(sku);
  await expect(first.getByText("低于最低库存")).toBeVisible();
  await station.getByRole("link", { name: "首页" }).first().click();
  const figure = station.getByRole("link", { name: /备件低于最低库存/ });
  await expect(figure).toBeVisible();
  await figure.click();
  await expect(station).toHaveURL(/\/service\/parts\?low=1$/);
  await expect(table.getByRole("row").filter({ hasText: sku })).toHaveCount(1);

  // on a phone: cards, no sideways scroll
  await station.setViewportSize({ width: 390, height: 800 });
  expect(await station.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await station.setViewportSize({ width: 1280, height: 800 });

  // blank removes it
  await station.getByLabel(`${sku} 的最低库存`).fill("");
  await station.getByLabel(`${sku} 的最低库存`).press("Enter");
  await expect(station.getByText(`${sku} 的最低库存已取消。`)).toBeVisible();
  await expect(table.getByRole("row").filter({ hasText: sku })).toHaveCount(0);
});

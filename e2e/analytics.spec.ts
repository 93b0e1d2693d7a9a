import type { Page } from "@playwright/test";
import { backofficeURL, checkA11y, expect, pageAs, test } from "./fixtures";

const noSidewaysScroll = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);

/**
 * A manager opens 渠道 → 分析: sales by product line (the division's row drills to its lines), then a
 * partner, then the invoice lines behind it, and exports the breakdown as XLSX; a reversed range is
 * answered in words. The same pages fit a 390 px phone. The channel tab shows levels, concentration
 * and partners at risk.
 */
test("a manager analyses sales by product line, drills to a partner's invoice lines and exports", async ({ browser }) => {
  test.setTimeout(120_000);
  const desk = await pageAs(browser, "backoffice", "manager@demo.cn", { viewport: { width: 1366, height: 900 } }, "/analytics/sales?dim=line");
  await expect(desk.getByRole("heading", { name: "销售分析", level: 1 })).toBeVisible();
  await expect(desk.getByRole("columnheader", { name: "产品线" })).toBeVisible();
  await expect(desk.getByRole("columnheader", { name: "毛利率" })).toBeVisible();
  await noSidewaysScroll(desk);
  await checkA11y(desk);

  await desk.getByRole("link", { name: /^查看 .* 的明细$/ }).first().click();
  await desk.waitForURL(/dim=product/);
  await desk.goto(`${backofficeURL}/analytics/sales?dim=partner`);
  await desk.getByRole("link", { name: /^查看 .* 的明细$/ }).first().click();
  await desk.waitForURL(/\/analytics\/sales\/lines\?.*partner=/);
  await expect(desk.getByRole("heading", { name: "销售明细（发票行）" })).toBeVisible();
  await expect(desk.getByRole("link", { name: /^INV-/ }).first()).toBeVisible();

  await desk.goto(`${backofficeURL}/analytics/sales?dim=division`);
  const download = desk.waitForEvent("download");
  await desk.getByRole("link", { name: "导出 XLSX" }).click();
  expect((await download).suggestedFilename()).toMatch(/^sales-division-.*\.xlsx$/);

  await desk.goto(`${backofficeURL}/analytics/sales?from=2026-06&to=2026-01`);
  await expect(desk.getByText("起始月份不能晚于截止月份")).toBeVisible();

  await desk.goto(`${backofficeURL}/analytics/channel`);
  await expect(desk.getByRole("heading", { name: "渠道分析", level: 1 })).toBeVisible();
  await expect(desk.getByRole("heading", { name: "各层级贡献" })).toBeVisible();
  await noSidewaysScroll(desk);
  await checkA11y(desk);
  await desk.screenshot({ path: "test-results/analytics-channel-1366.png", fullPage: true });

  const phone = await pageAs(browser, "backoffice", "manager@demo.cn", { viewport: { width: 390, height: 844 } }, "/analytics/sales?dim=line");
  await expect(phone.getByRole("heading", { name: "销售分析", level: 1 })).toBeVisible();
  await noSidewaysScroll(phone);
  await phone.screenshot({ path: "test-results/analytics-sales-390.png", fullPage: true });
  await phone.goto(`${backofficeURL}/analytics/channel`);
  await noSidewaysScroll(phone);
  await phone.goto(`${backofficeURL}/products/lines`);
  await noSidewaysScroll(phone);
});

test("a manager sets a product line's margin floor; one out of range is refused in words", async ({ browser }) => {
  const page = await pageAs(browser, "backoffice", "manager@demo.cn", { viewport: { width: 1366, height: 900 } }, "/products/lines");
  await expect(page.getByRole("heading", { name: "产品线毛利底线", level: 1 })).toBeVisible();
  const first = page.getByRole("form").first();
  await first.getByLabel("底线（基点）").fill("10001");
  await first.getByRole("button", { name: "保存底线" }).click();
  await expect(page.getByText("毛利底线须为 0 到 10000 之间的整数基点（1% = 100），不设底线请留空")).toBeVisible();
  await page.getByRole("form").first().getByLabel("底线（基点）").fill("");
  await page.getByRole("form").first().getByRole("button", { name: "保存底线" }).click();
  await expect(page.getByText("毛利底线已保存。")).toBeVisible();
  await checkA11y(page);
});

import type { Browser } from "@playwright/test";
import { backofficeURL, checkA11y, expect, pageAs, test } from "./fixtures";

/**
 * Issue 6, SLA calendar and live queue: the desk keeps the year's holidays (a duplicate date is
 * refused, a day is added and removed); a technician's open queue polls cheaply (304 while nothing
 * changed) and shows the desk's escalation without a reload.
 */
async function as(browser: Browser, app: "portal" | "backoffice", login: string, path?: string) {
  return pageAs(browser, app, login, { viewport: { width: 1280, height: 900 } }, path);
}

test("the service desk keeps the SLA calendar: seeded National Day, a duplicate refused, a make-up workday added and removed", async ({ browser }) => {
  const desk = await as(browser, "backoffice", "service@demo.cn", "/service/requests");
  await desk.getByRole("link", { name: "SLA 日历" }).click();
  await desk.goto(`${backofficeURL}/service/calendar?year=2026`);
  await expect(desk.getByRole("heading", { name: "服务时限日历" })).toBeVisible();
  await expect(desk.getByText("国务院办公厅每年公布下一年的节假日安排")).toBeVisible();
  await expect(desk.getByRole("row").filter({ hasText: "国庆节" })).toHaveCount(7);

  // a date already in the calendar is refused with a translated message, nothing changes
  await desk.getByLabel("日期").fill("2026-10-01");
  await desk.getByLabel("类型").selectOption("workday");
  await desk.getByLabel("中文名称").fill("调休");
  await desk.getByLabel("英文名称").fill("Make-up");
  await desk.getByRole("button", { name: "添加日期" }).click();
  await expect(desk.getByText("该日期已在日历中，如需修改请先删除")).toBeVisible();
  await expect(desk.getByRole("row").filter({ hasText: "国庆节" })).toHaveCount(7);

  // a make-up Saturday in another year, then removed again
  await desk.getByLabel("日期").fill("2035-09-29");
  await desk.getByLabel("中文名称").fill("国庆调休上班");
  await desk.getByLabel("英文名称").fill("National Day make-up workday");
  await desk.getByRole("button", { name: "添加日期" }).click();
  await expect(desk.getByText("已添加 2035-09-29")).toBeVisible();
  const row = desk.getByRole("row").filter({ hasText: "2035-09-29" });
  await expect(row).toContainText("调休上班");
  await expect(row).toContainText("周六");
  await checkA11y(desk);
  await desk.screenshot({ path: "docs/screenshots/backoffice-sla-calendar.png", fullPage: true });
  await desk.getByRole("button", { name: "删除 2035-09-29" }).click();
  await expect(desk.getByText("已删除 2035-09-29")).toBeVisible();
  await expect(desk.getByText("2035 年尚未录入节假日或调休。")).toBeVisible();
});

test("a technician's live queue answers 304 while nothing changes and shows the desk's escalation without a reload", async ({ browser }) => {
  const tech = await as(browser, "portal", "tech@demo.cn", "/service/queue");
  const row = tech.getByRole("row").filter({ hasNotText: "已升级" }).filter({ has: tech.getByRole("link", { name: /^RMA-/ }) }).last();
  const number = (await row.getByRole("link").first().textContent())!.trim();
  const unchanged = await tech.waitForResponse((r) => r.url().endsWith("/service/queue/version"), { timeout: 20_000 });
  expect(unchanged.status()).toBe(304);
  await tech.screenshot({ path: "docs/screenshots/portal-station-queue.png", fullPage: true });

  const desk = await as(browser, "backoffice", "service@demo.cn", `/service/requests?q=${number}`);
  await desk.getByRole("link", { name: number }).click();
  await desk.getByRole("button", { name: "升级处理" }).click();
  await expect(desk.getByText("已升级").first()).toBeVisible();

  // the next poll sees a new version and the list reloads in place
  const changed = await tech.waitForResponse((r) => r.url().endsWith("/service/queue/version"), { timeout: 20_000 });
  expect(changed.status()).toBe(200);
  await expect(tech.getByRole("row").filter({ has: tech.getByRole("link", { name: number }) })).toContainText("已升级", { timeout: 10_000 });
});

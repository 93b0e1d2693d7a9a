import type { Browser } from "@playwright/test";
import { backofficeURL, checkA11y, expect, pageAs, test } from "./fixtures";

/**
 * Issue 6, the desk's side of the network: the service desk writes and publishes a knowledge-base
 * article that a customer then finds in the portal by a Chinese substring; the desk edits a
 * station's service profile and looks at the dashboard, the warranty contracts and a serial's history.
 */
async function as(browser: Browser, app: "portal" | "backoffice", login: string, path?: string) {
  return pageAs(browser, app, login, { viewport: { width: 1280, height: 900 } }, path);
}

const title = `投影仪开机后自动关机 ${Date.now().toString(36)}`;

test("the desk publishes a knowledge-base article and a customer finds it by a Chinese substring", async ({ browser }) => {
  const desk = await as(browser, "backoffice", "service@demo.cn", "/service/knowledge");
  await desk.getByRole("link", { name: "新建文章" }).click();
  // bad input first: an unknown SKU is a field error and nothing is saved
  await desk.getByLabel("标题").fill(title);
  await desk.getByLabel("故障现象").fill("开机约五分钟后自动关机，风扇声音变大");
  await desk.getByLabel("原因").fill("进风口积灰导致过热保护");
  await desk.getByLabel("解决方法").fill("清洁滤网与风道，确认风扇转速正常");
  await desk.getByLabel("适用产品（SKU）").fill("NO-SUCH-SKU");
  await desk.getByRole("button", { name: "保存" }).click();
  await expect(desk.getByText("有 SKU 不存在，请检查拼写")).toBeVisible();
  await desk.getByLabel("适用产品（SKU）").fill("");
  await desk.getByRole("button", { name: "保存" }).click();
  await expect(desk.getByText("文章已保存为草稿")).toBeVisible();
  await desk.getByRole("button", { name: "发布" }).click();
  await expect(desk.getByText("文章已发布")).toBeVisible();
  await checkA11y(desk);
  await desk.screenshot({ path: "test-results/service-knowledge-article.png", fullPage: true });

  const customer = await as(browser, "portal", "customer@demo.cn", "/knowledge");
  await customer.getByRole("searchbox", { name: "搜索" }).fill("自动关机");
  await customer.getByRole("button", { name: "搜索" }).click();
  await customer.getByRole("link", { name: title }).click();
  await expect(customer.getByText("清洁滤网与风道，确认风扇转速正常")).toBeVisible();
  await checkA11y(customer);
  await customer.screenshot({ path: "test-results/service-knowledge-portal.png", fullPage: true });
});

test("the desk keeps a station's service profile and reads the dashboard, contracts and history", async ({ browser }) => {
  const desk = await as(browser, "backoffice", "service@demo.cn", "/service/stations");
  await desk.getByRole("link", { name: "RS-001" }).click();
  await desk.getByLabel("日处理能力（单/天）").fill("15");
  await desk.getByLabel("周日").fill("18:00-09:00");
  await desk.getByRole("button", { name: "保存" }).click();
  await expect(desk.getByText("格式如 09:00-18:00，多个时段用逗号分隔，时段不能重叠")).toBeVisible();
  await desk.getByLabel("周日").fill("");
  await desk.getByRole("button", { name: "保存" }).click();
  await expect(desk.getByText("服务档案已保存")).toBeVisible();
  await expect(desk.getByLabel("日处理能力（单/天）")).toHaveValue("15");
  await checkA11y(desk);
  await desk.screenshot({ path: "test-results/service-station.png", fullPage: true });

  await desk.goto(`${backofficeURL}/service/dashboard`);
  await expect(desk.getByRole("heading", { name: "售后服务看板" })).toBeVisible();
  await expect(desk.getByText("一次修复率").first()).toBeVisible();
  await desk.screenshot({ path: "test-results/service-dashboard.png", fullPage: true });

  await desk.goto(`${backofficeURL}/service/warranty`);
  await expect(desk.getByRole("heading", { name: "保修合同" })).toBeVisible();
  await desk.goto(`${backofficeURL}/service/history?serial=NOPE-0000`);
  await expect(desk.getByText("没有该序列号的报修、保修或登记记录。")).toBeVisible();
});

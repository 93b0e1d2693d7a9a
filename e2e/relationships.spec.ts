import { expect, pageAs, test } from "./fixtures";

/** A wall-clock time in China `minutes` from now, as a datetime-local input takes it. */
function chinaTime(minutes: number) {
  const at = new Date(Date.now() + minutes * 60_000 + 8 * 3_600_000);
  return at.toISOString().slice(0, 16);
}

test("a salesperson logs a visit with a follow-up task, finds it in my day, and opens the customer 360 page", async ({ page, login, browser, checkA11y }) => {
  await login("backoffice", "sales.bj@demo.cn");
  await page.getByRole("searchbox", { name: "全站查找" }).fill("DL-0001");
  await page.keyboard.press("Enter");
  await page.getByRole("link", { name: "天津长风电脑有限公司" }).click();
  await expect(page).toHaveURL(/\/organizations\/[0-9a-f-]{36}$/);
  const orgUrl = page.url();

  // A task due in the past is refused with a translated message, and nothing is listed.
  const taskForm = page.getByRole("form", { name: "新建任务" });
  await taskForm.getByRole("textbox", { name: "任务", exact: true }).fill("过期的任务");
  await taskForm.getByLabel("截止时间").fill(chinaTime(-60));
  await taskForm.getByRole("button", { name: "新建任务" }).click();
  await expect(taskForm.getByText("截止时间不能早于现在")).toBeVisible();
  await expect(page.getByText("过期的任务", { exact: true })).toHaveCount(0);

  // The visit, entered in a few fields, with its follow-up a few minutes from now (so: today).
  const visit = page.getByRole("form", { name: "记录联系" });
  await visit.getByLabel("方式").selectOption({ label: "拜访" });
  await visit.getByLabel("内容").fill("拜访采购经理，演示新款商用笔记本");
  await visit.getByLabel("结果").fill("客户有意向采购 20 台");
  await visit.getByLabel("下一步").fill("发送商用笔记本报价单");
  await visit.getByLabel("跟进时间（生成任务）").fill(chinaTime(5));
  await visit.getByRole("button", { name: "记录联系" }).click();
  await expect(page.getByText("已记录联系，并生成跟进任务。")).toBeVisible();
  await expect(page.getByText("拜访采购经理，演示新款商用笔记本")).toBeVisible();
  await checkA11y();

  // My day on the home page, and as its own page.
  await page.goto("/");
  const card = page.getByRole("heading", { name: "我的今日" });
  await expect(card).toBeVisible();
  await expect(page.getByRole("link", { name: /发送商用笔记本报价单 · 天津长风电脑有限公司/ })).toBeVisible();
  await page.getByRole("link", { name: "打开我的今日" }).click();
  await expect(page).toHaveURL(/\/my-day$/);
  await expect(page.getByText("发送商用笔记本报价单")).toBeVisible();
  await checkA11y();
  await page.screenshot({ path: "docs/screenshots/backoffice-my-day.png", fullPage: true });

  // The customer 360 page: its sections and the visit on the merged timeline.
  await page.goto(orgUrl);
  await page.getByRole("link", { name: "客户全景" }).click();
  await expect(page.getByRole("heading", { name: "客户全景：天津长风电脑有限公司" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "信用与余额" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /近期订单/ })).toBeVisible();
  await expect(page.getByRole("list", { name: "时间线" }).getByRole("link", { name: "联系 · 拜访" }).first()).toBeVisible();
  await checkA11y();
  await page.screenshot({ path: "docs/screenshots/backoffice-customer-360.png", fullPage: true });

  // Done from my day: gone from the list.
  await page.goto("/my-day");
  await page.getByRole("button", { name: "完成：发送商用笔记本报价单" }).click();
  await expect(page.getByText("任务已完成。")).toBeVisible();
  await expect(page.getByRole("button", { name: "完成：发送商用笔记本报价单" })).toHaveCount(0);

  // Shanghai's salesperson cannot open this Beijing account's 360 page by URL.
  const other = await pageAs(browser, "backoffice", "sales.sh@demo.cn", {}, `${new URL(orgUrl).pathname}/360`);
  await expect(other.getByRole("heading", { name: /客户全景/ })).toHaveCount(0);
  await expect(other.getByText("拜访采购经理，演示新款商用笔记本")).toHaveCount(0);
});

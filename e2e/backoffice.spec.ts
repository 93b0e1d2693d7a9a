import { backofficeURL, expect, portalURL, signIn, test } from "./fixtures";

test("staff signs in, filters organizations, edits one and sees the audit entry", async ({ page, checkA11y }) => {
  await signIn(page, "backoffice", "sales.bj@demo.cn");
  await checkA11y();
  await page.goto(`${backofficeURL}/organizations`);
  await expect(page.getByRole("heading", { name: "客户档案" })).toBeVisible();
  await checkA11y();

  await page.getByRole("combobox", { name: "类型" }).selectOption("dealer");
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/kind=dealer/);
  const rows = page.locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  // A Beijing sales user only ever sees Beijing-branch dealers.
  for (const branch of await rows.locator("td:nth-child(4)").allTextContents()) expect(branch).toContain("北京分公司");
  await page.screenshot({ path: "docs/screenshots/backoffice-organizations.png" });

  await rows.first().getByRole("link").click();
  await expect(page.getByRole("heading", { name: "基本信息" })).toBeVisible();
  await checkA11y();
  const detailUrl = page.url();
  await page.getByRole("link", { name: "编辑" }).first().click();
  await checkA11y();

  const phone = page.getByLabel("电话");
  await phone.fill("12345");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("请输入有效的手机号或固定电话")).toBeVisible();

  await phone.fill("010-66778899");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page).toHaveURL(new RegExp(`${detailUrl}\\?done=`));
  await expect(page.getByText("单位资料已保存")).toBeVisible();
  const trail = page.getByRole("region", { name: "变更记录" }).or(page.locator("section", { hasText: "变更记录" }));
  await expect(trail.getByText("010-66778899")).toBeVisible();
  await expect(trail.getByText("张伟")).toBeVisible();
  await page.screenshot({ path: "docs/screenshots/backoffice-organization.png", fullPage: true });
});

test("CSV export streams every organization matching the filter", async ({ page, login }) => {
  await login("backoffice", "admin@demo.cn");
  const response = await page.request.get(`${backofficeURL}/organizations/export.csv?kind=master_distributor`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/csv");
  const lines = (await response.text()).trim().split("\n");
  // A header and the three seeded master distributors, although the page shows 20 rows at most.
  expect(lines).toHaveLength(4);
  expect(lines[0]).toContain("编码");
});

test("a partner is refused at the back-office with a clear message", async ({ page, checkA11y }) => {
  await page.goto(`${backofficeURL}/login`);
  await page.getByLabel("手机号或邮箱").fill("dealer@demo.cn");
  await page.getByLabel("密码").fill("Demo@2026");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("alert")).toContainText("请使用渠道伙伴门户登录");
  await expect(page).toHaveURL(/\/login/);
  await checkA11y();
});

test("wrong credentials never say which part was wrong", async ({ page }) => {
  await page.goto(`${backofficeURL}/login`);
  await page.getByLabel("手机号或邮箱").fill("nobody@demo.cn");
  await page.getByLabel("密码").fill("whatever1");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("alert")).toHaveText("账号或密码不正确。");
  await page.getByLabel("手机号或邮箱").fill("admin@demo.cn");
  await page.getByLabel("密码").fill("wrong-password1");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("alert")).toHaveText("账号或密码不正确。");
});

test("the language switch turns the app into English and is remembered", async ({ page, login }) => {
  await login("backoffice", "admin@demo.cn");
  await page.getByLabel("语言").selectOption("en");
  await expect(page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Customers" })).toBeVisible();
  await page.goto(`${backofficeURL}/products`);
  await expect(page.getByRole("heading", { name: "Product catalogue" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.screenshot({ path: "docs/screenshots/backoffice-products-en.png" });
  await page.getByLabel("Language").selectOption("zh-CN");
  await expect(page.getByRole("heading", { name: "产品目录" })).toBeVisible();
});

test("security headers are on every response and unknown pages get a translated 404", async ({ page, login }) => {
  const response = await page.goto(`${backofficeURL}/login`);
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  await login("portal", "buyer@demo.cn");
  const missing = await page.goto(`${portalURL}/no-such-page`);
  expect(missing!.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
});

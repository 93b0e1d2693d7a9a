import { eq } from "drizzle-orm";
import { contacts, createDatabase, users } from "@cs/db";
import { backofficeURL, expect, pageAs, portalURL, signIn, test } from "./fixtures";
import { e2eDatabaseUrl } from "./urls";

test("a dealer signs in and edits its company's contact", async ({ page, login, checkA11y }) => {
  await login("portal", "dealer@demo.cn");
  await checkA11y();
  await page.screenshot({ path: "docs/screenshots/portal-home.png" });
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "公司", exact: true }).click();
  await expect(page.getByRole("heading", { name: "联系人" })).toBeVisible();
  await checkA11y();

  const firstContact = page.locator("table tbody tr").first();
  const name = (await firstContact.locator("td").first().textContent())!.replace("主要联系人", "").trim();
  await firstContact.getByRole("link", { name: `编辑 ${name}` }).click();
  await checkA11y();
  const form = page.locator("form", { has: page.locator("input[name=intent][value=saveContact]") });
  await form.getByLabel("职务").fill("销售总监");
  await form.getByLabel("手机").fill("1381234");
  await form.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("请输入有效的 11 位手机号")).toBeVisible();
  await form.getByLabel("手机").fill("13812345678");
  await form.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("联系人已保存")).toBeVisible();
  await expect(page.getByRole("cell", { name: "销售总监" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "13812345678" })).toBeVisible();
  await page.screenshot({ path: "docs/screenshots/portal-company.png", fullPage: true });
});

test("a dealer typing another organization's URL gets 404", async ({ page, login, browser }) => {
  // Find another dealer's id the way an attacker might have learnt it: from staff screens.
  const staff = await pageAs(browser, "backoffice", "admin@demo.cn");
  await staff.goto(`${backofficeURL}/organizations?q=DL-0002`);
  const href = await staff.locator("tbody a").first().getAttribute("href");
  const otherId = href!.split("/").pop()!;
  await staff.context().close();

  await login("portal", "dealer@demo.cn", "/company");
  const csrf = await page.locator("input[name=_csrf]").first().getAttribute("value");
  const response = await page.goto(`${portalURL}/company/${otherId}`);
  expect(response!.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
  // Nor can a crafted form change it: the other organization's contacts are as they were.
  const db = createDatabase(e2eDatabaseUrl, { max: 1 });
  try {
    const before = await db.select().from(contacts).where(eq(contacts.organizationId, otherId)).orderBy(contacts.id);
    const post = await page.request.post(`${portalURL}/company/${otherId}`, {
      form: { _csrf: csrf ?? "", intent: "saveContact", _key: "attack-key-000001", name: "攻击者", mobile: "13900000000" },
    });
    expect(post.status()).toBe(404);
    expect(await db.select().from(contacts).where(eq(contacts.organizationId, otherId)).orderBy(contacts.id)).toEqual(before);
  } finally {
    await db.$client.end({ timeout: 5 });
  }
});

test("a form posted without the CSRF token changes nothing", async ({ page, login }) => {
  await login("portal", "dealer@demo.cn");
  const db = createDatabase(e2eDatabaseUrl, { max: 1 });
  try {
    const hash = async () => (await db.select({ h: users.passwordHash }).from(users).where(eq(users.login, "dealer@demo.cn")))[0]!.h;
    const before = await hash();
    const response = await page.request.post(`${portalURL}/account`, {
      form: { current: "Demo@2026", next: "Hacked@2027", confirm: "Hacked@2027" },
    });
    expect(response.status()).toBe(403);
    // the password is the one it was
    expect(await hash()).toBe(before);
  } finally {
    await db.$client.end({ timeout: 5 });
  }
});

test("an end customer registers, is signed in, signs out and back in", async ({ page, checkA11y }) => {
  await page.goto(`${portalURL}/register`);
  await checkA11y();
  await page.getByLabel("姓名").fill("测试客户");
  await page.getByLabel("手机号或邮箱").fill("13700001234");
  await page.getByRole("textbox", { name: "密码", exact: true }).or(page.locator("input[name=password]")).first().fill("short");
  await page.getByLabel("确认密码").fill("short");
  await page.getByRole("button", { name: "创建账户" }).click();
  // every error at once: the short password and the missing consent to the privacy notice
  await expect(page.getByText("密码至少 8 位")).toBeVisible();
  await expect(page.getByText("请阅读并同意隐私政策后再注册")).toBeVisible();
  await expect(page.getByLabel("姓名")).toHaveValue("测试客户");
  await page.getByRole("checkbox", { name: /我已阅读并同意/ }).check();

  await page.getByRole("textbox", { name: "密码", exact: true }).or(page.locator("input[name=password]")).first().fill("Customer2026");
  await page.getByLabel("确认密码").fill("Customer2026");
  await page.getByRole("button", { name: "创建账户" }).click();
  await expect(page).toHaveURL(`${portalURL}/register/verify`);
  await expect(page.getByRole("heading", { name: "验证您的手机号或邮箱" })).toBeVisible();
  await expect(page.getByText("137****1234")).toBeVisible();
  await checkA11y();
  await page.getByRole("link", { name: "稍后验证" }).click();
  await expect(page).toHaveURL(`${portalURL}/`);
  await expect(page.getByRole("heading", { name: "您好，测试客户" })).toBeVisible();
  await expect(page.getByRole("link", { name: "去验证" })).toBeVisible();
  await checkA11y();

  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("手机号或邮箱").fill("+86 137 0000 1234");
  await page.getByLabel("密码").fill("Customer2026");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("heading", { name: "您好，测试客户" })).toBeVisible();
});

test("a replayed cookie after sign-out is no longer a session", async ({ page, context }) => {
  // Its own sign-in: signing out ends the session, so the run's stored one must not be used here.
  await signIn(page, "portal", "buyer@demo.cn");
  const cookies = await context.cookies();
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/login/);
  await context.addCookies(cookies);
  await page.goto(`${portalURL}/company`);
  await expect(page).toHaveURL(/\/login/);
});

test("staff are refused at the portal with a clear message", async ({ page }) => {
  await page.goto(`${portalURL}/login`);
  await page.getByLabel("手机号或邮箱").fill("admin@demo.cn");
  await page.getByLabel("密码").fill("Demo@2026");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("alert")).toContainText("公司员工请使用渠道管理后台登录");
  await page.screenshot({ path: "docs/screenshots/portal-login.png" });
});

import type { Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { complaints, createDatabase, organizations, surveys, users } from "@cs/db";
import { surveyCare } from "@cs/domain";
import { backofficeURL, checkA11y, expect, pageAs, portalURL, test } from "./fixtures";
import { e2eDatabaseUrl } from "./urls";

/**
 * Satisfaction as its users meet it: a dealer answers the quarter's NPS survey with one tap on its
 * phone and cannot answer it twice; a dealer files a complaint that the service desk resolves, the
 * dealer reads the answer, and another dealer cannot open it. Chinese and English.
 */
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const desk = { viewport: { width: 1366, height: 900 } };
const noSidewaysScroll = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
const shanghaiToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

test("zh-CN: a dealer answers the quarter's NPS survey with one tap on its phone, once", async ({ browser }) => {
  const db = createDatabase(e2eDatabaseUrl, { max: 1 });
  try {
    // what the worker's care run does each day (idempotent: it may have run already)
    await surveyCare(db, shanghaiToday());
    const [org] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, "DL-0001"));
    const [survey] = await db
      .select({ id: surveys.id, login: users.login })
      .from(surveys)
      .innerJoin(users, eq(users.id, surveys.respondentUserId))
      .where(and(eq(surveys.organizationId, org!.id), eq(surveys.kind, "nps")));
    expect(survey?.login).toBe("dealer@demo.cn");

    const dealer = await pageAs(browser, "portal", "dealer@demo.cn", phone, "/surveys");
    await expect(dealer.getByRole("heading", { name: "满意度调查", level: 1 })).toBeVisible();
    const stale = await dealer.context().newPage();
    await stale.goto(`${portalURL}/surveys`);
    await noSidewaysScroll(dealer);
    await checkA11y(dealer);

    await dealer.getByRole("button", { name: "9 分", exact: true }).click();
    await expect(dealer.getByText("感谢您的反馈！")).toBeVisible();
    await expect(dealer.getByText("您的评分：9")).toBeVisible();

    // a page opened before the answer cannot answer again
    await stale.getByRole("button", { name: "3 分", exact: true }).click();
    await expect(stale.getByText("该调查已经回答过，不能重复提交。").first()).toBeVisible();
    const [row] = await db.select({ score: surveys.score }).from(surveys).where(eq(surveys.id, survey!.id));
    expect(row?.score).toBe(9);

    // management reads it on the satisfaction page
    const manager = await pageAs(browser, "backoffice", "manager@demo.cn", desk, "/satisfaction");
    await expect(manager.getByRole("heading", { name: "客户满意度", level: 1 })).toBeVisible();
    await expect(manager.getByText("推荐意愿（NPS）").first()).toBeVisible();
    await checkA11y(manager);
  } finally {
    await db.$client.end();
  }
});

test("en: a dealer files a complaint, the service desk resolves it, the dealer reads the answer and another dealer cannot open it", async ({ browser }) => {
  const db = createDatabase(e2eDatabaseUrl, { max: 1 });
  const en = { locale: "en-US" };
  const subject = `Late delivery ${Date.now().toString(36)}`;
  try {
    const dealer = await pageAs(browser, "portal", "dealer@demo.cn", { ...phone, ...en }, "/complaints/new");
    await expect(dealer.getByRole("heading", { name: "File a complaint", level: 1 })).toBeVisible();
    await dealer.getByLabel("Category").selectOption({ label: "Delivery" });
    await dealer.getByLabel("Severity").selectOption({ label: "High" });
    await dealer.getByLabel("Subject").fill(subject);
    await dealer.getByLabel("Details").fill("The monitors arrived three days after the promised date.");
    await noSidewaysScroll(dealer);
    await dealer.getByRole("button", { name: "File", exact: true }).click();
    await expect(dealer.getByText(/Complaint TS-\d{4}-\d+ filed; we will handle it soon\./)).toBeVisible();
    const [filed] = await db.select({ id: complaints.id, number: complaints.number, dueAt: complaints.dueAt }).from(complaints).where(eq(complaints.subject, subject));
    expect(filed!.dueAt.getTime()).toBeGreaterThan(Date.now());

    const other = await pageAs(browser, "portal", "dealer2@demo.cn", en, "/complaints");
    await expect(other.getByText(subject)).toHaveCount(0);
    expect((await other.goto(`${portalURL}/complaints/${filed!.id}`))?.status()).toBe(404);

    const desk1 = await pageAs(browser, "backoffice", "service@demo.cn", { ...desk, ...en }, "/complaints");
    await desk1.getByRole("link", { name: new RegExp(filed!.number) }).first().click();
    await expect(desk1.getByRole("heading", { name: new RegExp(filed!.number), level: 1 })).toBeVisible();
    await desk1.getByLabel("Resolution").fill("Carrier changed for your region; a goodwill coupon is on its way.");
    await desk1.getByRole("button", { name: "Resolve and reply" }).click();
    await expect(desk1.getByText("Complaint resolved; the complainant has been told.")).toBeVisible();
    await checkA11y(desk1);

    await dealer.goto(`${portalURL}/complaints/${filed!.id}`);
    await expect(dealer.getByText("Resolved").first()).toBeVisible();
    await expect(dealer.getByText("Carrier changed for your region")).toBeVisible();
    await noSidewaysScroll(dealer);
    expect((await desk1.goto(`${backofficeURL}/complaints/${filed!.id}`))?.status()).toBe(200);
  } finally {
    await db.$client.end();
  }
});

import type { Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { createDatabase, paymentNotices, payments } from "@cs/db";
import { agingOf, yuanText } from "./figures";
import { backofficeURL, checkA11y, expect, pageAs, portalURL, test } from "./fixtures";
import { e2eDatabaseUrl } from "./urls";

/**
 * A dealer on a phone tells finance about a bank transfer with the receipt picture; finance sees
 * it, opens the receipt and confirms it into a payment; the dealer's balance drops by exactly the
 * amount and the notice says which payment it became. Another dealer reaches none of it.
 */
const reference = `E2E-PN-${Date.now().toString(36).toUpperCase()}`;
// a 1×1 PNG: what a phone's screenshot of the bank app is, in miniature
const receipt = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

const noSidewaysScroll = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);

test("a dealer notifies a transfer from its phone, finance confirms it into a payment, and the balance moves by exactly that", async ({ browser }) => {
  test.setTimeout(150_000);
  const db = createDatabase(e2eDatabaseUrl, { max: 1 });
  try {
    const before = await agingOf(db, "DL-0001");

    const dealer = await pageAs(browser, "portal", "dealer@demo.cn", phone, "/finance/payment-notices");
    await expect(dealer.getByRole("heading", { name: "付款通知", level: 1 })).toBeVisible();
    await dealer.getByRole("link", { name: "通知付款" }).click();
    // a refused notice keeps what was typed and says what is wrong
    await dealer.getByLabel("转账金额（元）").fill("0");
    await dealer.getByLabel("银行流水号 / 回单号").fill(reference);
    await dealer.getByRole("button", { name: "提交付款通知" }).click();
    await expect(dealer.getByText("金额必须大于 0")).toBeVisible();
    await expect(dealer.getByLabel("银行流水号 / 回单号")).toHaveValue(reference);
    expect(await db.$count(paymentNotices, eq(paymentNotices.reference, reference))).toBe(0);

    await dealer.getByLabel("转账金额（元）").fill("1,200.00");
    await dealer.getByLabel("转账回单（图片，可选）").setInputFiles({ name: "回单.png", mimeType: "image/png", buffer: receipt });
    await noSidewaysScroll(dealer);
    await checkA11y(dealer);
    await dealer.screenshot({ path: "docs/screenshots/portal-payment-notice-phone.png", fullPage: true });
    await dealer.getByRole("button", { name: "提交付款通知" }).click();
    await expect(dealer.getByText(/付款通知 PN-\d{4}-\d{6} 已提交/)).toBeVisible();
    const number = ((await dealer.getByText(/付款通知 PN-\d{4}-\d{6} 已提交/).textContent()) ?? "").match(/PN-\d{4}-\d{6}/)![0];
    const mine = dealer.getByRole("listitem").filter({ hasText: number });
    await expect(mine).toContainText("¥1,200.00");
    await expect(mine).toContainText("待确认");
    await noSidewaysScroll(dealer);
    const receiptURL = `${portalURL}${await mine.getByRole("link", { name: "查看回单" }).getAttribute("href")}`;
    // the account page says a notice waits, and counts nothing as paid yet
    await dealer.goto(`${portalURL}/finance`);
    await expect(dealer.getByRole("link", { name: /笔付款通知待财务确认/ })).toBeVisible();
    await expect(dealer.getByRole("definition").first()).toHaveText(yuanText(before.balance));

    // another dealer: the receipt is not found
    const other = await pageAs(browser, "portal", "dealer2@demo.cn", {}, "/finance/payment-notices");
    await expect(other.getByRole("listitem").filter({ hasText: number })).toHaveCount(0);
    expect((await other.goto(receiptURL))?.status()).toBe(404);

    // finance: the pending notice, its receipt, then confirm
    const finance = await pageAs(browser, "backoffice", "finance@demo.cn", { viewport: { width: 1366, height: 900 } }, "/finance/payment-notices");
    const row = finance.getByRole("listitem").filter({ hasText: number });
    await expect(row).toContainText("DL-0001");
    await expect(row).toContainText(reference);
    const image = await finance.request.get(`${backofficeURL}${await row.getByRole("link", { name: "查看回单" }).getAttribute("href")}`);
    expect(image.status()).toBe(200);
    expect(image.headers()["content-type"]).toBe("image/png");
    expect(Buffer.from(await image.body()).equals(receipt)).toBe(true);
    await checkA11y(finance);
    await finance.screenshot({ path: "docs/screenshots/backoffice-payment-notices.png", fullPage: true });
    await row.getByRole("button", { name: `确认到账并登记回款 ${number}` }).click();
    await expect(finance.getByText(new RegExp(`付款通知 ${number} 已确认，回款 PAY-\\d{4}-\\d{6} 已登记`))).toBeVisible();
    const [notice] = await db.select({ status: paymentNotices.status, paymentId: paymentNotices.paymentId }).from(paymentNotices).where(eq(paymentNotices.reference, reference));
    expect(notice?.status).toBe("confirmed");
    const [payment] = await db.select({ number: payments.number, amountFen: payments.amountFen }).from(payments).where(eq(payments.id, notice!.paymentId!));
    expect(payment?.amountFen).toBe(120_000n);

    // the dealer: the notice names its payment, and the balance is ¥1,200.00 less
    await dealer.goto(`${portalURL}/finance/payment-notices`);
    await expect(dealer.getByRole("listitem").filter({ hasText: number })).toContainText(`已登记为回款 ${payment!.number}`);
    await dealer.goto(`${portalURL}/finance`);
    await expect(dealer.getByRole("definition").first()).toHaveText(yuanText(before.balance - 120_000n));
    await expect(dealer.getByRole("link", { name: /笔付款通知待财务确认/ })).toHaveCount(0);
  } finally {
    await db.$client.end({ timeout: 5 });
  }
});

import type { Browser } from "@playwright/test";
import { backofficeURL, checkA11y, expect, pageAs, portalURL, test } from "./fixtures";

/**
 * Co-marketing funds end to end on the seeded data: DL-0002's admin applies in the portal, a manager
 * approves part of it (committing the branch's pool), the partner claims with a PDF invoice, the
 * manager approves the claim, and the partner's rebate balance shows the credit.
 */

async function as(browser: Browser, app: "portal" | "backoffice", login: string, path?: string) {
  return pageAs(browser, app, login, { viewport: { width: 1280, height: 800 } }, path);
}

const fen = (text: string | null) => {
  const digits = (text ?? "").replace(/[^\d.]/g, "");
  const [yuan = "0", cents = "0"] = digits.split(".");
  return BigInt(yuan) * 100n + BigInt(cents.padEnd(2, "0").slice(0, 2));
};

const invoicePdf = { name: "invoice.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n") };

test("a partner applies for marketing funds, staff approve part, the partner claims with an invoice, staff approve and the rebate balance shows it", async ({ browser }) => {
  test.setTimeout(180_000);
  const activity = `E2E 新品体验日 ${Date.now().toString(36)}`;
  const partner = await as(browser, "portal", "dealer2@demo.cn", "/rebates");
  const before = fen(await partner.getByTestId("rebate-balance").textContent());

  // the partner applies; a zero amount is refused with a translated message first
  await partner.goto(`${portalURL}/marketing-funds`);
  await expect(partner.getByRole("heading", { name: "市场费用", level: 1 })).toBeVisible();
  await partner.getByRole("link", { name: "申请市场费用" }).click();
  await partner.getByLabel("活动内容").fill(activity);
  await partner.getByLabel("申请金额（元）").fill("0");
  await partner.getByLabel("预期效果（线索、销售额等）").fill("50 名到店客户，10 条线索");
  await partner.getByRole("button", { name: "提交申请" }).click();
  await expect(partner.getByText("金额必须大于 0")).toBeVisible();
  await partner.getByLabel("申请金额（元）").fill("1,500");
  await partner.getByRole("button", { name: "提交申请" }).click();
  await expect(partner.getByText("申请已提交，等待审批")).toBeVisible();
  await checkA11y(partner);
  const heading = (await partner.getByRole("heading", { level: 1 }).textContent()) ?? "";
  const number = heading.match(/MF-\d{4}-\d{6}/)?.[0];
  expect(number).toBeTruthy();
  const applicationPath = new URL(partner.url()).pathname;

  // a manager approves ¥1,200 of it, saying why
  const manager = await as(browser, "backoffice", "manager@demo.cn", `/marketing/funds?q=${number}`);
  await manager.getByRole("link", { name: number! }).click();
  await expect(manager.getByRole("heading", { level: 1 })).toContainText(number!);
  await manager.getByLabel("批准金额（元，留空为全额）").fill("1,200");
  await manager.getByLabel("原因（部分批准或驳回时必填）").fill("物料按实际支持");
  await manager.getByRole("button", { name: "批准", exact: true }).click();
  await expect(manager.getByText("申请已批准 ¥1,200.00，已占用预算池")).toBeVisible();
  await checkA11y(manager);
  await manager.screenshot({ path: "docs/screenshots/backoffice-marketing-fund.png", fullPage: true });

  // the partner claims: more than approved is refused with the figures, then a claim with an invoice
  await partner.goto(`${portalURL}${applicationPath}`);
  await partner.getByLabel("核销金额（元）").fill("1,300");
  await partner.getByLabel(/证明文件/).setInputFiles(invoicePdf);
  await partner.getByLabel("活动总结与费用说明").fill("到店 62 人，登记线索 12 条");
  await partner.getByRole("button", { name: "提交核销" }).click();
  await expect(partner.getByText("核销金额 ¥1,300.00 超过批准金额 ¥1,200.00")).toBeVisible();
  await partner.getByLabel("核销金额（元）").fill("1,200");
  await partner.getByLabel(/证明文件/).setInputFiles(invoicePdf);
  await partner.getByLabel("活动总结与费用说明").fill("到店 62 人，登记线索 12 条");
  await partner.getByRole("button", { name: "提交核销" }).click();
  await expect(partner.getByText("核销已提交，等待审核")).toBeVisible();
  const partnerProof = `${portalURL}${await partner.getByRole("link", { name: "invoice.pdf" }).getAttribute("href")}`;
  expect((await partner.request.get(partnerProof)).headers()["content-type"]).toBe("application/pdf");

  // another partner reaches neither the application nor its proof by URL
  const other = await as(browser, "portal", "dealer@demo.cn", "/marketing-funds");
  await expect(other.getByRole("link", { name: number! })).toHaveCount(0);
  expect((await other.request.get(`${portalURL}${applicationPath}`)).status()).toBe(404);
  expect((await other.request.get(partnerProof)).status()).toBe(404);

  // the manager sees the proof and approves the claim: it settles into the partner's rebate balance
  await manager.goto(`${backofficeURL}${new URL(manager.url()).pathname}`);
  const proof = manager.getByRole("link", { name: "invoice.pdf" });
  await expect(proof).toBeVisible();
  const file = await manager.request.get(`${backofficeURL}${await proof.getAttribute("href")}`);
  expect(file.headers()["content-type"]).toBe("application/pdf");
  await manager.getByRole("button", { name: "批准并入账" }).click();
  await expect(manager.getByText("核销已批准，¥1,200.00 已计入返利余额")).toBeVisible();

  await partner.goto(`${portalURL}/rebates`);
  await expect(partner.getByTestId("rebate-balance")).toBeVisible();
  expect(fen(await partner.getByTestId("rebate-balance").textContent())).toBe(before + 1_200_00n);
  await partner.goto(`${portalURL}${applicationPath}`);
  await expect(partner.getByText("核销已批准，¥1,200.00 已计入返利余额")).toBeVisible();
});

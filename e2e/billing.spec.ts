import type { Browser } from "@playwright/test";
import { eq } from "drizzle-orm";
import { createDatabase, organizations, type Database } from "@cs/db";
import { createConfirmedOrder, createProduct, stockUp } from "@cs/testing/orders";
import { agingOf, agingTexts } from "./figures";
import { backofficeURL, checkA11y, expect, portalURL, pageAs, test } from "./fixtures";
import { e2eDatabaseUrl } from "./urls";

/**
 * Shipping to cash on the e2e server's own database: a confirmed order of DL-0001 (made directly,
 * with its stock reserved in the Beijing warehouse) is shipped partially by the warehouse with a
 * tracking number, finance records a payment allocated to the shipment's invoice, and the dealer
 * sees the shipment, the invoice, the new balance and downloads the statement PDF.
 */
const sku = `E2E-BILL-${Date.now().toString(36).toUpperCase()}`;
const tracking = `SF${Date.now()}`;

let db: Database;
let orderNumber: string;

test.beforeAll(async () => {
  db = createDatabase(e2eDatabaseUrl, { max: 2 });
  const productId = await createProduct(db, sku, 11_300n);
  await stockUp(db, productId, "WH-BJ", 10);
  const [dealer] = await db.select().from(organizations).where(eq(organizations.code, "DL-0001"));
  const { order } = await createConfirmedOrder(db, { organizationId: dealer!.id, lines: [{ productId, quantity: 5, unitPriceFen: 11_300n }], number: `SO-E2E-${sku}` });
  orderNumber = order.number;
});

test.afterAll(async () => {
  await db?.$client.end({ timeout: 5 });
});

async function as(browser: Browser, app: "portal" | "backoffice", login: string, path?: string) {
  return pageAs(browser, app, login, { viewport: { width: 1280, height: 800 }, acceptDownloads: true }, path);
}

test("the warehouse ships part of an order, finance records the payment, and the dealer sees shipment, invoice, balance and statement", async ({ browser }) => {
  test.setTimeout(240_000);

  // warehouse: 2 of 5 units, with carrier and tracking number
  const warehouse = await as(browser, "backoffice", "warehouse@demo.cn", "/shipping");
  await warehouse.getByRole("link", { name: orderNumber }).click();
  await expect(warehouse.getByRole("heading", { name: `订单 ${orderNumber} 发货` })).toBeVisible();
  await warehouse.getByLabel(`${sku} 本次发货数量`).fill("2");
  await warehouse.getByLabel("承运商").fill("顺丰速运");
  await warehouse.getByLabel("运单号").fill(tracking);
  await checkA11y(warehouse);
  await warehouse.screenshot({ path: "docs/screenshots/backoffice-shipment-form.png", fullPage: true });
  await warehouse.getByRole("button", { name: "确认发货并开票" }).click();
  await warehouse.waitForURL(/\/shipping\/shipments\/[0-9a-f-]{36}\?done=shipped/);
  const notice = await warehouse.getByText(/已发货，发票 INV-\d{4}-\d{6} 已开具/).textContent();
  const invoiceNumber = notice!.match(/INV-\d{4}-\d{6}/)![0];
  await expect(warehouse.getByText(tracking)).toBeVisible();
  await checkA11y(warehouse);
  await warehouse.screenshot({ path: "docs/screenshots/backoffice-shipment.png", fullPage: true });

  // finance: ¥100.00 of the ¥226.00 invoice
  const finance = await as(browser, "backoffice", "finance@demo.cn", `/finance/invoices?q=${invoiceNumber}`);
  await finance.getByRole("link", { name: invoiceNumber }).click();
  await expect(finance.getByRole("cell", { name: "¥226.00" }).first()).toBeVisible();
  // 13% VAT split of 226.00: tax 26.00, net 200.00
  await expect(finance.getByRole("cell", { name: "¥26.00" }).first()).toBeVisible();
  await checkA11y(finance);
  await finance.screenshot({ path: "docs/screenshots/backoffice-invoice.png", fullPage: true });
  await finance.goto(`${backofficeURL}/finance/payments/new`);
  await finance.getByLabel("客户").selectOption({ label: (await finance.getByRole("option", { name: /^DL-0001 / }).textContent())! });
  await finance.getByRole("button", { name: "显示未结发票" }).click();
  await finance.getByLabel("金额（元）").fill("100");
  await finance.getByLabel("摘要 / 流水号").fill("招行回单 E2E");
  await finance.getByLabel(`分配到 ${invoiceNumber} 的金额`).fill("100");
  await checkA11y(finance);
  await finance.screenshot({ path: "docs/screenshots/backoffice-record-payment.png", fullPage: true });
  await finance.getByRole("button", { name: "登记回款" }).click();
  await finance.waitForURL(/\/finance\/payments\?q=PAY-/);
  // the list has rendered (the URL changes before the new page does)
  await expect(finance.getByRole("heading", { name: "回款", exact: true })).toBeVisible();
  await expect(finance.getByRole("cell", { name: invoiceNumber, exact: true })).toBeVisible();
  // DL-0001's aging row: each bucket, its credit and its balance as the rows add up today
  const aging = agingTexts(await agingOf(db, "DL-0001"));
  expect(aging[0]).not.toBe("¥0.00");
  await finance.goto(`${backofficeURL}/finance/aging?q=DL-0001`);
  const agingRow = finance.getByRole("row").filter({ has: finance.getByRole("link", { name: /DL-0001/ }) });
  for (const [i, text] of aging.entries()) await expect(agingRow.getByRole("cell").nth(i + 1)).toHaveText(text);
  await checkA11y(finance);
  // the demo receivables fill every bucket; per branch too
  await finance.goto(`${backofficeURL}/finance/aging`);
  await expect(finance.locator("tbody tr").first()).toBeVisible();
  await finance.screenshot({ path: "docs/screenshots/backoffice-aging.png", fullPage: true });
  await finance.goto(`${backofficeURL}/finance/aging?by=branch`);
  await expect(finance.getByRole("cell", { name: /北京/ }).first()).toBeVisible();

  // the dealer: shipment with tracking, invoice with ¥126.00 open, balance, statement PDF
  const dealer = await as(browser, "portal", "dealer@demo.cn", "/finance/shipments");
  await expect(dealer.getByRole("cell", { name: tracking })).toBeVisible();
  await dealer.goto(`${portalURL}/finance/invoices`);
  await dealer.getByRole("link", { name: invoiceNumber }).click();
  // the list shows ¥126.00 open as well: read it on the invoice's own page
  await dealer.waitForURL(/\/finance\/invoices\/[0-9a-f-]{36}$/);
  await expect(dealer.getByRole("heading", { level: 1 })).toContainText(invoiceNumber);
  await expect(dealer.getByText("¥126.00")).toBeVisible();
  const invoiceURL = dealer.url();
  await expect(dealer.getByText("招行回单 E2E").or(dealer.getByText(/PAY-\d{4}-\d{6}/)).first()).toBeVisible();
  await checkA11y(dealer);
  await dealer.goto(`${portalURL}/finance`);
  // the balance tile and the aging table say what the rows add up to
  const overview = dealer.getByRole("definition").first();
  await expect(dealer.getByRole("term").first()).toHaveText("应收余额");
  await expect(overview).toHaveText(aging[6]!);
  const agingCells = dealer.getByRole("table", { name: "账龄" }).getByRole("cell");
  await expect(agingCells).toHaveText(aging);
  await checkA11y(dealer);
  await dealer.screenshot({ path: "docs/screenshots/portal-account.png", fullPage: true });
  const [download] = await Promise.all([dealer.waitForEvent("download"), dealer.getByRole("button", { name: "下载 PDF" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^对账单-.*\.pdf$/);
  const path = await download.path();
  const { readFile } = await import("node:fs/promises");
  const bytes = await readFile(path);
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  expect(bytes.toString("latin1")).toMatch(/\/FontName\s*\/[A-Z]{6}\+NotoSansHans-Regular/);

  // another dealer neither lists this invoice nor opens it by its address
  const other = await as(browser, "portal", "dealer2@demo.cn");
  const response = await other.goto(`${portalURL}/finance/invoices`);
  expect(response?.status()).toBe(200);
  await expect(other.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(other.getByRole("link", { name: invoiceNumber })).toHaveCount(0);
  expect((await other.goto(invoiceURL))?.status()).toBe(404);
  expect((await other.goto(`${invoiceURL}/pdf`))?.status()).toBe(404);
});

import type { Browser } from "@playwright/test";
import { createDatabase, type Database } from "@cs/db";
import { createShippedOrder } from "@cs/testing/shipped-order";
import { backofficeURL, checkA11y, expect, portalURL, pageAs, test } from "./fixtures";
import { e2eDatabaseUrl } from "./urls";

/**
 * Returns end to end on the e2e server's own database: an order of DL-0001 is confirmed and shipped
 * through the domain (the billing area's shipOrder, so the shipment, ledger and invoice are real),
 * then the dealer asks to return one unit, the order desk approves, the Beijing warehouse receives
 * it into quarantine, the dealer confirms the red-letter request in the portal (another dealer cannot
 * open it) and then sees the credit note and the notices.
 */

let db: Database;
let order: Awaited<ReturnType<typeof createShippedOrder>>;
const sku = `E2E-RMA-${Date.now().toString(36).toUpperCase()}`;

test.beforeAll(async () => {
  db = createDatabase(e2eDatabaseUrl, { max: 2 });
  order = await createShippedOrder(db, { lines: [{ sku, quantity: 2, unitPriceFen: 129_900n }] });
});

test.afterAll(async () => {
  await db?.$client.end({ timeout: 5 });
});

async function as(browser: Browser, app: "portal" | "backoffice", login: string, path?: string) {
  return pageAs(browser, app, login, { viewport: { width: 1280, height: 800 } }, path);
}

test("a dealer returns a shipped unit: the desk approves, the warehouse receives it into quarantine, the dealer confirms the red-letter request and sees the credit note", async ({ browser }) => {
  // four signed-in users in turn on a shared 2-core machine: more than the default 30 s
  // the dealer asks
  const dealer = await as(browser, "portal", "dealer@demo.cn", "/returns");
  await dealer.getByRole("link", { name: `申请退货 ${order.orderNumber}` }).click();
  await expect(dealer.getByRole("heading", { name: `订单 ${order.orderNumber} 申请退货` })).toBeVisible();
  await checkA11y(dealer);
  // more than shipped is refused with a translated message, and nothing is created
  await dealer.getByLabel(`数量 ${sku}`).fill("3");
  await dealer.getByLabel("退货原因").selectOption({ label: "质量问题" });
  await dealer.getByRole("button", { name: "提交退货申请" }).click();
  await expect(dealer.getByText("超过可退数量")).toBeVisible();
  await dealer.getByLabel(`数量 ${sku}`).fill("1");
  await dealer.getByLabel("说明").fill("开机无显示");
  await dealer.getByRole("button", { name: "提交退货申请" }).click();
  await expect(dealer.getByText("退货申请已提交")).toBeVisible();
  await expect(dealer.getByText("待审批")).toBeVisible();
  const returnUrl = new URL(dealer.url()).pathname;
  const number = ((await dealer.getByRole("heading", { level: 1 }).textContent()) ?? "").replace("退货单", "").trim();
  expect(number).toMatch(/^RMA-\d{4}-\d{6}$/);

  // the order desk hears about it and approves
  const desk = await as(browser, "backoffice", "orderdesk@demo.cn");
  await expect(desk.getByRole("link", { name: /消息通知 · \d+ 条未读/ })).toBeVisible();
  await desk.goto(`${backofficeURL}/returns?status=requested`);
  await desk.getByRole("link", { name: number }).click();
  // the list dims while the detail loads: check the detail page, not the fading list
  await expect(desk.getByRole("heading", { level: 1 })).toContainText(number);
  await checkA11y(desk);
  await desk.getByRole("button", { name: "批准" }).click();
  await expect(desk.getByText("已批准退货申请")).toBeVisible();
  await expect(desk.getByRole("button", { name: "批准" })).toHaveCount(0);

  // the Beijing warehouse receives it into quarantine
  const warehouse = await as(browser, "backoffice", "warehouse@demo.cn", "/returns?status=approved");
  await warehouse.getByRole("link", { name: number }).click();
  await warehouse.getByLabel("收货位置").selectOption({ label: "QA-WH-BJ 北京仓退货隔离区 · 隔离区" });
  await warehouse.getByLabel("收入隔离区待检").check();
  await warehouse.getByRole("button", { name: "收货", exact: true }).click();
  await expect(warehouse.getByText("已收货，红字确认单已发给客户确认")).toBeVisible();
  await expect(warehouse.getByRole("link", { name: /红字确认单 HZ-\d{4}-\d{6}：¥1,299\.00（其中税额 ¥149\.44）· 待确认/ })).toBeVisible();

  // nothing is credited until the dealer confirms the red-letter request (红字确认单) in the portal
  await dealer.goto(`${portalURL}${returnUrl}`);
  await expect(dealer.getByText("已收货", { exact: true })).toBeVisible();
  await expect(dealer.getByText(/红字发票 CN-/)).toHaveCount(0);
  await dealer.getByRole("link", { name: /红字确认单 HZ-\d{4}-\d{6}/ }).click();
  await expect(dealer.getByRole("heading", { level: 1 })).toContainText(/红字确认单 HZ-\d{4}-\d{6}/);
  const redLetterUrl = new URL(dealer.url()).pathname;
  await checkA11y(dealer);
  // another dealer cannot open it, let alone confirm it
  const other = await as(browser, "portal", "dealer2@demo.cn");
  const refused = await other.goto(`${portalURL}${redLetterUrl}`);
  expect(refused!.status()).toBe(404);
  await expect(other.getByRole("heading", { name: "页面不存在" })).toBeVisible();
  await dealer.getByRole("button", { name: "确认红字确认单" }).click();
  await expect(dealer.getByText(/已确认，红字发票 CN-\d{4}-\d{6} 已开具/)).toBeVisible();
  await expect(dealer.getByText("已确认", { exact: true })).toBeVisible();
  await expect(dealer.getByRole("button", { name: "确认红字确认单" })).toHaveCount(0);

  // the dealer sees the credit note on the return, and the notices lead to the return
  await dealer.goto(`${portalURL}${returnUrl}`);
  await expect(dealer.getByText(/红字发票 CN-\d{4}-\d{6}：¥1,299\.00（其中税额 ¥149\.44）/)).toBeVisible();
  await dealer.goto(`${portalURL}/notifications`);
  await checkA11y(dealer);
  await expect(dealer.getByRole("link", { name: `订单 ${order.orderNumber} 有退货入库` })).toBeVisible();
  await dealer.getByRole("link", { name: `退货申请 ${number} 已批准` }).click();
  await expect(dealer).toHaveURL(new RegExp(`${returnUrl}$`));
  await dealer.goto(`${portalURL}/notifications`);
  await dealer.getByRole("button", { name: "全部标为已读" }).click();
  await expect(dealer.getByText("已标为已读")).toBeVisible();
  await expect(dealer.getByRole("link", { name: "消息通知", exact: true })).toBeVisible();
});

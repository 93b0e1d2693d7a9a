import { and, desc, eq, gt } from "drizzle-orm";
import { addresses, createDatabase, organizations, productLines, products, type Database } from "@cs/db";
import { submitOrder } from "@cs/domain";
import { ctxOf, newKey, orgByCode } from "@cs/testing/demo";
import { backofficeURL, checkA11y, expect, test } from "./fixtures";
import { e2eDatabaseUrl } from "./urls";

/**
 * The order desk on the e2e server's own database: DL-0002 (Shanghai, in the desk's branches) places
 * two orders through the domain's checkout with its credit limit at ¥1, so both wait for approval
 * (over credit). The desk user approves the small one from the pending-approval queue; the large
 * one is beyond the order desk's ¥50,000 approval limit and is refused with a translated error.
 */

let db: Database;
let dealerId: string;
let creditLimit: bigint;
const small = { id: "", number: "" };
const large = { id: "", number: "" };

test.beforeAll(async () => {
  db = createDatabase(e2eDatabaseUrl, { max: 2 });
  const dealer = await orgByCode(db, "DL-0002");
  dealerId = dealer.id;
  creditLimit = dealer.creditLimitFen;
  await db.update(organizations).set({ creditLimitFen: 100n }).where(eq(organizations.id, dealer.id));
  const [address] = await db.select({ id: addresses.id }).from(addresses).where(eq(addresses.organizationId, dealer.id)).limit(1);
  // A keyboard and workstations (peripherals and computing: never routed to a master distributor in the demo), priced on the server.
  const [cheap, dear] = await Promise.all([
    db.select({ id: products.id }).from(products).where(eq(products.sku, "KM-KB-W100")),
    db
      .select({ id: products.id })
      .from(products)
      .innerJoin(productLines, eq(productLines.id, products.productLineId))
      .where(and(eq(productLines.code, "WS"), eq(products.active, true), gt(products.listPriceFen, 1_000_000n)))
      .orderBy(desc(products.listPriceFen))
      .limit(1),
  ]);
  const ctx = await ctxOf(db, "dealer2@demo.cn");
  const place = async (productId: string, quantity: number, po: string) => {
    const { orders } = await submitOrder(ctx, { _key: newKey(), shipToAddressId: address!.id, lines: [{ productId, quantity }], poNumber: po });
    return orders[0]!;
  };
  Object.assign(small, await place(cheap[0]!.id, 1, "PO-DESK-E2E-SMALL"));
  Object.assign(large, await place(dear[0]!.id, 10, "PO-DESK-E2E-LARGE"));
});

test.afterAll(async () => {
  if (dealerId) await db.update(organizations).set({ creditLimitFen: creditLimit }).where(eq(organizations.id, dealerId));
  await db?.$client.end({ timeout: 5 });
});

test("the order desk approves an over-credit order from the pending-approval queue, and is refused one beyond its limit", async ({ page, login }) => {
  await login("backoffice", "orderdesk@demo.cn");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "销售与订单" }).click();
  await page.waitForURL(/\/orders\/queue\/pending_approval/);
  await expect(page.getByRole("heading", { name: "待审批", level: 1 })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "订单队列" }).getByRole("link", { name: /^待审批 \(\d+\)$/ })).toBeVisible();

  await page.getByLabel("搜索").fill(small.number);
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await checkA11y(page);
  await page.screenshot({ path: "docs/screenshots/backoffice-order-desk.png", fullPage: true });
  await page.getByRole("link", { name: small.number }).click();

  await expect(page.getByRole("heading", { name: small.number })).toBeVisible();
  await expect(page.getByText("超出信用额度").first()).toBeVisible();
  await expect(page.getByText("信用额度", { exact: true })).toBeVisible();
  await checkA11y(page);
  await page.getByLabel("审批意见").fill("长期客户，回款记录良好，同意。");
  await page.getByRole("button", { name: "批准" }).click();
  await expect(page.getByText("订单已批准。")).toBeVisible();
  await expect(page.getByText("已确认").first()).toBeVisible();
  await expect(page.getByText("审批通过")).toBeVisible();
  await expect(page.getByRole("button", { name: "批准" })).toHaveCount(0);
  await page.screenshot({ path: "docs/screenshots/backoffice-order-approved.png", fullPage: true });

  await page.goto(`${backofficeURL}/orders/${large.id}`);
  await expect(page.getByText("您的审批额度：¥50,000.00")).toBeVisible();
  // Beyond the desk's approval amount: no approve button to be refused, the reason instead; rejecting stays possible.
  await expect(page.getByRole("button", { name: "批准" })).toHaveCount(0);
  await expect(page.getByText("订单金额超出您的审批权限，请转交上级审批。")).toBeVisible();
  await expect(page.getByRole("button", { name: "驳回" })).toBeVisible();
  await page.goto(`${backofficeURL}/orders/queue/pending_approval?q=${large.number}`);
  await expect(page.getByRole("link", { name: large.number })).toBeVisible();
});

test("a master distributor confirms an order it supplies from its own stock and ships it with a tracking number", async ({ page, login }) => {
  // AG-001 (under MD-001) orders a server power supply: the SRV division is MD-001's by the demo's supply route.
  const [address] = await db.select({ id: addresses.id }).from(addresses).where(eq(addresses.organizationId, (await orgByCode(db, "AG-001")).id)).limit(1);
  const [psu] = await db.select({ id: products.id }).from(products).where(eq(products.sku, "SA-PSU-1300"));
  const agent = await ctxOf(db, "agent@demo.cn");
  const { orders } = await submitOrder(agent, { _key: newKey(), shipToAddressId: address!.id, lines: [{ productId: psu!.id, quantity: 2 }], poNumber: "PO-MD-E2E-1" });
  const supplied = orders.find((o) => o.supplierId !== null)!;
  expect(supplied).toBeTruthy();

  await login("portal", "master@demo.cn");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "订货", exact: true }).click();
  await page.getByRole("navigation", { name: "订货", exact: true }).getByRole("link", { name: "待履约订单" }).click();
  await page.getByRole("link", { name: supplied.number }).click();
  await expect(page.getByRole("heading", { name: supplied.number })).toBeVisible();
  await checkA11y(page);
  await page.getByRole("button", { name: "用自有库存确认" }).click();
  await expect(page.getByText("已预留 2 件；仍缺货 0 件，取消 0 件。")).toBeVisible();

  await page.getByLabel("承运商").fill("顺丰速运");
  await page.getByLabel("运单号").fill("SF1234567890");
  await page.getByRole("button", { name: "发货" }).click();
  await expect(page.getByText("已发货。")).toBeVisible();
  await expect(page.getByRole("button", { name: "发货" })).toHaveCount(0);
  await page.screenshot({ path: "docs/screenshots/portal-supplied-order.png", fullPage: true });
});

test("finance puts a partner on credit hold with a reason and lifts it from the partner's page", async ({ page, login }) => {
  const dealer = await orgByCode(db, "DL-0002");
  await login("backoffice", "finance@demo.cn", `/organizations/${dealer.id}`);
  const panel = page.locator("section").filter({ has: page.getByRole("heading", { name: "信用冻结与缺货策略" }) });
  await panel.getByLabel("原因").fill("逾期 90 天以上");
  await panel.getByRole("button", { name: "冻结信用" }).click();
  await expect(page.getByText("已冻结该客户的信用。")).toBeVisible();
  await expect(panel.getByText("逾期 90 天以上")).toBeVisible();
  await checkA11y(page);
  await panel.getByRole("button", { name: "解除冻结" }).click();
  await expect(page.getByText("已解除信用冻结。")).toBeVisible();
  await expect(panel.getByText("未冻结")).toBeVisible();
});

test("an administrator sees the demo supply route and cannot add the same one twice", async ({ page, login }) => {
  await login("backoffice", "admin@demo.cn");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "库存与物流" }).click();
  await page.getByRole("navigation", { name: "库存与物流" }).getByRole("link", { name: "供货路线" }).click();
  await expect(page.getByRole("heading", { name: "供货路线", level: 1 })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "MD-001" }).filter({ hasText: "存储与服务器事业部" })).toBeVisible();
  await checkA11y(page);
  const md = await orgByCode(db, "MD-001");
  await page.getByRole("combobox", { name: "总代理" }).selectOption(md.id);
  await page.getByRole("combobox", { name: "事业部" }).selectOption({ label: "存储与服务器事业部" });
  await page.getByRole("button", { name: "添加路线" }).click();
  await expect(page.getByText("该总代理已负责此事业部。")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "MD-001" })).toHaveCount(1);
  await page.screenshot({ path: "docs/screenshots/backoffice-supply-routes.png", fullPage: true });
});

import type { Browser, BrowserContext, Locator, Page } from "@playwright/test";
import { checkA11y, expect, portalURL, pageAs, test } from "./fixtures";

/**
 * Order to cash, one story through the real pages of both apps on the e2e server's fresh demo
 * database, with no domain shortcuts: every precondition is either the demo seed or made here in the UI.
 *
 * DL-0001 (dealer@demo.cn) has a ¥270,000 credit limit in the demo seed with about ¥19,300 of it
 * held by open demo orders (packages/domain/src/orders/seed-demo.ts), so about ¥250,700 is available. The
 * dealer quick-orders by paste 32 threat-protection licences and 10 VPN licences (network security:
 * supplied by the distributor itself, never routed to a master distributor; Beijing holds 50 and
 * 35), about ¥266,800 at the dealer price list: over the available credit, so the order waits for
 * approval. Any over-credit order of DL-0001 is beyond the order desk's ¥50,000 approval limit
 * (orderApprovalLimit in packages/domain/src/access/permissions.ts), so the escalation approves it:
 * manager@demo.cn (management, no limit), from the order desk's pending-approval queue. Then the
 * Beijing warehouse ships part of it, finance records a payment allocated to that shipment's
 * invoice, and the dealer sees the shipment, the invoice and the new balance.
 *
 * Amounts are computed from the prices the checkout page shows; credit figures are read on the
 * dealer's finance page before ordering, so the spec also holds after other specs moved DL-0001's
 * balance (billing.spec.ts runs before this one on the same database).
 */
const run = Date.now().toString(36).toUpperCase();
const PO = `PO-O2C-${run}`;
const TRACKING = `SF${Date.now()}`;
const CARRIER = "顺丰速运";
const LINES = [
  { sku: "FW-LIC-TP3Y", quantity: 32, ship: 10 },
  { sku: "FW-LIC-VPN50", quantity: 10, ship: 5 },
] as const;

/** "¥266,758.00" / "-¥1.00" → fen. */
function fen(text: string | null): bigint {
  const match = (text ?? "").match(/(-?)¥([\d,]+)\.(\d{2})/);
  if (!match) throw new Error(`no amount in ${JSON.stringify(text)}`);
  const value = BigInt(match[2]!.replaceAll(",", "")) * 100n + BigInt(match[3]!);
  return match[1] ? -value : value;
}

/** fen → "¥266,758.00", as the pages format money in zh-CN. */
function yuan(value: bigint): string {
  const abs = value < 0n ? -value : value;
  const whole = String(abs / 100n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${value < 0n ? "-" : ""}¥${whole}.${String(abs % 100n).padStart(2, "0")}`;
}

/** 13% VAT inside a gross amount, rounded half up (the billing area's splitVat). */
const vatOf = (gross: bigint) => (2n * gross * 1300n + 11_300n) / 22_600n;

/** The tiles of the portal's finance overview. */
async function creditTiles(page: Page) {
  await page.goto(`${portalURL}/finance`);
  const tiles = page.getByLabel("余额与账龄");
  const tile = (name: string) => tiles.locator("div").filter({ has: page.getByText(name, { exact: true }) }).locator("dd");
  const [balance, openOrders, limit, available] = await Promise.all(
    ["应收余额", "未发货订单", "信用额度", "可用额度"].map(async (name) => fen(await tile(name).textContent())),
  );
  return { balance: balance!, openOrders: openOrders!, limit: limit!, available: available!, tile };
}

async function emptyCart(page: Page) {
  await page.goto(`${portalURL}/cart`);
  const remove = page.getByRole("button", { name: /^移除 / });
  while ((await remove.count()) > 0) {
    const before = await remove.count();
    await remove.first().click();
    await expect(remove).toHaveCount(before - 1);
  }
  await expect(page.getByText("购物车是空的。")).toBeVisible();
}

const contexts: BrowserContext[] = [];
async function as(browser: Browser, app: "portal" | "backoffice", login: string, path?: string) {
  const page = await pageAs(browser, app, login, { viewport: { width: 1280, height: 800 } }, path);
  contexts.push(page.context());
  return page;
}

test.afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
});

const cellText = (row: Locator, index: number) => row.getByRole("cell").nth(index).textContent();

test("order to cash: an over-credit quick order is approved, shipped in part, invoiced and partly paid, and the dealer sees it all", async ({ browser }) => {
  // five signed-in users in turn on a shared 2-core machine: well over the default 30 s

  // ── the dealer: credit before, quick order by paste, checkout ─────────────────────────────
  const dealer = await as(browser, "portal", "dealer@demo.cn");
  const before = await creditTiles(dealer);
  expect(before.available).toBe(before.limit - before.balance - before.openOrders);
  await emptyCart(dealer);

  await dealer.goto(`${portalURL}/cart/quick-order`);
  await dealer.getByLabel("粘贴订货行").fill(LINES.map((l) => `${l.sku}\t${l.quantity}`).join("\n"));
  await dealer.getByRole("button", { name: "检查并加入购物车" }).click();
  await expect(dealer).toHaveURL(/\/cart\?added=2/);
  await expect(dealer.getByText("已加入 2 个商品到购物车。")).toBeVisible();
  await dealer.getByRole("link", { name: "去结算" }).click();
  await expect(dealer.getByRole("heading", { name: "结算" })).toBeVisible();

  // the prices the page quotes, and what they add up to
  const summary = dealer.getByRole("table", { name: "订单汇总" });
  const priced = [] as { sku: string; quantity: number; ship: number; unitFen: bigint }[];
  for (const line of LINES) {
    const row = summary.locator("tbody tr").filter({ hasText: line.sku });
    await expect(row.getByRole("cell").nth(1)).toHaveText(String(line.quantity));
    const unitFen = fen(await cellText(row, 2));
    const gross = unitFen * BigInt(line.quantity);
    await expect(row.getByRole("cell").nth(3)).toHaveText(yuan(gross));
    await expect(row.getByRole("cell").nth(4)).toHaveText(yuan(vatOf(gross)));
    priced.push({ ...line, unitFen });
  }
  const totalFen = priced.reduce((s, l) => s + l.unitFen * BigInt(l.quantity), 0n);
  const totals = dealer.locator("dl").filter({ hasText: "含税合计" });
  await expect(totals.locator("dd").last()).toHaveText(yuan(totalFen));
  // the precondition of the story: this order does not fit the credit the dealer has left
  expect(totalFen, `order ${yuan(totalFen)} must exceed the available credit ${yuan(before.available)}`).toBeGreaterThan(before.available);

  const shipTo = dealer.getByRole("combobox", { name: "收货地址" });
  const address = (await shipTo.locator("option:checked").textContent())!;
  expect(address).toMatch(/ · /);
  await shipTo.selectOption({ label: address });
  await dealer.getByLabel("贵公司采购单号").fill(PO);
  const accept = dealer.getByLabel("我已知晓以上变化，按现在的价格下单");
  await expect(accept).toHaveCount(0);
  await dealer.getByRole("button", { name: "提交订单" }).click();
  await dealer.waitForURL(/\/orders\/[0-9a-f-]{36}\?placed=1/);
  const orderPath = new URL(dealer.url()).pathname;
  await expect(dealer.getByText(/订单已提交，订单号 SO-\d{4}-\d{6}。/)).toBeVisible();
  const orderNumber = (await dealer.getByRole("heading", { level: 1 }).textContent())!.match(/SO-\d{4}-\d{6}/)![0];
  await expect(dealer.getByRole("heading", { level: 1 })).toContainText("待审批");
  await expect(dealer.getByText("本单加上未结应收和未开票订单超出了贵公司的信用额度，需经我司审批后确认。")).toBeVisible();
  await expect(dealer.getByText(PO, { exact: true })).toBeVisible();
  await expect(dealer.getByText(address.split(" · ").slice(0, 2).join(" · "))).toBeVisible();
  await expect(dealer.locator("dl").filter({ hasText: "含税合计" }).locator("dd").last()).toHaveText(yuan(totalFen));
  await expect(dealer.getByRole("list", { name: "订单记录" }).getByText("提交订单")).toBeVisible();

  // ── the order desk's queue: the approver whose limit covers the amount approves ────────────
  const approver = await as(browser, "backoffice", "manager@demo.cn");
  await approver.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "销售与订单" }).click();
  await approver.waitForURL(/\/orders\/queue\/pending_approval/);
  await approver.getByLabel("搜索").fill(orderNumber);
  await approver.getByRole("button", { name: "筛选" }).click();
  await expect(approver.locator("tbody tr")).toHaveCount(1);
  await approver.getByRole("link", { name: orderNumber }).click();
  await expect(approver.getByRole("heading", { name: orderNumber })).toBeVisible();
  await expect(approver.getByText("超出信用额度").first()).toBeVisible();
  await expect(approver.getByText("您的审批额度：不限")).toBeVisible();
  await approver.getByLabel("审批意见").fill("项目单，回款记录良好，同意赊销。");
  await approver.getByRole("button", { name: "批准" }).click();
  await expect(approver.getByText("订单已批准。")).toBeVisible();
  await expect(approver.getByText("已确认").first()).toBeVisible();
  await expect(approver.getByRole("button", { name: "批准" })).toHaveCount(0);

  // ── the Beijing warehouse ships part of it with carrier and tracking number ──────────────────
  const warehouse = await as(browser, "backoffice", "warehouse@demo.cn", "/shipping");
  await warehouse.getByRole("link", { name: orderNumber }).click();
  await expect(warehouse.getByRole("heading", { name: `订单 ${orderNumber} 发货` })).toBeVisible();
  for (const line of priced) {
    const quantity = warehouse.getByLabel(`${line.sku} 本次发货数量`);
    // everything was reserved here on approval; ship only part of it
    await expect(quantity).toHaveValue(String(line.quantity));
    await quantity.fill(String(line.ship));
  }
  await warehouse.getByLabel("承运商").fill(CARRIER);
  await warehouse.getByLabel("运单号").fill(TRACKING);
  await warehouse.getByRole("button", { name: "确认发货并开票" }).click();
  await warehouse.waitForURL(/\/shipping\/shipments\/[0-9a-f-]{36}\?done=shipped/);
  const notice = await warehouse.getByText(/已发货，发票 INV-\d{4}-\d{6} 已开具/).textContent();
  const invoiceNumber = notice!.match(/INV-\d{4}-\d{6}/)![0];
  await expect(warehouse.getByText(TRACKING)).toBeVisible();

  // what the invoice must say: the shipped units at the ordered prices, VAT per line
  const invoiced = priced.map((l) => {
    const gross = l.unitFen * BigInt(l.ship);
    return { ...l, gross, tax: vatOf(gross) };
  });
  const invoiceFen = invoiced.reduce((s, l) => s + l.gross, 0n);
  const invoiceTaxFen = invoiced.reduce((s, l) => s + l.tax, 0n);
  const unitsShipped = priced.reduce((s, l) => s + l.ship, 0);

  // ── finance records a payment allocated to that invoice: about half of it, in whole yuan ───
  const paidFen = (invoiceFen / 2n / 100n) * 100n;
  const reference = `招行回单 ${run}`;
  const finance = await as(browser, "backoffice", "finance@demo.cn", "/finance/payments/new");
  const partner = finance.getByLabel("客户");
  await partner.selectOption({ label: (await partner.getByRole("option", { name: /^DL-0001 / }).textContent())! });
  await finance.getByRole("button", { name: "显示未结发票" }).click();
  await expect(finance.getByText(/当前应收余额：/)).toContainText(yuan(before.balance + invoiceFen));
  await finance.getByLabel("金额（元）").fill(String(paidFen / 100n));
  await finance.getByLabel("摘要 / 流水号").fill(reference);
  await finance.getByLabel(`分配到 ${invoiceNumber} 的金额`).fill(String(paidFen / 100n));
  await finance.getByRole("button", { name: "登记回款" }).click();
  await finance.waitForURL(/\/finance\/payments\?q=PAY-/);
  await expect(finance.getByRole("heading", { name: "回款", exact: true })).toBeVisible();
  const payment = finance.locator("tbody tr").filter({ hasText: reference });
  await expect(payment).toHaveCount(1);
  await expect(payment.getByRole("cell", { name: invoiceNumber, exact: true })).toBeVisible();
  await expect(payment.getByRole("cell", { name: yuan(paidFen), exact: true })).toBeVisible();
  await expect(payment.getByRole("cell", { name: "¥0.00", exact: true })).toBeVisible();

  // ── the dealer sees the shipment, the invoice and the new balance ───────────────────────────
  await dealer.goto(`${portalURL}${orderPath}`);
  await expect(dealer.getByRole("heading", { level: 1 })).toContainText("部分发货");
  const timeline = dealer.getByRole("list", { name: "订单记录" });
  await expect(timeline.getByText("审批通过")).toBeVisible();
  await expect(timeline.getByText("部分发货", { exact: true })).toBeVisible();
  for (const line of priced) {
    const row = dealer.getByRole("table", { name: "订单明细" }).locator("tbody tr").filter({ hasText: line.sku });
    await expect(row).toContainText(`已发 ${line.ship}`);
    await expect(row).toContainText(`已备货 ${line.quantity - line.ship}`);
  }
  await expect(dealer.getByText(TRACKING, { exact: true })).toBeVisible();
  const orderInvoice = dealer.locator("tbody tr").filter({ hasText: invoiceNumber });
  await expect(orderInvoice.getByRole("cell").nth(3)).toHaveText(yuan(invoiceFen));
  await expect(orderInvoice.getByRole("cell").nth(4)).toHaveText(yuan(invoiceFen - paidFen));
  await checkA11y(dealer);
  await dealer.screenshot({ path: "docs/screenshots/portal-order-partially-shipped.png", fullPage: true });

  await dealer.goto(`${portalURL}/finance/shipments`);
  const shipment = dealer.locator("tbody tr").filter({ hasText: TRACKING });
  await expect(shipment).toHaveCount(1);
  await expect(shipment.getByRole("cell", { name: orderNumber, exact: true })).toBeVisible();
  await expect(shipment.getByRole("cell", { name: CARRIER, exact: true })).toBeVisible();
  await expect(shipment.getByRole("cell", { name: String(unitsShipped), exact: true })).toBeVisible();
  await expect(shipment.getByRole("cell", { name: "已发货", exact: true })).toBeVisible();

  await dealer.goto(`${portalURL}/finance/invoices`);
  const invoiceRow = dealer.locator("tbody tr").filter({ hasText: invoiceNumber });
  await expect(invoiceRow.getByRole("cell", { name: orderNumber, exact: true })).toBeVisible();
  await expect(invoiceRow.getByRole("cell", { name: "未结清", exact: true })).toBeVisible();
  await invoiceRow.getByRole("link", { name: invoiceNumber }).click();
  await expect(dealer.getByText(`${CARRIER} ${TRACKING}`)).toBeVisible();
  const field = (name: string) => dealer.locator("dl > div").filter({ has: dealer.getByText(name, { exact: true }) }).locator("dd");
  await expect(field("订单")).toHaveText(orderNumber);
  await expect(field("已结算")).toHaveText(yuan(paidFen));
  await expect(field("未结金额")).toHaveText(yuan(invoiceFen - paidFen));
  const invoiceLines = dealer.getByRole("table", { name: "发票明细" });
  for (const line of invoiced) {
    const row = invoiceLines.locator("tbody tr").filter({ hasText: line.sku });
    await expect(row.getByRole("cell")).toHaveText([
      line.sku,
      /.+/,
      String(line.ship),
      yuan(line.unitFen),
      yuan(line.gross - line.tax),
      "13%",
      yuan(line.tax),
      yuan(line.gross),
    ]);
  }
  const totalsRow = invoiceLines.locator("tfoot tr");
  // each total sits under its column (on a phone it is labelled by the column's name)
  const total = (column: string) => totalsRow.locator(`td[data-label="${column}"]`);
  await expect(total("不含税金额")).toHaveText(yuan(invoiceFen - invoiceTaxFen));
  await expect(total("税额")).toHaveText(yuan(invoiceTaxFen));
  await expect(total("含税金额")).toHaveText(yuan(invoiceFen));
  await expect(dealer.getByText(reference).or(dealer.getByText(/PAY-\d{4}-\d{6}/)).first()).toBeVisible();

  const after = await creditTiles(dealer);
  const tile = after.tile;
  // the invoice is receivable less what was paid; what is not shipped still holds credit
  await expect(tile("应收余额")).toHaveText(yuan(before.balance + invoiceFen - paidFen));
  await expect(tile("未发货订单")).toHaveText(yuan(before.openOrders + totalFen - invoiceFen));
  await expect(tile("信用额度")).toHaveText(yuan(before.limit));
  await expect(tile("可用额度")).toHaveText(yuan(before.available - totalFen + paidFen));
});

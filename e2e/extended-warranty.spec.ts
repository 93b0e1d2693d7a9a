import type { Browser } from "@playwright/test";
import { sql } from "drizzle-orm";
import { createDatabase, type Database } from "@cs/db";
import { createShippedOrder } from "@cs/testing/shipped-order";
import { checkA11y, expect, portalURL, pageAs, test } from "./fixtures";
import { e2eDatabaseUrl } from "./urls";

/**
 * Extended warranties sold through normal ordering (issue 6, docs/decisions/006), on the e2e
 * server's own database: DL-0001 received a notebook five years ago (its standard warranty is
 * over); the dealer orders the demo's 2-year extension for that serial (a typo is refused at
 * checkout), the Beijing warehouse fulfils the service line without any stock, and the dealer's
 * repair request for the notebook is then covered by the extended contract.
 */

let db: Database;
const stamp = Date.now().toString(36).toUpperCase();
const sku = `E2E-EWNB-${stamp}`;
const serial = `EW${stamp}`;

test.beforeAll(async () => {
  db = createDatabase(e2eDatabaseUrl, { max: 2 });
  await createShippedOrder(db, { lines: [{ sku, quantity: 1, unitPriceFen: 699_900n, serials: [serial] }] });
  // shipped five years ago: the standard warranty (12 months from shipment plus grace) has run out
  await db.execute(sql`
    update stock_moves set created_at = now() - interval '5 years'
     where id in (select sm.move_id from serial_moves sm join serial_numbers sn on sn.id = sm.serial_id where sn.serial = ${serial})`);
});

test.afterAll(async () => {
  await db?.$client.end({ timeout: 5 });
});

async function as(browser: Browser, app: "portal" | "backoffice", login: string, path?: string) {
  return pageAs(browser, app, login, { viewport: { width: 1280, height: 900 } }, path);
}

test("a dealer buys an extended warranty for a notebook it received, the warehouse fulfils it without stock, and the notebook's repair is covered by the extension", async ({ browser }) => {
  const dealer = await as(browser, "portal", "dealer@demo.cn", "/cart/quick-order");
  await dealer.getByLabel("粘贴订货行").fill("NB-EW24 1");
  await dealer.getByRole("button", { name: "检查并加入购物车" }).click();
  await dealer.waitForURL(/\/cart(\?|$)/);
  await expect(dealer.getByText("服务类，无需库存")).toBeVisible();
  await dealer.getByRole("link", { name: "去结算" }).click();
  await expect(dealer.getByRole("heading", { name: "延保覆盖的设备" })).toBeVisible();

  // a serial we never sold is refused on its line, and nothing is ordered
  const serialField = dealer.getByLabel("NB-EW24 的第 1 个设备序列号");
  await serialField.fill("NO-SUCH-SERIAL-1");
  const accept = dealer.getByLabel("我已知晓以上变化，按现在的价格下单");
  await expect(accept).toHaveCount(0);
  await dealer.getByRole("button", { name: "提交订单" }).click();
  await expect(dealer.getByText("找不到该设备序列号的销售记录")).toBeVisible();
  await checkA11y(dealer);
  await dealer.screenshot({ path: "docs/screenshots/portal-checkout-extended-warranty.png", fullPage: true });

  await dealer.getByLabel("NB-EW24 的第 1 个设备序列号").fill(serial);
  await expect(accept).toHaveCount(0);
  await dealer.getByRole("button", { name: "提交订单" }).click();
  await dealer.waitForURL(/\/orders\/[0-9a-f-]{36}\?placed=1/);
  await expect(dealer.getByText(/订单已提交，订单号 SO-\d{4}-\d{6}/)).toBeVisible();
  const orderId = new URL(dealer.url()).pathname.split("/").pop()!;
  const number = (await dealer.getByRole("heading", { level: 1 }).textContent())!.match(/SO-\d{4}-\d{6}/)![0];
  await expect(dealer.getByRole("list", { name: "订单记录" }).getByText("订单确认")).toBeVisible();
  await expect(dealer.getByText(`覆盖设备: ${serial}`)).toBeVisible();

  // the warehouse ships the service line: nothing is held in stock, the covered device is named
  const warehouse = await as(browser, "backoffice", "warehouse@demo.cn", `/shipping/orders/${orderId}`);
  await expect(warehouse.getByRole("heading", { name: `订单 ${number} 发货` })).toBeVisible();
  await expect(warehouse.getByText(serial)).toBeVisible();
  await expect(warehouse.getByLabel("NB-EW24 本次发货数量")).toHaveValue("1");
  await warehouse.getByLabel("承运商").fill("电子交付");
  await warehouse.getByLabel("运单号").fill(`EW-${stamp}`);
  await warehouse.getByRole("button", { name: "确认发货并开票" }).click();
  await warehouse.waitForURL(/\/shipping\/shipments\/[0-9a-f-]{36}/);
  await expect(warehouse.getByRole("heading", { name: /发货单 SH-/ })).toBeVisible();
  await expect(warehouse.getByRole("cell", { name: "NB-EW24", exact: true })).toBeVisible();

  // the dealer files a repair for the notebook: the warranty check finds the extended contract
  await dealer.goto(`${portalURL}/service/requests/new`);
  await dealer.getByLabel("产品型号").selectOption({ label: `${sku} · 测试${sku}` });
  await dealer.getByLabel("序列号").fill(serial);
  await dealer.getByLabel("客户姓名").fill("王延保");
  await dealer.getByLabel("客户手机").fill("13900001234");
  await dealer.getByLabel("故障描述").fill("屏幕闪烁，偶尔黑屏");
  await dealer.getByLabel("城市").fill("北京");
  await dealer.getByRole("button", { name: "提交维修申请" }).click();
  await dealer.waitForURL(/\/service\/requests\/[0-9a-f-]{36}/);
  await expect(dealer.getByText(/延保合同有效至/)).toBeVisible();
  await checkA11y(dealer);
});

import type { Browser, Locator, Page } from "@playwright/test";
import { backofficeURL, checkA11y as axe, expect, portalURL, pageAs, test } from "./fixtures";

/**
 * Inventory end to end, on the demo seed (packages/db/src/seed/inventory.ts). Every test starts
 * from what it reads on screen, not from fixed balances, so the tests stay independent of each
 * other and of their order on the shared e2e database.
 */

/** A non-serialized product the seed stocks in the central warehouse (and in Beijing). */
const TRANSFER_SKU = "SA-PSU-800";
/** Two cheap products of the 线缆与办公耗材 line in the Beijing warehouse: counting them stays far below the approval threshold. */
const COUNT_UP_SKU = "CB-PATCH-5M";
const COUNT_DOWN_SKU = "CB-TIES-100";
/** DL-0001's virtual stock (PV-DL-0001) holds units of these (serialized notebooks). */
const CALL_OFF_SKU = "NB-E16-I7-32";
const OTHER_CALL_OFF_SKU = "NB-T16-I5-32";

/** "1,234" / "-2" as shown by Intl.NumberFormat("zh-CN") to a number. */
const toNumber = (text: string | null) => Number((text ?? "").replace(/[,\s]/g, "").replace("−", "-"));

/**
 * The cell of `row` under the column headed `header` in `table` (DataTable headers carry a sort
 * arrow, and the active one a screen-reader note, after the label).
 */
async function cell(table: Locator, row: Locator, header: string): Promise<Locator> {
  const headers = await table.locator("thead th").allTextContents();
  const index = headers.findIndex((h) => h.replace(/[▲▼↕].*$/s, "").trim() === header);
  expect(index, `column ${header} in ${headers.join(" | ")}`).toBeGreaterThanOrEqual(0);
  return row.locator("td").nth(index);
}

async function cellNumber(table: Locator, row: Locator, header: string) {
  return toNumber(await (await cell(table, row, header)).textContent());
}

/** The one table row naming a SKU (SKUs are unique per row in these views). */
const rowOf = (table: Locator, sku: string) => table.locator("tbody tr").filter({ has: table.page().getByText(sku, { exact: true }) });

/** The back-office stock overview filtered to one product in one warehouse: our on-hand there. */
async function warehouseOnHand(page: Page, sku: string, warehouse: string) {
  await page.goto(`${backofficeURL}/stock`);
  const filters = page.getByRole("search");
  await filters.getByLabel("搜索").fill(sku);
  await filters.getByLabel("仓库").selectOption({ label: warehouse });
  await filters.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/warehouse=/);
  const table = page.getByRole("table", { name: "库存总览" });
  const row = rowOf(table, sku);
  await expect(row).toHaveCount(1);
  return cellNumber(table, row, "在库");
}

/** A fresh signed-in page in its own browser context (its own cookies), with the suite's locale. */
async function otherUser(browser: Browser, app: "portal" | "backoffice", login: string, path?: string) {
  return pageAs(browser, app, login, { viewport: { width: 1280, height: 800 } }, path);
}

/** The partner's balance of one product in its virtual stock (portal, 我的库存). */
async function virtualBalance(page: Page, sku: string) {
  await page.goto(`${portalURL}/stock?place=virtual&q=${encodeURIComponent(sku)}`);
  const table = page.getByRole("table", { name: "我的库存" });
  const row = rowOf(table, sku);
  await expect(row).toHaveCount(1);
  await expect(await cell(table, row, "库存类型")).toHaveText("虚拟库存");
  return cellNumber(table, row, "在库");
}

/** Requests a call-off of `quantity` units through the portal form; returns its number and URL. */
async function requestCallOff(page: Page, sku: string, quantity: number, note: string) {
  await page.goto(`${portalURL}/stock/call-offs`);
  const form = page.locator("form", { has: page.getByRole("button", { name: "提交申请" }) });
  await expect(form.getByLabel("收货地址")).not.toHaveValue("");
  await form.getByLabel("备注").fill(note);
  await form.getByLabel("第 1 行 SKU").fill(sku);
  await form.getByLabel("第 1 行 数量").fill(String(quantity));
  await form.getByRole("button", { name: "提交申请" }).click();
  await expect(page).toHaveURL(/\/stock\/call-offs\/[0-9a-f-]{36}\?done=submitted$/);
  await expect(page.getByRole("status")).toHaveText("提货申请已提交，等待审核。");
  const title = page.getByRole("heading", { name: /^提货申请 CO-\d{4}-\d+/ });
  const number = /CO-\d{4}-\d+/.exec((await title.textContent()) ?? "")![0];
  return { number, url: page.url().replace(/\?.*$/, "") };
}

test("a warehouse transfer is shipped and received", async ({ page, login, checkA11y }) => {
  await login("backoffice", "admin@demo.cn", "/stock");
  await expect(page.getByRole("heading", { name: "库存总览" })).toBeVisible();
  await expect(page.getByRole("table", { name: "库存总览" }).locator("tbody tr").first()).toBeVisible();
  await checkA11y();
  await page.screenshot({ path: "docs/screenshots/backoffice-stock.png" });

  const centralBefore = await warehouseOnHand(page, TRANSFER_SKU, "WH-CENTRAL 中央仓");
  expect(centralBefore).toBeGreaterThanOrEqual(10);
  const beijingBefore = await warehouseOnHand(page, TRANSFER_SKU, "WH-BJ 北京仓");

  // Create: central → Beijing, 10 units.
  await page.goto(`${backofficeURL}/stock/documents`);
  await expect(page.getByRole("heading", { name: "库存单据" })).toBeVisible();
  await checkA11y();
  await page.getByRole("link", { name: "新建调拨单" }).click();
  await expect(page.getByRole("heading", { name: "新建调拨单" })).toBeVisible();
  await checkA11y();
  await page.getByLabel("调出仓库").selectOption({ label: "WH-CENTRAL 中央仓" });
  await page.getByLabel("调入仓库").selectOption({ label: "WH-BJ 北京仓" });
  await page.getByLabel("备注").fill("e2e 北京仓补货");
  await page.getByLabel("产品明细").fill(`${TRANSFER_SKU} 10`);
  await page.getByRole("button", { name: "创建" }).click();
  await expect(page).toHaveURL(/\/stock\/documents\/[0-9a-f-]{36}\?done=created$/);
  await expect(page.getByRole("status")).toHaveText("单据已创建。");
  const number = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
  expect(number).toMatch(/^TR-\d{4}-\d+$/);
  const main = page.locator("main");
  await expect(main.getByText("草稿", { exact: true })).toBeVisible();
  await checkA11y();

  // Ship: the whole quantity leaves for transit.
  await page.getByRole("button", { name: "确认发货" }).click();
  await expect(page.getByRole("status")).toHaveText("已发货。");
  await expect(main.getByText("已发出", { exact: true })).toBeVisible();
  await checkA11y();

  // Receive part of it.
  const arriving = page.getByLabel(`本次数量 ${TRANSFER_SKU}`);
  await expect(arriving).toHaveValue("10");
  await arriving.fill("8");
  await page.getByRole("button", { name: "确认收货" }).click();
  await expect(page.getByRole("status")).toHaveText("已部分收货。");
  await expect(main.getByText("部分收货", { exact: true })).toBeVisible();
  const lines = page.getByRole("table", { name: "明细" });
  const line = rowOf(lines, TRANSFER_SKU);
  expect(await cellNumber(lines, line, "已发")).toBe(10);
  expect(await cellNumber(lines, line, "已到")).toBe(8);

  // Close with the 2 missing units: refused without an explanation, then written off with one.
  await expect(page.getByLabel(`本次数量 ${TRANSFER_SKU}`)).toHaveValue("2");
  await page.getByLabel(`本次数量 ${TRANSFER_SKU}`).fill("0");
  await page.getByLabel("关闭调拨：未到货数量记入在途损失").check();
  await page.getByRole("button", { name: "确认收货" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "差异关闭调拨单时必须说明原因" })).toBeVisible();
  await expect(main.getByText("部分收货", { exact: true })).toBeVisible();
  await page.getByLabel("差异说明").fill("运输途中破损 2 件，已拍照留档");
  await page.getByRole("button", { name: "确认收货" }).click();
  await expect(page.getByRole("status").first()).toHaveText("已收货。");
  await expect(main.getByText("已收货", { exact: true })).toBeVisible();
  await expect(page.getByText("该单据已结束，只读。")).toBeVisible();
  await expect(page.getByText("运输途中破损 2 件，已拍照留档")).toBeVisible();
  await expect(page.getByRole("spinbutton")).toHaveCount(0);
  await checkA11y();
  await page.screenshot({ path: "docs/screenshots/backoffice-transfer.png", fullPage: true });

  // The ledger explains it: out of central, into Beijing, and the loss in transit.
  await page.goto(`${backofficeURL}/stock/moves`);
  await page.getByRole("search").getByLabel("单据", { exact: true }).fill(number);
  await page.getByRole("search").getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(new RegExp(`reference=${number}`));
  const moves = page.getByRole("table", { name: "库存流水" });
  await expect(moves.locator("tbody tr")).toHaveCount(3);
  const move = (reason: string) => moves.locator("tbody tr").filter({ hasText: reason });
  for (const [reason, quantity, from, to] of [
    ["调拨出库", 10, "WH-CENTRAL", "TRANSIT"],
    ["调拨入库", 8, "TRANSIT", "WH-BJ"],
    ["盘点调整", 2, "TRANSIT", "LOSS"],
  ] as const) {
    await expect(move(reason)).toHaveCount(1);
    expect(await cellNumber(moves, move(reason), "数量")).toBe(quantity);
    await expect(await cell(moves, move(reason), "从")).toHaveText(from);
    await expect(await cell(moves, move(reason), "到")).toHaveText(to);
    await expect(await cell(moves, move(reason), "单据")).toHaveText(number);
  }
  await checkA11y();

  expect(await warehouseOnHand(page, TRANSFER_SKU, "WH-BJ 北京仓")).toBe(beijingBefore + 8);
  expect(await warehouseOnHand(page, TRANSFER_SKU, "WH-CENTRAL 中央仓")).toBe(centralBefore - 10);
});

test("a stocktake is counted and posted", async ({ page, login, checkA11y }) => {
  await login("backoffice", "warehouse@demo.cn", "/stock/documents?kind=stocktake");
  await expect(page.getByRole("heading", { name: "盘点单" })).toBeVisible();
  await page.getByRole("link", { name: "新建盘点" }).click();
  await expect(page.getByRole("heading", { name: "新建盘点" })).toBeVisible();
  await checkA11y();
  await page.getByLabel("盘点库位").selectOption({ label: "WH-BJ 北京仓" });
  await page.getByLabel("产品线").selectOption({ label: "外设与耗材事业部 / 线缆与办公耗材" });
  await page.getByRole("button", { name: "创建" }).click();
  await expect(page.getByRole("status")).toHaveText("单据已创建。");
  const number = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
  expect(number).toMatch(/^ST-\d{4}-\d+$/);
  const main = page.locator("main");
  await expect(main.getByText("盘点中", { exact: true })).toBeVisible();
  await checkA11y();

  const counts = page.getByRole("table", { name: "盘点录入" });
  // The product line only: every row a CB- product.
  for (const sku of await counts.locator("tbody tr td:first-child").allTextContents()) expect(sku.trim()).toMatch(/^CB-/);
  const up = rowOf(counts, COUNT_UP_SKU);
  const down = rowOf(counts, COUNT_DOWN_SKU);
  const expectedUp = await cellNumber(counts, up, "账面数");
  const expectedDown = await cellNumber(counts, down, "账面数");
  expect(expectedDown).toBeGreaterThanOrEqual(2);

  // A bad sheet first: each bad row is named, translated, and nothing is imported.
  const upload = page.locator("form", { has: page.getByRole("button", { name: "上传并导入" }) });
  await upload.getByLabel("文件").setInputFiles({
    name: "盘点.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`SKU,实盘数\n${COUNT_UP_SKU},${expectedUp + 3}\nNO-SUCH-SKU,4\n`),
  });
  await upload.getByRole("button", { name: "上传并导入" }).click();
  await expect(page.getByText("文件中有错误，未导入任何数据：")).toBeVisible();
  await expect(upload.getByRole("alert")).toHaveText("第 3 行：找不到该 SKU");
  await upload.getByLabel("文件").setInputFiles({
    name: "盘点.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`SKU,实盘数\n${COUNT_DOWN_SKU},-2\n`),
  });
  await upload.getByRole("button", { name: "上传并导入" }).click();
  await expect(upload.getByRole("alert")).toHaveText("第 2 行：盘点数量不能为负数");
  await expect(page.getByLabel(`实盘数 ${COUNT_UP_SKU}`)).toHaveValue("");
  await checkA11y();

  // Counts on screen: one higher, one lower than expected.
  await page.getByLabel(`实盘数 ${COUNT_UP_SKU}`).fill(String(expectedUp + 3));
  await page.getByLabel(`实盘数 ${COUNT_DOWN_SKU}`).fill(String(expectedDown - 2));
  await page.getByRole("button", { name: "保存盘点数" }).click();
  await expect(page.getByRole("status")).toHaveText("盘点数已保存。");
  await expect(await cell(counts, up, "差异")).toHaveText("3");
  await expect(await cell(counts, down, "差异")).toHaveText("-2");

  // Posting: 3 × ¥18 + 2 × ¥9 is far below the approval threshold, so it posts at once.
  await page.getByRole("button", { name: "过账盘点差异" }).click();
  await expect(page.getByRole("status").first()).toHaveText("已过账。");
  await expect(main.getByText("已过账", { exact: true })).toBeVisible();
  await expect(page.getByText("该单据已结束，只读。")).toBeVisible();
  await expect(page.getByRole("spinbutton")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /保存盘点数|过账盘点差异|上传并导入/ })).toHaveCount(0);
  expect(await cellNumber(counts, up, "实盘数")).toBe(expectedUp + 3);
  expect(await cellNumber(counts, down, "实盘数")).toBe(expectedDown - 2);
  await expect(await cell(counts, up, "差异")).toHaveText("3");
  await expect(await cell(counts, down, "差异")).toHaveText("-2");
  await checkA11y();

  // The adjustments in the ledger: found units in from loss, missing units out to loss.
  await page.goto(`${backofficeURL}/stock/moves?reference=${encodeURIComponent(number)}`);
  const moves = page.getByRole("table", { name: "库存流水" });
  await expect(moves.locator("tbody tr")).toHaveCount(2);
  const foundMove = rowOf(moves, COUNT_UP_SKU);
  const lostMove = rowOf(moves, COUNT_DOWN_SKU);
  for (const [move, quantity, from, to] of [
    [foundMove, 3, "LOSS", "WH-BJ"],
    [lostMove, 2, "WH-BJ", "LOSS"],
  ] as const) {
    await expect(await cell(moves, move, "原因")).toHaveText("盘点调整");
    expect(await cellNumber(moves, move, "数量")).toBe(quantity);
    await expect(await cell(moves, move, "从")).toHaveText(from);
    await expect(await cell(moves, move, "到")).toHaveText(to);
  }
  await checkA11y();
  expect(await warehouseOnHand(page, COUNT_UP_SKU, "WH-BJ 北京仓")).toBe(expectedUp + 3);
  expect(await warehouseOnHand(page, COUNT_DOWN_SKU, "WH-BJ 北京仓")).toBe(expectedDown - 2);
});

test("a dealer sees availability and its virtual stock, requests a call-off, and staff approve and ship it", async ({ page, login, checkA11y, browser }) => {
  await login("portal", "dealer@demo.cn");

  // Availability in the one catalogue, as a band (a dealer is not shown exact numbers).
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "订货", exact: true }).click();
  const ordering = page.getByRole("navigation", { name: "订货", exact: true });
  await expect(ordering.getByRole("link", { name: "产品目录" })).toHaveCount(0);
  await ordering.getByRole("link", { name: "在线订货" }).click();
  const catalogue = page.getByRole("table", { name: "在线订货" });
  await expect(catalogue.getByRole("columnheader", { name: "可用库存" })).toBeVisible();
  await expect(catalogue.getByText(/^(有货|紧张|无货)$/).first()).toBeVisible();
  await checkA11y();
  for (const [sku, band] of [
    ["CB-HDMI-2M", "有货"],
    ["NB-T14-I7-32", "紧张"],
    ["SW-A16-GE", "无货"],
  ] as const) {
    await page.getByRole("search").getByLabel("搜索").fill(sku);
    await page.getByRole("search").getByRole("button", { name: "筛选" }).click();
    await expect(page).toHaveURL(new RegExp(`q=${sku}`));
    const row = rowOf(catalogue, sku);
    await expect(row).toHaveCount(1);
    await expect(await cell(catalogue, row, "可用库存")).toHaveText(band);
  }

  // My stock: the virtual stock held for DL-0001.
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "库存", exact: true }).click();
  await expect(page.getByRole("heading", { name: "我的库存", level: 1 })).toBeVisible();
  const balances = page.getByRole("table", { name: "我的库存" });
  await expect(rowOf(balances, CALL_OFF_SKU)).toHaveCount(1);
  await checkA11y();
  await page.screenshot({ path: "docs/screenshots/portal-my-stock.png", fullPage: true });
  const before = await virtualBalance(page, CALL_OFF_SKU);
  expect(before).toBeGreaterThanOrEqual(1);

  // Request a call-off: more than owned is refused on its row, then 1 unit goes through.
  await page.getByRole("navigation", { name: "库存页面" }).getByRole("link", { name: "提货申请" }).click();
  await expect(page.getByRole("heading", { name: "申请提货" })).toBeVisible();
  await checkA11y();
  await page.getByLabel("第 1 行 SKU").fill(CALL_OFF_SKU);
  await page.getByLabel("第 1 行 数量").fill(String(before + 1));
  await page.getByRole("button", { name: "提交申请" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "超过贵公司可用的数量" })).toBeVisible();
  await expect(page.getByLabel("第 1 行 数量")).toHaveAttribute("aria-invalid", "true");
  await checkA11y();
  const { number, url } = await requestCallOff(page, CALL_OFF_SKU, 1, "请工作日上午送货");
  await expect(page.getByText("待审核", { exact: true })).toBeVisible();
  await checkA11y();

  // Staff in Beijing (the partner's branch) find it, approve it and ship it.
  const staff = await otherUser(browser, "backoffice", "warehouse@demo.cn", "/stock/documents?kind=call_off");
  await staff.getByRole("search").getByLabel("搜索").fill(number);
  await staff.getByRole("search").getByRole("button", { name: "筛选" }).click();
  const documents = staff.getByRole("table", { name: "库存单据" });
  await expect(documents.locator("tbody tr")).toHaveCount(1);
  await expect(documents.locator("tbody tr")).toContainText("待处理");
  await axe(staff);
  await documents.getByRole("link", { name: number }).click();
  await expect(staff.getByRole("heading", { name: number, level: 1 })).toBeVisible();
  await expect(staff.getByText("请工作日上午送货")).toBeVisible();
  await expect(rowOf(staff.getByRole("table", { name: "明细" }), CALL_OFF_SKU)).toHaveCount(1);
  await axe(staff);
  await staff.getByRole("button", { name: "批准" }).click();
  await expect(staff.getByRole("status")).toHaveText("已批准。");
  await expect(staff.locator("main").getByText("已批准", { exact: true })).toBeVisible();
  await staff.getByRole("button", { name: "发货", exact: true }).click();
  await expect(staff.getByRole("status").first()).toHaveText("已发货。");
  await expect(staff.locator("main").getByText("已发出", { exact: true })).toBeVisible();
  await expect(staff.getByRole("button", { name: "发货", exact: true })).toHaveCount(0);
  await axe(staff);
  await staff.context().close();

  // Back in the portal: shipped, and the balance went down by the unit called off.
  await page.goto(url);
  await expect(page.getByText("已发货", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "撤回申请" })).toHaveCount(0);
  await checkA11y();
  expect(await virtualBalance(page, CALL_OFF_SKU)).toBe(before - 1);
  await page.goto(`${portalURL}/stock/moves?q=${encodeURIComponent(number)}`);
  const history = page.getByRole("table", { name: "库存流水" });
  await expect(history.locator("tbody tr")).toHaveCount(1);
  await expect(await cell(history, history.locator("tbody tr"), "业务类型")).toHaveText("提货发运");
  await expect(await cell(history, history.locator("tbody tr"), "库存变化")).toHaveText("−1");
  await checkA11y();
});

test("a partner cannot see another partner's stock document by URL", async ({ page, login, browser }) => {
  await login("portal", "dealer@demo.cn");
  const { number, url } = await requestCallOff(page, OTHER_CALL_OFF_SKU, 1, "e2e 越权检查");

  const other = await otherUser(browser, "portal", "dealer2@demo.cn");
  const response = await other.goto(url);
  expect(response!.status()).toBe(404);
  await expect(other.getByRole("heading", { name: "页面不存在" })).toBeVisible();
  await axe(other);
  // Nor is it in its list, nor can a crafted withdrawal touch it.
  await other.goto(`${portalURL}/stock/call-offs?q=${encodeURIComponent(number)}`);
  await expect(other.getByRole("link", { name: number })).toHaveCount(0);
  const csrf = await other.locator("input[name=_csrf]").first().getAttribute("value");
  const post = await other.request.post(url, { form: { _csrf: csrf ?? "" } });
  expect(post.status()).toBe(404);
  await other.context().close();

  await page.reload();
  await expect(page.getByText("待审核", { exact: true })).toBeVisible();
});

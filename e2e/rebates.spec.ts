import type { Browser, Page } from "@playwright/test";
import { createDatabase } from "@cs/db";
import { createShippedOrder } from "@cs/testing/shipped-order";
import { rebateBalanceOf, yearlyBasisOf, yuanText } from "./figures";
import { backofficeURL, checkA11y, expect, portalURL, pageAs, test } from "./fixtures";
import { e2eDatabaseUrl } from "./urls";

/**
 * Rebates end to end on the demo data: finance defines a yearly program for DL-0001, previews
 * it, runs it (waiting for the progress bar to finish), approves, publishes and settles the
 * dealer's statement; the dealer reads it in the portal with its explanation, downloads the PDF,
 * is refused more rebate than its balance at checkout and then pays part of an order with it.
 * Another dealer opening the statement's address gets "not found".
 */
const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
const year = Number(today.slice(0, 4));
const code = `E2E-Y-${Date.now().toString(36).toUpperCase()}`;

async function as(browser: Browser, app: "portal" | "backoffice", login: string, path?: string): Promise<Page> {
  return pageAs(browser, app, login, { viewport: { width: 1280, height: 900 }, acceptDownloads: true }, path);
}

test.beforeAll(async () => {
  // The demo keeps DL-0001's ledger empty: this year it is invoiced for goods shipped today (¥80,000),
  // enough to reach the program's first tier against its yearly target.
  const db = createDatabase(e2eDatabaseUrl, { max: 2 });
  try {
    await createShippedOrder(db, { lines: [{ sku: `${code}-NB`, quantity: 2, unitPriceFen: 4_000_000n }] });
  } finally {
    await db.$client.end({ timeout: 5 });
  }
});

const yuan = (text: string) => Number(text.replace(/[^\d.-]/g, ""));

test("finance runs, approves, publishes and settles a rebate program; the dealer reads the statement, downloads the PDF and pays part of an order from the balance", async ({ browser }) => {
  test.setTimeout(240_000);
  const finance = await as(browser, "backoffice", "finance@demo.cn");

  // 1. define the program
  await finance.goto(`${backofficeURL}/rebates/programs/new`);
  await finance.getByLabel("方案编码").fill(code);
  await finance.getByLabel("方案名称").fill("E2E 年度返利");
  await finance.getByLabel("状态").selectOption("active");
  await finance.getByLabel("开始日期").fill(`${year}-01-01`);
  await finance.getByLabel("结束日期").fill(`${year}-12-31`);
  await finance.getByLabel("伙伴编码名单").fill("DL-0001");
  await finance.getByLabel("完成率 ≥（%）").nth(0).fill("1");
  await finance.getByLabel("返利比例（%）").nth(0).fill("2");
  await finance.getByLabel("完成率 ≥（%）").nth(1).fill("50");
  await finance.getByLabel("返利比例（%）").nth(1).fill("3");
  await finance.getByRole("button", { name: "保存" }).click();
  await expect(finance.getByRole("heading", { name: new RegExp(code) })).toBeVisible();

  // 2. preview, then run and wait for the progress to complete
  await finance.getByRole("button", { name: "试算" }).click();
  await expect(finance.getByRole("heading", { name: "试算" })).toBeVisible();
  await expect(finance.getByText("返利合计").first()).toBeVisible();
  // What the run must give, from the invoices as they stand: the whole basis at the rate of the
  // tier its completion reaches (retroactive), rounded half up to the fen.
  const db = createDatabase(e2eDatabaseUrl, { max: 1 });
  const { basis, target } = await yearlyBasisOf(db, "DL-0001", year);
  const balanceBeforeSettling = await rebateBalanceOf(db, "DL-0001");
  await db.$client.end({ timeout: 5 });
  expect(target).not.toBeNull();
  const completionBp = (basis * 10_000n) / target!;
  const rateBp = completionBp >= 5_000n ? 300n : completionBp >= 100n ? 200n : 0n;
  expect(rateBp).toBeGreaterThan(0n);
  const rebateFen = (basis * rateBp * 2n + 10_000n) / 20_000n;
  await finance.getByRole("button", { name: "运行计算" }).click();
  await expect(finance.getByRole("progressbar", { name: "计算进度" })).toBeVisible();
  await expect(finance.getByText(/完成：写入 1 张对账单/)).toBeVisible({ timeout: 60_000 });
  await expect(finance.getByRole("progressbar", { name: "计算进度" })).toHaveAttribute("aria-valuenow", "100");

  // 3. the dealer's statement: approve, publish, settle
  await finance.getByRole("link", { name: "查看对账单" }).click();
  await finance.getByRole("link", { name: /^RB-/ }).first().click();
  await expect(finance.getByRole("heading", { name: /返利对账单 RB-/ })).toBeVisible();
  const number = ((await finance.getByRole("heading", { name: /返利对账单 RB-/ }).textContent()) ?? "").replace("返利对账单", "").trim();
  await finance.getByRole("button", { name: "审核通过" }).click();
  await finance.getByRole("button", { name: "发布到门户" }).click();
  finance.once("dialog", (d) => void d.accept());
  await finance.getByRole("button", { name: "结算入账" }).click();
  await expect(finance.getByText(`已结算，计入返利余额 ${yuanText(rebateFen)}`)).toBeVisible();
  await checkA11y(finance);

  // the balance page shows the credit in the dealer's ledger
  await finance.goto(`${backofficeURL}/rebates/balances`);
  await finance.getByLabel("伙伴名称或编码").fill("DL-0001");
  await finance.getByRole("button", { name: "搜索" }).click();
  await finance.getByRole("row").filter({ hasText: "DL-0001" }).getByRole("link").click();
  await expect(finance.getByRole("heading", { name: /的返利余额/ })).toBeVisible();
  await expect(finance.getByRole("link", { name: number })).toBeVisible();
  await checkA11y(finance);

  // 4. the dealer reads the statement and downloads the PDF
  const dealer = await as(browser, "portal", "dealer@demo.cn", "/rebates");
  await expect(dealer.getByRole("heading", { name: "我的返利" })).toBeVisible();
  await expect(dealer.getByTestId("rebate-balance")).toHaveText(yuanText(balanceBeforeSettling + rebateFen));
  const balanceBefore = yuan((await dealer.getByTestId("rebate-balance").textContent()) ?? "0");
  await dealer.getByRole("link", { name: number }).click();
  await expect(dealer.getByRole("heading", { name: `对账单 ${number}` })).toBeVisible();
  await expect(dealer.getByText(`期间内您的开票采购额（扣除退货）为 ${yuanText(basis)}`, { exact: false })).toBeVisible();
  await expect(dealer.getByText(/^已于 .+ 计入返利余额$/)).toBeVisible();
  await checkA11y(dealer);
  const [download] = await Promise.all([dealer.waitForEvent("download"), dealer.getByRole("link", { name: "下载 PDF" }).click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^返利对账单-.+-${number}\\.pdf$`));
  const pdf = await download.createReadStream().then(async (s) => {
    const chunks: Buffer[] = [];
    for await (const c of s) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  });
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  await dealer.screenshot({ path: "docs/screenshots/portal-rebate-statement.png", fullPage: true });

  // another dealer opening the statement's address: not found
  const other = await as(browser, "portal", "dealer2@demo.cn");
  const response = await other.goto(dealer.url());
  expect(response?.status()).toBe(404);

  // 5. checkout: more than the balance is refused; then part of the order is paid from it
  await dealer.goto(`${portalURL}/cart/quick-order`);
  await dealer.getByLabel("粘贴订货行").fill("KM-KB-W100 2");
  await dealer.getByRole("button", { name: "检查并加入购物车" }).click();
  await dealer.waitForURL(/\/cart(\?|$)/);
  await dealer.getByRole("link", { name: "去结算" }).click();
  await expect(dealer.getByText(/可用返利余额：/)).toBeVisible();
  const accept = dealer.getByLabel("我已知晓以上变化，按现在的价格下单");
  await expect(accept).toHaveCount(0);
  await dealer.getByLabel("本次抵扣金额（元）").fill(String(Math.ceil(balanceBefore + 1)));
  await dealer.getByRole("button", { name: "提交订单" }).click();
  await expect(dealer.getByText("抵扣金额超过了可用的返利余额。")).toBeVisible();
  await dealer.getByLabel("本次抵扣金额（元）").fill("1.50");
  await expect(accept).toHaveCount(0);
  await dealer.screenshot({ path: "docs/screenshots/portal-checkout-rebate.png", fullPage: true });
  await dealer.getByRole("button", { name: "提交订单" }).click();
  await expect(dealer.getByText(/订单已提交，订单号 SO-\d{4}-\d{6}/)).toBeVisible();
  await expect(dealer.getByTestId("rebate-applied")).toHaveText("−¥1.50");

  // the balance went down by what the order used, and the ledger says so
  await dealer.goto(`${portalURL}/rebates/ledger`);
  await expect(dealer.getByRole("cell", { name: "下单抵扣" }).first()).toBeVisible();
  await dealer.goto(`${portalURL}/rebates`);
  await expect(dealer.getByTestId("rebate-balance")).toHaveText(yuanText(balanceBeforeSettling + rebateFen - 150n));
});

test("finance records a price drop, is told what is wrong, reviews each partner's stock on the date and approves it once into statements", async ({ browser }) => {
  const finance = await as(browser, "backoffice", "finance@demo.cn");
  // The demo's second price protection waits for review; a new one is made here for the same product.
  await finance.goto(`${backofficeURL}/rebates/price-protection`);
  await expect(finance.getByRole("heading", { name: "价格保护" })).toBeVisible();
  const draftRow = finance.getByRole("row").filter({ hasText: "草稿" }).first();
  const sku = ((await draftRow.getByRole("cell").nth(1).textContent()) ?? "").trim().split(" ")[0]!;
  await checkA11y(finance);

  await finance.getByRole("link", { name: "新建价格保护" }).click();
  // the list has a "产品" column toggle too: fill the form only once it is shown
  await expect(finance.getByLabel("调价前含税单价（元）")).toBeVisible();
  await finance.getByLabel("产品").fill(sku);
  await finance.getByLabel("调价前含税单价（元）").fill("100");
  await finance.getByLabel("调价后含税单价（元）").fill("120");
  await finance.getByRole("button", { name: "计算并保存草稿" }).click();
  await expect(finance.getByText("调价后单价必须低于调价前单价。")).toBeVisible();
  await finance.getByLabel("调价后含税单价（元）").fill("88.80");
  await finance.getByRole("button", { name: "计算并保存草稿" }).click();
  await expect(finance.getByText("价格保护草稿已保存")).toBeVisible();
  await expect(finance.getByRole("heading", { name: /价格保护 PP-\d{4}-\d{6}/ })).toBeVisible();
  await expect(finance.getByRole("row").filter({ hasText: "DL-0001" })).toBeVisible();
  await checkA11y(finance);
  await finance.screenshot({ path: "docs/screenshots/backoffice-price-protection.png", fullPage: true });

  await finance.getByRole("button", { name: "重新计算" }).click();
  await expect(finance.getByText("已按库存台账重新计算")).toBeVisible();
  finance.once("dialog", (d) => void d.accept());
  await finance.getByRole("button", { name: "批准并生成对账单" }).click();
  await expect(finance.getByText(/已批准，生成 \d+ 张价保对账单/)).toBeVisible();
  await expect(finance.getByRole("button", { name: "批准并生成对账单" })).toHaveCount(0);
  await finance.getByRole("row").filter({ hasText: "DL-0001" }).getByRole("link", { name: /^PPS-/ }).click();
  await expect(finance.getByRole("heading", { name: /返利对账单 PPS-/ })).toBeVisible();
  await expect(finance.getByText(/的伙伴含税单价自 .+ 起由 ¥100.00 降至 ¥88.80/)).toBeVisible();
});

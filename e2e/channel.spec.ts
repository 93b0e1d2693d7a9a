import type { Browser } from "@playwright/test";
import { and, asc, eq, isNotNull, ne } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import ExcelJS from "exceljs";
import { createDatabase, organizations, type Database } from "@cs/db";
import { backofficeURL, checkA11y, expect, portalURL, pageAs, test } from "./fixtures";
import { e2eDatabaseUrl } from "./urls";

/**
 * Channel performance on the e2e server's own database: the manager opens the channel tree, moves a
 * Beijing dealer under another agent from today, imports targets (a file with a bad row is refused
 * whole, then a good one lands), reads the scorecard and a partner's trend; the dealer sees its
 * progress to target in the portal.
 */
const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
const nextYear = `${Number(today.slice(0, 4)) + 1}-01-01`;

let db: Database;
type Org = typeof organizations.$inferSelect;
let dealer: Org;
let oldAgent: Org;
let newAgent: Org;

test.beforeAll(async () => {
  db = createDatabase(e2eDatabaseUrl, { max: 2 });
  const parent = alias(organizations, "parent");
  const [bj] = await db.select().from(organizations).where(eq(organizations.code, "BJ"));
  // The last Beijing dealer under an agent: no other spec uses it.
  const [row] = await db
    .select({ org: organizations, parent })
    .from(organizations)
    .innerJoin(parent, eq(parent.id, organizations.parentId))
    .where(and(eq(organizations.kind, "dealer"), eq(organizations.ownerBranchId, bj!.id), eq(parent.kind, "agent"), isNotNull(organizations.tier)))
    .orderBy(asc(organizations.code))
    .then((rows) => rows.slice(-1));
  dealer = row!.org;
  oldAgent = row!.parent;
  [newAgent] = (await db
    .select()
    .from(organizations)
    .where(and(eq(organizations.kind, "agent"), eq(organizations.ownerBranchId, bj!.id), ne(organizations.id, oldAgent.id), eq(organizations.parentId, oldAgent.parentId!)))
    .orderBy(asc(organizations.code))
    .limit(1)) as [Org];
  expect(newAgent, "a second Beijing agent under the same master distributor").toBeDefined();
});

test.afterAll(async () => {
  await db?.$client.end({ timeout: 5 });
});

async function as(browser: Browser, app: "portal" | "backoffice", login: string, path?: string) {
  return pageAs(browser, app, login, { viewport: { width: 1280, height: 900 }, acceptDownloads: true }, path);
}

test("the manager moves a dealer in the channel tree, imports targets and reads the scorecard; the dealer sees its progress", async ({ browser }) => {
  test.setTimeout(240_000);
  const manager = await as(browser, "backoffice", "manager@demo.cn");

  // the tree, from the nav: master distributors at the top; open the dealer's master distributor and agent
  await manager.goto(backofficeURL);
  await manager.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "渠道与返利" }).click();
  await expect(manager.getByRole("heading", { name: /^渠道结构/ })).toBeVisible();
  await checkA11y(manager);
  await manager.goto(`${backofficeURL}/channel?open=${oldAgent.parentId},${oldAgent.id},${newAgent.id}`);
  await expect(manager.getByRole("link", { name: dealer.name, exact: true })).toBeVisible();
  await manager.screenshot({ path: "docs/screenshots/backoffice-channel-tree.png", fullPage: true });

  // move the dealer (and its sub-tree) under the other agent from today
  await manager.getByRole("link", { name: `移动 ${dealer.name}` }).click();
  const dialog = manager.getByRole("dialog", { name: `移动 ${dealer.name}` });
  await expect(dialog).toBeVisible();
  const option = await dialog.getByRole("option", { name: new RegExp(`^${newAgent.code} `) }).textContent();
  await dialog.getByLabel("新上级").selectOption({ label: option! });
  await dialog.getByLabel("生效日期").fill(today);
  await checkA11y(manager);
  await manager.screenshot({ path: "docs/screenshots/backoffice-channel-move.png", fullPage: true });
  await dialog.getByRole("button", { name: "确认移动" }).click();
  await expect(manager.getByText("已移动，渠道结构已更新。")).toBeVisible();
  const moved = await db.select({ parentId: organizations.parentId }).from(organizations).where(eq(organizations.id, dealer.id));
  expect(moved[0]!.parentId).toBe(newAgent.id);
  // the dealer now sits right below the new agent's row
  const rows = manager.locator("tbody tr");
  const names = await rows.allTextContents();
  const at = names.findIndex((t) => t.includes(newAgent.name));
  expect(names.slice(at + 1).some((t) => t.includes(dealer.name))).toBe(true);

  // targets: a file with one bad row is refused whole
  await manager.goto(`${backofficeURL}/channel/targets`);
  await expect(manager.getByRole("heading", { name: "目标管理" })).toBeVisible();
  const header = "伙伴编码,期间类型,期间开始,事业部编码,目标金额（元）\n";
  const upload = async (name: string, body: string) => {
    await manager.getByLabel("文件").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(body, "utf8") });
    await manager.getByRole("button", { name: "导入" }).click();
  };
  await upload("targets-bad.csv", `${header}${dealer.code},year,${nextYear},,880000\n${dealer.code},quarter,${nextYear.slice(0, 5)}02-01,,1000\n`);
  await expect(manager.getByText("文件中有 1 处错误，未导入任何数据。请修改后重新上传。")).toBeVisible();
  await expect(manager.getByRole("cell", { name: "期间开始日期须为该月、季或年的第一天。" })).toBeVisible();
  await checkA11y(manager);
  await manager.screenshot({ path: "docs/screenshots/backoffice-targets-import-errors.png", fullPage: true });
  await manager.goto(`${backofficeURL}/channel/targets?q=${dealer.code}&periodStart=${nextYear}`);
  await expect(manager.getByRole("cell", { name: "880,000.00" })).toHaveCount(0);

  // then a good file lands, and the list shows it
  await upload("targets.csv", `${header}${dealer.code},year,${nextYear},,"880,000.00"\n${dealer.code},季度,${nextYear},,200000.5\n`);
  await expect(manager.getByText("已导入 2 行：新增 2，修改 0，未变 0。")).toBeVisible();
  await manager.goto(`${backofficeURL}/channel/targets?q=${dealer.code}&periodStart=${nextYear}`);
  await expect(manager.getByRole("cell", { name: "¥880,000.00" })).toBeVisible();
  await expect(manager.getByRole("cell", { name: "¥200,000.50" })).toBeVisible();
  await checkA11y(manager);
  await manager.screenshot({ path: "docs/screenshots/backoffice-targets.png", fullPage: true });

  // the scorecard for this quarter, then a partner's page with its trend
  await manager.getByRole("link", { name: "伙伴考核" }).click();
  await expect(manager.getByRole("heading", { name: /^伙伴考核/ })).toBeVisible();
  await expect(manager.getByRole("columnheader", { name: /级别内排名/ })).toBeVisible();
  await expect(manager.locator("tbody tr").first()).toBeVisible();
  await checkA11y(manager);
  await manager.screenshot({ path: "docs/screenshots/backoffice-scorecard.png", fullPage: true });
  // the whole filtered scorecard exports to Excel (Chinese headers, amounts in yuan) and CSV
  const [xlsx] = await Promise.all([manager.waitForEvent("download"), manager.getByRole("link", { name: "导出 Excel" }).click()]);
  expect(xlsx.suggestedFilename()).toMatch(/^scorecard-quarter-\d{4}-\d{2}-01-.*\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile((await xlsx.path())!);
  const sheet = workbook.worksheets[0]!;
  expect(sheet.getRow(1).values).toEqual(expect.arrayContaining(["净采购额", "按时回款率", "完成率", "级别内排名"]));
  expect(sheet.rowCount).toBeGreaterThan(20);
  const [csv] = await Promise.all([manager.waitForEvent("download"), manager.getByRole("link", { name: "导出 CSV" }).click()]);
  expect(csv.suggestedFilename()).toMatch(/\.csv$/);
  await manager.goto(`${backofficeURL}/channel/scorecard?q=${dealer.code}`);
  await manager.getByRole("link", { name: new RegExp(dealer.name) }).click();
  await expect(manager.getByRole("heading", { name: `${dealer.name} 绩效` })).toBeVisible();
  await expect(manager.getByText("近 12 个月趋势")).toBeVisible();
  await checkA11y(manager);
  await manager.screenshot({ path: "docs/screenshots/backoffice-partner-performance.png", fullPage: true });

  // the dealer: progress to its targets in the portal
  const portal = await as(browser, "portal", "dealer@demo.cn");
  await portal.goto(portalURL);
  await portal.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "返利与业绩" }).click();
  await portal.getByRole("navigation", { name: "返利与业绩" }).getByRole("link", { name: "我的业绩" }).click();
  await expect(portal.getByRole("heading", { name: "我的业绩" })).toBeVisible();
  await expect(portal.getByRole("progressbar").first()).toBeVisible();
  await checkA11y(portal);
  await portal.screenshot({ path: "docs/screenshots/portal-my-performance.png", fullPage: true });
});

import type { Browser } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { createDatabase, organizations, stockMoves, type Database } from "@cs/db";
import { checkA11y, expect, portalURL, pageAs, test } from "./fixtures";
import { e2eDatabaseUrl } from "./urls";

/**
 * After-sales service end to end on the e2e server's own database: the demo customer registers a
 * device (a serial we have no record of, so the warranty is to be checked and the repair is paid)
 * and files a request with a photo; the service desk assigns RS-001; the station's technician
 * accepts, receives, diagnoses, quotes and uses a spare part; the customer approves the quote; the
 * station repairs and returns the device; the customer closes and rates it; the part's stock move
 * is in the ledger.
 */

let db: Database;
const serial = `E2E${Date.now().toString(36).toUpperCase()}`;
// the smallest valid PNG header is enough: the server checks the type by its magic bytes
const photo = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

test.beforeAll(() => {
  db = createDatabase(e2eDatabaseUrl, { max: 2 });
});

test.afterAll(async () => {
  await db?.$client.end({ timeout: 5 });
});

async function as(browser: Browser, app: "portal" | "backoffice", login: string, path?: string) {
  return pageAs(browser, app, login, { viewport: { width: 1280, height: 900 } }, path);
}

test("a customer's repair goes from device registration to rating, with the station's part in the ledger", async ({ browser }) => {
  test.setTimeout(300_000);
  const [station] = await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(eq(organizations.code, "RS-001"));

  // the customer registers a device with a proof of purchase
  const customer = await as(browser, "portal", "customer@demo.cn", "/service/devices");
  await expect(customer.getByRole("heading", { name: "我的设备" })).toBeVisible();
  await customer.getByLabel("序列号").fill(serial);
  await customer.getByLabel("产品型号").selectOption({ index: 1 });
  await customer.getByLabel("购买日期").fill("2026-05-20");
  // a GIF is refused by its bytes, whatever its name says
  await customer.getByLabel("购买凭证").setInputFiles({ name: "proof.png", mimeType: "image/png", buffer: Buffer.from("GIF89a-not-an-allowed-type") });
  await customer.getByRole("button", { name: "登记", exact: true }).click();
  await expect(customer.getByText("只能上传 JPG、PNG 或 WebP 图片")).toBeVisible();
  await customer.getByLabel("序列号").fill(serial);
  await customer.getByLabel("购买凭证").setInputFiles({ name: "proof.png", mimeType: "image/png", buffer: photo });
  await customer.getByRole("button", { name: "登记", exact: true }).click();
  await expect(customer.getByText("设备已登记")).toBeVisible();
  await checkA11y(customer);

  // …and files a repair request with a photo; the warranty shows at once with its reason
  await customer.getByRole("link", { name: `申请维修 ${serial}` }).click();
  // the device list can show the same warranty words for other devices: wait for the request form first
  await expect(customer.getByLabel("故障描述")).toBeVisible();
  await expect(customer.getByText("序列号未找到，已受理，待人工核实保修")).toBeVisible();
  await customer.getByLabel("故障描述").fill("开机后屏幕闪烁，偶尔黑屏");
  await customer.getByLabel("故障照片").setInputFiles({ name: "screen.png", mimeType: "image/png", buffer: photo });
  await customer.getByLabel("城市").fill("北京");
  await customer.getByRole("button", { name: "提交维修申请" }).click();
  await expect(customer.getByText("维修申请已提交")).toBeVisible();
  await expect(customer.getByText("序列号未找到，已受理，待人工核实保修")).toBeVisible();
  await expect(customer.getByRole("img", { name: "screen.png" })).toBeVisible();
  const requestUrl = new URL(customer.url()).pathname;
  const number = ((await customer.getByRole("heading", { level: 1 }).textContent()) ?? "").replace("维修单", "").trim();
  expect(number).toMatch(/^RMA-\d{4}-\d{6}$/);
  await checkA11y(customer);

  // the service desk finds it and assigns RS-001
  const desk = await as(browser, "backoffice", "service@demo.cn", `/service/requests?q=${number}`);
  await desk.getByRole("link", { name: number }).click();
  await expect(desk.getByRole("list", { name: "推荐网点" })).toBeVisible();
  await desk.getByLabel("服务网点").selectOption(station!.id);
  await desk.getByRole("button", { name: "分配", exact: true }).click();
  await expect(desk.getByText("已分配服务网点").first()).toBeVisible();
  await checkA11y(desk);

  // the technician sees it in the live queue and works it
  const tech = await as(browser, "portal", "tech@demo.cn", "/service/queue");
  await tech.getByRole("link", { name: number }).click();
  for (const [button, done] of [
    ["受理", "已受理"],
    ["确认收机", "已确认收机"],
    ["开始检测", "已开始检测"],
  ] as const) {
    await tech.getByRole("button", { name: button, exact: true }).click();
    await expect(tech.getByText(done, { exact: true }).first()).toBeVisible();
  }
  // repairing before the customer says yes to a quote is refused
  await tech.getByLabel("检测结果").fill("屏线老化接触不良，需更换屏线");
  await tech.getByLabel("报价（元）").fill("280");
  await tech.getByRole("button", { name: "保存检测结果" }).click();
  await expect(tech.getByText("检测结果已保存")).toBeVisible();
  await tech.getByRole("button", { name: "开始维修", exact: true }).click();
  await expect(tech.getByText("保外维修须客户同意报价后才能继续")).toBeVisible();
  // a spare part from the station's store
  await tech.getByRole("combobox", { name: "备件", exact: true }).selectOption({ index: 1 });
  await tech.getByLabel("换下的故障件序列号").fill("OLD-CABLE-01");
  await tech.getByRole("button", { name: "记录" }).click();
  await expect(tech.getByText("备件使用已记录，库存已扣减")).toBeVisible();
  await expect(tech.getByText("换下 OLD-CABLE-01")).toBeVisible();

  // the customer approves the quote
  await customer.goto(`${portalURL}${requestUrl}`);
  await customer.getByRole("button", { name: "同意报价" }).click();
  await expect(customer.getByText("已同意报价")).toBeVisible();

  // the station completes and returns the device
  await tech.goto(`${portalURL}${requestUrl}`);
  await tech.getByRole("button", { name: "开始维修", exact: true }).click();
  await expect(tech.getByText("已开始维修")).toBeVisible();
  await tech.getByRole("button", { name: "维修完成", exact: true }).click();
  await expect(tech.getByText("已标记为维修完成")).toBeVisible();
  await tech.getByRole("button", { name: "已交还客户", exact: true }).click();
  // the button says "已交还客户" too: wait for the timeline's entry, or the customer may look too early
  await expect(tech.getByText("设备已交还")).toBeVisible();

  // the customer closes and rates it
  await customer.goto(`${portalURL}${requestUrl}`);
  await customer.getByRole("button", { name: "确认关闭" }).click();
  // no star is chosen until the customer picks one
  await expect(customer.getByRole("radio", { name: "非常满意" })).not.toBeChecked();
  await customer.locator('label[for="rating-5"]').click();
  await expect(customer.getByRole("radio", { name: "非常满意" })).toBeChecked();
  await customer.getByLabel("备注").fill("修得很快");
  await customer.getByRole("button", { name: "提交评价" }).click();
  await expect(customer.getByText("感谢您的评价")).toBeVisible();
  await expect(customer.getByText("客户评价")).toBeVisible();

  // the part left the station's parts store as a parts_use move referencing the request
  const moves = await db.select().from(stockMoves).where(and(eq(stockMoves.referenceType, "repair_request"), eq(stockMoves.referenceId, number)));
  expect(moves).toHaveLength(1);
  expect(moves[0]!.reason).toBe("parts_use");
  await expect(customer.getByText(`库存流水 #${moves[0]!.id}`)).toBeVisible();
});

test("an in-warranty repair is claimed by the station, adjusted by the desk and paid in the month's settlement", async ({ browser }) => {
  test.setTimeout(210_000);
  // the demo's in-warranty request at RS-001, already being diagnosed
  const tech = await as(browser, "portal", "tech@demo.cn", "/service/queue");
  await tech.getByRole("row").filter({ hasText: "检测中" }).getByRole("link", { name: /^RMA-/ }).click();
  await expect(tech.getByRole("heading", { level: 1, name: /^维修单 RMA-/ })).toBeVisible();
  const requestUrl = new URL(tech.url()).pathname;
  const number = ((await tech.getByRole("heading", { level: 1 }).textContent()) ?? "").replace("维修单", "").trim();
  await tech.getByLabel("检测结果").fill("散热模组积灰，清洁并更换风扇");
  await tech.getByRole("button", { name: "保存检测结果" }).click();
  await expect(tech.getByText("检测结果已保存")).toBeVisible();
  await tech.getByRole("combobox", { name: "备件", exact: true }).selectOption({ index: 1 });
  await tech.getByRole("button", { name: "记录" }).click();
  await expect(tech.getByText("备件使用已记录，库存已扣减")).toBeVisible();
  for (const [button, done] of [
    ["开始维修", "已开始维修"],
    ["维修完成", "已标记为维修完成"],
  ] as const) {
    await tech.getByRole("button", { name: button, exact: true }).click();
    await expect(tech.getByText(done).first()).toBeVisible();
  }
  // a technician may not claim; the station admin does
  await expect(tech.getByRole("button", { name: "提交索赔" })).toHaveCount(0);
  const admin = await as(browser, "portal", "station@demo.cn");
  await admin.goto(`${portalURL}${requestUrl}`);
  await admin.getByLabel("工时费（元）").fill("150");
  await admin.getByRole("button", { name: "提交索赔" }).click();
  await expect(admin.getByText("索赔已提交")).toBeVisible();
  await expect(admin.getByText("待审核")).toBeVisible();

  // the desk adjusts the labour and issues the month's statement
  const desk = await as(browser, "backoffice", "service@demo.cn", `/service/requests?q=${number}`);
  await desk.getByRole("link", { name: number }).click();
  await desk.getByLabel("核定金额（元）").fill("100");
  await desk.getByRole("button", { name: "调整", exact: true }).click();
  await expect(desk.getByText("请填写原因")).toBeVisible();
  await desk.getByLabel("核定金额（元）").fill("100");
  await desk.getByLabel("审核意见").fill("工时按标准 100 元");
  await desk.getByRole("button", { name: "调整", exact: true }).click();
  await expect(desk.getByText("索赔已处理")).toBeVisible();
  await desk.getByRole("button", { name: "生成结算单" }).click();
  await expect(desk.getByText("结算单已生成")).toBeVisible();
  await checkA11y(desk);

  // the station admin sees the statement payable to it, with the claim
  await admin.goto(`${portalURL}/service/settlements`);
  await admin.getByRole("link", { name: /^STL-/ }).first().click();
  await expect(admin.getByRole("link", { name: number })).toBeVisible();
  await expect(admin.getByText("¥100.00").first()).toBeVisible();
  await checkA11y(admin);
});

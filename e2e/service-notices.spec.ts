import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { createDatabase, organizations, productLines, products, type Database } from "@cs/db";
import { approveQuote, assignStation, fileRepairRequest, recordDiagnosis, registerDevice, transitionRepair, type UploadStore } from "@cs/domain";
import { ctxOf, newKey } from "@cs/testing/demo";
import { expect, portalURL, pageAs, test } from "./fixtures";
import { e2eDatabaseUrl } from "./urls";

/**
 * The knowledge base and the notices around a repair: a notebook repair (brought to "repairing"
 * through the domain, as the main service spec walks those steps in the browser) shows the station's
 * technician the published articles for notebooks; the technician finishes the repair and the
 * customer finds the notice; the technician then turns the resolved request into a knowledge draft.
 */

let db: Database;
let store: UploadStore;
const serial = `E2EKB${Date.now().toString(36).toUpperCase()}`;

test.beforeAll(async () => {
  db = createDatabase(e2eDatabaseUrl, { max: 2 });
  store = { dir: await mkdtemp(path.join(tmpdir(), "e2e-service-notices-")) };
});

test.afterAll(async () => {
  await db?.$client.end({ timeout: 5 });
  await rm(store.dir, { recursive: true, force: true });
});

async function as(browser: Browser, login: string, path?: string) {
  return pageAs(browser, "portal", login, { viewport: { width: 1280, height: 900 } }, path);
}

test("the technician sees related articles, the customer is told the repair is ready, and the request becomes a draft", async ({ browser }) => {
  const [notebook] = await db
    .select({ id: products.id })
    .from(products)
    .innerJoin(productLines, eq(productLines.id, products.productLineId))
    .where(and(eq(productLines.code, "NB"), eq(products.serialized, true)))
    .orderBy(products.sku)
    .limit(1);
  const [station] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, "RS-001"));
  const [customer, desk, tech] = await Promise.all([ctxOf(db, "customer@demo.cn"), ctxOf(db, "service@demo.cn"), ctxOf(db, "tech@demo.cn")]);
  const device = await registerDevice(customer, { _key: newKey(), serial, productId: notebook!.id, purchasedOn: "2026-05-01" }, [], store);
  const filed = await fileRepairRequest(customer, { _key: newKey(), deviceId: device.deviceId, symptoms: "开机后风扇狂转，随即自动关机", serviceMode: "drop_off", city: "北京" }, [], store);
  const requestId = filed.requestId;
  await assignStation(desk, { _key: newKey(), requestId, stationId: station!.id });
  for (const to of ["accepted", "received", "diagnosing"] as const) await transitionRepair(tech, { _key: newKey(), requestId, to });
  await recordDiagnosis(tech, { _key: newKey(), requestId, diagnosis: "散热模组积灰，CPU 过热保护", quoteYuan: "120" });
  await approveQuote(customer, { _key: newKey(), requestId });
  await transitionRepair(tech, { _key: newKey(), requestId, to: "repairing" });

  // the technician sees published notebook articles on the request and opens one
  const techPage = await as(browser, "tech@demo.cn");
  await techPage.goto(`${portalURL}/service/requests/${requestId}`);
  const related = techPage.getByRole("list", { name: "相关知识库文章" });
  await expect(related.getByRole("link").first()).toBeVisible();
  const title = (await related.getByRole("link").first().textContent())!;
  // no draft button before the repair is resolved
  await expect(techPage.getByRole("button", { name: "转为知识库草稿" })).toHaveCount(0);

  // …finishes the repair with its resolution
  await techPage.getByLabel("维修结果").fill("清理散热模组并更换导热硅脂，烤机 2 小时正常");
  await techPage.getByRole("button", { name: "维修完成" }).click();
  await expect(techPage.getByRole("button", { name: "已交还客户" })).toBeVisible();

  // the customer is told, in the app
  const customerPage = await as(browser, "customer@demo.cn");
  await customerPage.goto(`${portalURL}/notifications`);
  await expect(customerPage.getByText(`报修单 ${filed.number} 已修复，可以取回设备`).first()).toBeVisible();

  // the technician opens a related article, then turns the resolved request into a draft
  await related.getByRole("link", { name: title }).click();
  await expect(techPage).toHaveURL(/\/knowledge\/[0-9a-f-]{36}$/);
  await expect(techPage.getByText(title).first()).toBeVisible();
  await techPage.goBack();
  await techPage.getByRole("button", { name: "转为知识库草稿" }).click();
  await expect(techPage.getByText("已根据报修单生成知识库草稿")).toBeVisible();
  await expect(techPage).toHaveURL(/\/knowledge\/[0-9a-f-]{36}\?done=draftCreated/);
});

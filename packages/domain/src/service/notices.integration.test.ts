import { and, eq, like, sql } from "drizzle-orm";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devices, emailOutbox, notifications, userRoles, users, type Database } from "@cs/db";
import { seedUuid } from "@cs/seed";
import { testDb } from "../../../../tests/db";
import type { Ctx } from "../shared/context";
import { ctxOf, newKey, seedDemoData, userIdOf } from "@cs/testing/demo";
import { assignStation, declineRequest, escalateRepair } from "./desk";
import { registerDevice } from "./devices";
import { fileRepairRequest } from "./file-request";
import { approveQuote, recordDiagnosis, refuseQuote, transitionRepair } from "./transition";
import type { UploadStore } from "./uploads";

let db: Database;
let store: UploadStore;
let requestId = "";
const ids: Record<string, string> = {};
const as: Record<"customer" | "desk" | "tech", Ctx> = {} as never;

/** Who got a notice of this kind about the request, by login. */
const noticed = async (kind: string) =>
  (
    await db
      .select({ login: users.login, params: notifications.params, entityType: notifications.entityType })
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.userId))
      .where(and(eq(notifications.entityId, requestId), eq(notifications.kind, kind)))
  )
    .map((n) => n.login)
    .sort();

/** Everyone on the service desk (the audience of desk notices), by login. */
const deskLogins = async () =>
  (await db.select({ login: users.login }).from(users).innerJoin(userRoles, eq(userRoles.userId, users.id)).where(and(eq(userRoles.role, "service_desk"), eq(users.status, "active"))))
    .map((u) => u.login)
    .sort();

const mails = async (kind: string) =>
  (await db.select().from(emailOutbox).where(eq(emailOutbox.template, kind)))
    .filter((m) => (m.params as { entityId?: string }).entityId === requestId)
    .map((m) => [m.toAddress, m.locale, m.status])
    .sort();

async function addUser(login: string, kind: "partner" | "customer", role: string, org: { organizationId?: string; endCustomerId?: string }) {
  const [u] = await db
    .insert(users)
    .values({ kind, login, displayName: login, passwordHash: "x:x", organizationId: org.organizationId ?? null, endCustomerId: org.endCustomerId ?? null })
    .returning({ id: users.id });
  await db.insert(userRoles).values({ userId: u!.id, role });
  ids[login] = u!.id;
}

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  store = { dir: await mkdtemp(path.join(tmpdir(), "service-notices-")) };
  as.customer = await ctxOf(db, "customer@demo.cn");
  as.desk = await ctxOf(db, "service@demo.cn");
  as.tech = await ctxOf(db, "tech@demo.cn");
  for (const login of ["customer@demo.cn", "service@demo.cn", "tech@demo.cn", "station@demo.cn", "dealer@demo.cn"]) ids[login] = await userIdOf(db, login);
  // another customer and another station's technician: they must hear nothing of this request
  await addUser("customer2@test.cn", "customer", "customer", { endCustomerId: seedUuid("end-customer:2") });
  await addUser("tech2@test.cn", "partner", "technician", { organizationId: seedUuid("org:RS-002") });
  // unknown serials of a serialized product: paid repairs, so the station quotes
  const [nb] = await db.execute<{ id: string }>(sql`select id from products where serialized order by sku limit 1`);
  for (const serial of ["ZZ-NOTICE-1", "ZZ-NOTICE-2", "ZZ-NOTICE-3"]) await registerDevice(as.customer, { _key: newKey(), serial, productId: nb!.id, purchasedOn: "2026-05-01" }, [], store);
});

afterAll(async () => {
  await rm(store.dir, { recursive: true, force: true });
});

describe("repair request notices", () => {
  it("a filed request tells the service desk, not the customer who filed it, with an e-mail", async () => {
    const [device] = await db.select({ id: devices.id }).from(devices).where(eq(devices.serial, "ZZ-NOTICE-1"));
    const r = await fileRepairRequest(as.customer, { _key: newKey(), deviceId: device!.id, symptoms: "无法开机，电源灯不亮", serviceMode: "drop_off", city: "北京" }, [], store);
    requestId = r.requestId;
    const desk = (await db.select({ login: users.login }).from(users).innerJoin(userRoles, eq(userRoles.userId, users.id)).where(and(eq(userRoles.role, "service_desk"), eq(users.status, "active"))))
      .map((u) => u.login)
      .sort();
    expect(desk).toContain("service@demo.cn");
    expect(await noticed("repair.filed")).toEqual(desk);
    expect(await mails("repair.filed")).toContainEqual(["service@demo.cn", "zh-CN", "pending"]);
    const [n] = await db.select().from(notifications).where(and(eq(notifications.entityId, requestId), eq(notifications.kind, "repair.filed")));
    expect(n).toMatchObject({ entityType: "repair", params: { number: r.number, entityType: "repair", entityId: requestId } });
  });

  it("an assignment tells the station's people only, not another station's technician", async () => {
    await assignStation(as.desk, { _key: newKey(), requestId, stationId: seedUuid("org:RS-001") });
    expect(await noticed("repair.assigned")).toEqual(["station@demo.cn", "tech@demo.cn"]);
    expect((await mails("repair.assigned")).map((m) => m[0])).toEqual(["station@demo.cn", "tech@demo.cn"]);
  });

  it("steps nobody needs to hear about make no notices", async () => {
    for (const to of ["accepted", "received", "diagnosing"] as const) await transitionRepair(as.tech, { _key: newKey(), requestId, to });
    const kinds = (await db.select({ kind: notifications.kind }).from(notifications).where(eq(notifications.entityId, requestId))).map((n) => n.kind).sort();
    expect(kinds.filter((k) => !["repair.filed", "repair.assigned"].includes(k))).toEqual([]);
  });

  it("a quote tells the customer who filed, not another customer, and queues the e-mail in the same transaction", async () => {
    await recordDiagnosis(as.tech, { _key: newKey(), requestId, diagnosis: "主板供电故障", quoteYuan: "350" });
    expect(await noticed("repair.quoted")).toEqual(["customer@demo.cn"]);
    expect(await mails("repair.quoted")).toEqual([["customer@demo.cn", "zh-CN", "pending"]]);
    const others = await db.select().from(notifications).where(and(eq(notifications.entityId, requestId), like(notifications.kind, "repair.%")));
    for (const login of ["customer2@test.cn", "tech2@test.cn", "dealer@demo.cn"]) expect(others.map((n) => n.userId)).not.toContain(ids[login]);
  });

  it("the customer's approval of the quote tells the station's people, not the customer, with e-mails", async () => {
    await approveQuote(as.customer, { _key: newKey(), requestId });
    expect(await noticed("repair.quote_approved")).toEqual(["station@demo.cn", "tech@demo.cn"]);
    expect((await mails("repair.quote_approved")).map((m) => m[0])).toEqual(["station@demo.cn", "tech@demo.cn"]);
  });

  it("a cancellation by the customer tells the station, not the customer", async () => {
    // a second request, cancelled by its filer once a station has it but before receipt
    const [device] = await db.select({ id: devices.id }).from(devices).where(eq(devices.serial, "ZZ-NOTICE-2"));
    requestId = (await fileRepairRequest(as.customer, { _key: newKey(), deviceId: device!.id, symptoms: "键盘部分按键失灵", serviceMode: "drop_off", city: "北京" }, [], store)).requestId;
    await assignStation(as.desk, { _key: newKey(), requestId, stationId: seedUuid("org:RS-001") });
    await transitionRepair(as.customer, { _key: newKey(), requestId, to: "cancelled" });
    expect(await noticed("repair.cancelled")).toEqual(["station@demo.cn", "tech@demo.cn"]);
  });

  it("a station declining tells the desk (not the station), an escalation tells the station, and a refused quote tells the station", async () => {
    const [device] = await db.select({ id: devices.id }).from(devices).where(eq(devices.serial, "ZZ-NOTICE-3"));
    requestId = (await fileRepairRequest(as.customer, { _key: newKey(), deviceId: device!.id, symptoms: "屏幕闪烁，偶尔黑屏", serviceMode: "drop_off", city: "北京" }, [], store)).requestId;
    await assignStation(as.desk, { _key: newKey(), requestId, stationId: seedUuid("org:RS-001") });
    await declineRequest(as.tech, { _key: newKey(), requestId, comment: "本站暂缺该型号屏幕" });
    expect(await noticed("repair.declined")).toEqual(await deskLogins());
    expect(await mails("repair.declined")).toContainEqual(["service@demo.cn", "zh-CN", "pending"]);

    await assignStation(as.desk, { _key: newKey(), requestId, stationId: seedUuid("org:RS-001") });
    await escalateRepair(as.desk, { _key: newKey(), requestId, comment: "客户投诉" });
    expect(await noticed("repair.escalated")).toEqual(["station@demo.cn", "tech@demo.cn"]);

    for (const to of ["accepted", "received", "diagnosing"] as const) await transitionRepair(as.tech, { _key: newKey(), requestId, to });
    await recordDiagnosis(as.tech, { _key: newKey(), requestId, diagnosis: "屏线接触不良", quoteYuan: "180" });
    await refuseQuote(as.customer, { _key: newKey(), requestId, comment: "太贵了" });
    expect(await noticed("repair.quote_refused")).toEqual(["station@demo.cn", "tech@demo.cn"]);
    const heard = (await db.select({ userId: notifications.userId }).from(notifications).where(eq(notifications.entityId, requestId))).map((n) => n.userId);
    for (const login of ["customer2@test.cn", "tech2@test.cn"]) expect(heard).not.toContain(ids[login]);
  });
});

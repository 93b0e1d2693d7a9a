import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, divisions, organizations, repairEvents, repairStations, stationTechnicians, userRoles, users, type Database } from "@cs/db";
import { testDb } from "../../../../../tests/db";
import type { Ctx } from "../../shared/context";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../shared/errors";
import { ctxOf, fakeHash, newKey, seedDemoData } from "@cs/testing/demo";
import { stationListQuery } from "./inputs";
import { customerHistory, serialHistory } from "./history";
import { getStation, listStations, saveStationProfile } from "./stations";
import { createTechnician, deactivateTechnician, linkTechnician } from "./technicians";
import { anySerializedProduct, customerOf, insertRepairRequest } from "./test-fixtures";
import { parseDayHours } from "./inputs";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;
let desk: Ctx;
let sales: Ctx;
let station: typeof organizations.$inferSelect;
let divisionId: string;

const hours = { hours_mon: "09:00-12:00, 13:00-18:00", hours_tue: "09:00-18:00", hours_wed: "09:00-18:00", hours_thu: "09:00-18:00", hours_fri: "09:00-18:00", hours_sat: "10:00-16:00", hours_sun: "" };

async function caught(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected a rejection");
}

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  [desk, sales] = await Promise.all([ctxOf(db, "service@demo.cn"), ctxOf(db, "sales.bj@demo.cn")]);
  // a station of its own (no profile yet), so the create path runs whatever the seed gives demo stations
  station = (await db.insert(organizations).values({ code: "RS-T01", kind: "repair_station", name: "测试维修站", city: "北京" }).returning())[0]!;
  [{ id: divisionId }] = await db.select({ id: divisions.id }).from(divisions).limit(1) as [{ id: string }];
});

describe("parseDayHours", () => {
  it.each([
    ["", []],
    ["09:00-18:00", [["09:00", "18:00"]]],
    ["13:00-18:00，09:00～12:00", [["09:00", "12:00"], ["13:00", "18:00"]]],
  ])("reads %j", (text, expected) => expect(parseDayHours(text)).toEqual(expected));
  it.each(["9-18", "18:00-09:00", "09:00-12:00, 11:00-13:00", "24:00-25:00", "早上"])("refuses %j", (text) => expect(parseDayHours(text)).toBeNull());
});

describe("saveStationProfile", () => {
  it("creates the profile, then updates under the loaded time, audited; a stale save with other values is a conflict", async () => {
    const created = await saveStationProfile(desk, station.id, { cities: "北京，天津 北京", divisionIds: [divisionId], capacityPerDay: "12", active: "on", ...hours });
    expect(created).toMatchObject({ cities: ["北京", "天津"], divisionIds: [divisionId], capacityPerDay: 12, active: true });
    expect(created.openingHours).toMatchObject({ mon: [["09:00", "12:00"], ["13:00", "18:00"]], sun: [] });
    const loadedAt = created.updatedAt.toISOString();
    const same = await saveStationProfile(desk, station.id, { cities: "北京,天津", divisionIds: [divisionId], capacityPerDay: "12", active: "on", loadedAt: "stale", ...hours });
    expect(same.updatedAt.toISOString()).toBe(loadedAt);
    const updated = await saveStationProfile(desk, station.id, { cities: "北京", divisionIds: [], capacityPerDay: "20", loadedAt, ...hours });
    expect(updated).toMatchObject({ cities: ["北京"], capacityPerDay: 20, active: false });
    await expectUnchanged(db, () => expect(saveStationProfile(desk, station.id, { cities: "上海", capacityPerDay: "5", loadedAt, ...hours })).rejects.toBeInstanceOf(ConflictError));
    const actions = (await db.select().from(auditLog).where(eq(auditLog.entityId, station.id))).map((a) => a.action);
    expect(actions).toEqual(["create", "update"]);
  });

  it.each([
    ["no city", { cities: "" }, "cities"],
    ["a negative capacity", { capacityPerDay: "-1" }, "capacityPerDay"],
    ["a capacity that is not a number", { capacityPerDay: "十" }, "capacityPerDay"],
    ["backwards hours", { hours_mon: "18:00-09:00" }, "hours_mon"],
    ["an unknown division", { divisionIds: ["00000000-0000-4000-8000-000000000000"] }, "divisionIds"],
  ])("refuses %s and changes nothing", async (_what, over, field) => {
    const [before] = await db.select().from(repairStations).where(eq(repairStations.organizationId, station.id));
    const error = await caught(saveStationProfile(desk, station.id, { cities: "北京", capacityPerDay: "8", loadedAt: before!.updatedAt.toISOString(), ...hours, ...over }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fieldErrors)).toContain(field);
    const [after] = await db.select().from(repairStations).where(eq(repairStations.organizationId, station.id));
    expect(after).toEqual(before);
  });

  it("is the desk's: sales is refused, a dealer id is not a station", async () => {
    await expectUnchanged(db, () => expect(saveStationProfile(sales, station.id, { cities: "北京", capacityPerDay: "1", ...hours })).rejects.toBeInstanceOf(ForbiddenError));
    const [dealer] = await db.select().from(organizations).where(eq(organizations.code, "DL-0001"));
    await expectUnchanged(db, () => expect(saveStationProfile(desk, dealer!.id, { cities: "北京", capacityPerDay: "1", ...hours })).rejects.toBeInstanceOf(NotFoundError));
  });
});

describe("technicians", () => {
  it("creates a technician login for the station once per key, and refuses a taken login", async () => {
    const key = newKey();
    const raw = { _key: key, name: "王师傅", login: "13800001111", password: "secret123" };
    const first = await createTechnician(desk, station.id, raw, { hashPassword: fakeHash });
    const again = await createTechnician(desk, station.id, raw, { hashPassword: fakeHash });
    expect(again.userId).toBe(first.userId);
    const [user] = await db.select().from(users).where(eq(users.id, first.userId));
    expect(user).toMatchObject({ kind: "partner", organizationId: station.id, login: "13800001111" });
    expect((await db.select().from(userRoles).where(eq(userRoles.userId, first.userId))).map((r) => r.role)).toEqual(["technician"]);
    const taken = await caught(createTechnician(desk, station.id, { ...raw, _key: newKey() }, { hashPassword: fakeHash }));
    expect((taken as ValidationError).fieldErrors).toEqual({ login: ["validation.loginTaken"] });
    const weak = await caught(createTechnician(desk, station.id, { ...raw, _key: newKey(), login: "x@y.cn", password: "short" }, { hashPassword: fakeHash }));
    expect(Object.keys((weak as ValidationError).fieldErrors)).toEqual(["password"]);
    const detail = await getStation(desk, station.id);
    expect(detail.technicians.map((t) => t.name)).toEqual(["王师傅"]);
  });

  it("deactivates and links back; refuses a user of another organization", async () => {
    const [{ userId }] = (await db.select({ userId: stationTechnicians.userId }).from(stationTechnicians).where(eq(stationTechnicians.stationId, station.id))) as [{ userId: string }];
    expect((await deactivateTechnician(desk, station.id, { userId })).changed).toBe(true);
    expect((await deactivateTechnician(desk, station.id, { userId })).changed).toBe(false);
    expect((await linkTechnician(desk, station.id, { userId })).changed).toBe(true);
    const [other] = await db.select({ id: users.id }).from(users).where(eq(users.login, "tech@demo.cn"));
    const refused = await caught(linkTechnician(desk, station.id, { userId: other!.id }));
    expect((refused as ValidationError).fieldErrors).toEqual({ userId: ["network.validation.notStationUser"] });
  });
});

describe("listStations", () => {
  it("lists repair stations with profile, load and technicians, filtered by served city and division", async () => {
    const page = await listStations(desk, stationListQuery.parse({ size: "100" }));
    expect(page.rows.every((r) => r.code.startsWith("RS-"))).toBe(true);
    expect(page.total).toBe(page.rows.length);
    const inBeijing = await listStations(desk, stationListQuery.parse({ city: "北京", size: "100" }));
    expect(inBeijing.rows.map((r) => r.code)).toContain("RS-T01");
    const row = inBeijing.rows.find((r) => r.code === "RS-T01")!;
    expect(row).toMatchObject({ hasProfile: true, capacityPerDay: 20, technicians: 1 });
    const sorted = await listStations(desk, stationListQuery.parse({ sort: "load", dir: "desc", size: "10" }));
    expect(sorted.rows).toHaveLength(10);
    await expectUnchanged(db, () => expect(listStations(sales, stationListQuery.parse({}))).rejects.toBeInstanceOf(ForbiddenError));
  });
});

describe("service history", () => {
  it("shows every request, part swap and timeline entry of a serial and of a customer", async () => {
    const product = await anySerializedProduct(db);
    const endCustomerId = await customerOf(db);
    const first = await insertRepairRequest(db, { productId: product.id, endCustomerId, serial: "HIST-001", status: "closed", stationId: station.id });
    const second = await insertRepairRequest(db, { productId: product.id, endCustomerId, serial: "HIST-001", status: "diagnosing", stationId: station.id });
    await db.insert(repairEvents).values([
      { requestId: first.id, action: "filed", toStatus: "submitted", comment: "客户来电报修" },
      { requestId: first.id, action: "transition", fromStatus: "returned", toStatus: "closed" },
    ]);
    const bySerial = await serialHistory(desk, " HIST-001 ");
    expect(bySerial!.requests.map((r) => r.id).sort()).toEqual([first.id, second.id].sort());
    expect(bySerial!.events.filter((e) => e.requestId === first.id).map((e) => e.comment)).toEqual(["客户来电报修", null]);
    const byCustomer = await customerHistory(desk, endCustomerId);
    expect(byCustomer.requests.map((r) => r.id)).toEqual(expect.arrayContaining([first.id, second.id]));
    expect(await serialHistory(desk, "")).toBeNull();
    await expectUnchanged(db, () => expect(customerHistory(desk, "nope")).rejects.toBeInstanceOf(NotFoundError));
    await expectUnchanged(db, () => expect(serialHistory(sales, "HIST-001")).rejects.toBeInstanceOf(ForbiddenError));
  });
});

it("leaves no station_technicians row for a refused creation", async () => {
  const [before] = await db.select({ n: count() }).from(stationTechnicians).where(and(eq(stationTechnicians.stationId, station.id)));
  await caught(createTechnician(desk, station.id, { _key: newKey(), name: "", login: "bad", password: "x" }, { hashPassword: fakeHash }));
  const [after] = await db.select({ n: count() }).from(stationTechnicians).where(and(eq(stationTechnicians.stationId, station.id)));
  expect(after!.n).toBe(before!.n);
});

import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { divisions, organizations, repairStations, stationTechnicians, userRoles, users, type Database } from "@cs/db";
import type { Ctx } from "@cs/domain";
import { ctxOf, newKey, seedDemoData } from "@cs/testing/demo";
import { expectUnchanged } from "@cs/testing/unchanged";
import { testDb } from "../../../../../../tests/db";
import { form, outcome } from "../../../../../../tests/route-outcome";
import { runStationAction } from "./actions.server";

/** A repair station's page forms (profile, technicians), posted to the dispatcher as the route hands them over. */

let db: Database;
let desk: Ctx;
let sales: Ctx;
let stationId = "";
let divisionIds: string[] = [];

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  [desk, sales] = (await Promise.all(["service@demo.cn", "sales.bj@demo.cn"].map((login) => ctxOf(db, login)))) as [Ctx, Ctx];
  stationId = (await db.insert(organizations).values({ code: "RS-T91", kind: "repair_station", name: "测试维修站", city: "北京" }).returning())[0]!.id;
  divisionIds = (await db.select({ id: divisions.id }).from(divisions).orderBy(divisions.code).limit(2)).map((d) => d.id);
});

const hours: [string, string][] = ["mon", "tue", "wed", "thu", "fri"].map((d) => [`hours_${d}`, "09:00-18:00"]);
const profile = (extra: readonly (readonly [string, string])[]) => form([["intent", "profile"], ["cities", "北京，天津"], ["capacityPerDay", "12"], ["active", "on"], ...hours, ...extra]);
const stationRow = async () => (await db.select().from(repairStations).where(eq(repairStations.organizationId, stationId)))[0];

describe("runStationAction", () => {
  it("saves the profile with every ticked division (a repeated field) and redirects saying so", async () => {
    const answer = await outcome(runStationAction(desk, stationId, profile(divisionIds.map((id) => ["divisionIds", id]))));
    expect(answer).toMatchObject({ status: 302, location: `/service/stations/${stationId}?done=saved` });
    const row = await stationRow();
    expect(row).toMatchObject({ cities: ["北京", "天津"], capacityPerDay: 12, active: true });
    expect([...row!.divisionIds].sort()).toEqual([...divisionIds].sort());
    expect(row!.openingHours).toMatchObject({ mon: [["09:00", "18:00"]], sat: [] });
  });

  it("creates a technician of this station who can sign in with the hashed password", async () => {
    const answer = await outcome(
      runStationAction(desk, stationId, form([["intent", "create-technician"], ["_key", newKey()], ["name", "李师傅"], ["login", "13800009191"], ["password", "Repair-2026-safe!"]])),
    );
    expect(answer).toMatchObject({ status: 302, location: `/service/stations/${stationId}?done=created` });
    const [user] = await db.select().from(users).where(eq(users.login, "13800009191"));
    expect(user).toMatchObject({ kind: "partner", organizationId: stationId, displayName: "李师傅" });
    expect(user!.passwordHash).not.toContain("Repair-2026-safe!");
    expect((await db.select().from(userRoles).where(eq(userRoles.userId, user!.id))).map((r) => r.role)).toEqual(["technician"]);
  });

  it("takes the technician off the station and links them again; a user of another company cannot be linked", async () => {
    const [tech] = await db.select().from(users).where(eq(users.login, "13800009191"));
    const linkRow = async () => (await db.select().from(stationTechnicians).where(eq(stationTechnicians.userId, tech!.id)))[0];
    expect((await linkRow())?.active).toBe(true);
    expect(await outcome(runStationAction(desk, stationId, form([["intent", "deactivate"], ["userId", tech!.id]])))).toMatchObject({
      status: 302,
      location: `/service/stations/${stationId}?done=deactivated`,
    });
    expect((await linkRow())?.active).toBe(false);
    expect(await outcome(runStationAction(desk, stationId, form([["intent", "link"], ["userId", tech!.id]])))).toMatchObject({ status: 302, location: `/service/stations/${stationId}?done=linked` });
    expect((await linkRow())?.active).toBe(true);
    const outsider = sales.actor.userId;
    const answer = await expectUnchanged(db, () => outcome(runStationAction(desk, stationId, form([["intent", "link"], ["userId", outsider]]))));
    expect(answer).toMatchObject({ status: 400, data: { error: { userId: ["network.validation.notStationUser"] } } });
  });

  it("answers an unknown intent with nothing and changes nothing", async () => {
    const answer = await expectUnchanged(db, () => outcome(runStationAction(desk, stationId, form([["intent", "delete-station"]]))));
    expect(answer).toMatchObject({ thrown: false, status: null });
  });

  it.each(["__proto__", "constructor", "prototype"])("refuses a field named %s with 400 and saves nothing", async (name) => {
    const answer = await expectUnchanged(db, () => outcome(runStationAction(desk, stationId, profile([[name, "x"]]))));
    expect(answer).toMatchObject({ thrown: true, status: 400, data: { messageKey: "errors.fieldName" } });
  });

  it.each([
    ["a capacity that is not a whole number", [["capacityPerDay", "1.5"]], "capacityPerDay"],
    ["a division that is not an id", [["divisionIds", "all"]], "divisionIds"],
    ["opening hours that end before they start", [["hours_sat", "18:00-09:00"]], "hours_sat"],
  ] as const)("refuses %s with the field's error and changes nothing", async (_, extra, field) => {
    // readForm keeps a field's last value, so `extra` overrides the valid profile's field.
    const answer = await expectUnchanged(db, () => outcome(runStationAction(desk, stationId, profile([...extra]))));
    expect(answer.status).toBe(400);
    expect(Object.keys((answer.data as { error: Record<string, string[]> }).error)).toEqual([field]);
  });

  it("answers 404 to a salesperson saving the profile, and saves nothing", async () => {
    const answer = await expectUnchanged(db, () => outcome(runStationAction(sales, stationId, profile([["cities", "上海"]]))));
    expect(answer).toMatchObject({ thrown: true, status: 404 });
  });
});

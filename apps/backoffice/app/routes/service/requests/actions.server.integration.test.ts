import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { products, repairRequests, type Database } from "@cs/db";
import { seedUuid } from "@cs/db/seed";
import { fileRepairRequest, registerDevice, type Ctx } from "@cs/domain";
import { ctxOf, newKey, seedDemoData } from "@cs/domain/testing/demo";
import { expectUnchanged } from "@cs/domain/testing/unchanged";
import { testDb } from "../../../../../../tests/db";
import { form, outcome } from "../../../../../../tests/route-outcome";
import { runDeskAction } from "./actions.server";

/** The service desk's forms on a repair request's page, posted to the dispatcher as the route hands them over. */

let db: Database;
let store: { dir: string };
let desk: Ctx;
let station: Ctx;
let customer: Ctx;
let deviceId = "";
const RS001 = seedUuid("org:RS-001");

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  store = { dir: await mkdtemp(path.join(tmpdir(), "desk-actions-")) };
  [desk, station, customer] = (await Promise.all(["service@demo.cn", "station@demo.cn", "customer@demo.cn"].map((login) => ctxOf(db, login)))) as [Ctx, Ctx, Ctx];
  const [notebook] = await db.select({ id: products.id }).from(products).where(eq(products.serialized, true)).orderBy(products.sku).limit(1);
  const device = await registerDevice(customer, { _key: newKey(), serial: "ZZ-DESK-1", productId: notebook!.id, purchasedOn: "2026-05-01" }, [], store);
  deviceId = device.deviceId;
});

afterAll(async () => {
  await rm(store.dir, { recursive: true, force: true });
});

const fileRequest = async () =>
  (await fileRepairRequest(customer, { _key: newKey(), deviceId, symptoms: "开机无显示，风扇狂转", serviceMode: "drop_off", city: "北京" }, [], store)).requestId;
const requestRow = async (id: string) => (await db.select().from(repairRequests).where(eq(repairRequests.id, id)))[0]!;

describe("runDeskAction", () => {
  it("assigns a station and redirects saying so; the request waits for that station to accept", async () => {
    const id = await fileRequest();
    const answer = await outcome(runDeskAction(desk, id, form([["intent", "assign"], ["_key", newKey()], ["stationId", RS001]])));
    expect(answer).toMatchObject({ status: 302, location: `/service/requests/${id}?done=assigned` });
    expect(await requestRow(id)).toMatchObject({ status: "submitted", stationId: RS001, assignedAt: expect.any(Date) });
  });

  it("sets the priority of the page's request, never of one a `requestId` field names", async () => {
    const [id, other] = [await fileRequest(), await fileRequest()];
    const before = await requestRow(other);
    const answer = await outcome(runDeskAction(desk, id, form([["intent", "priority"], ["_key", newKey()], ["priority", "high"], ["requestId", other]])));
    expect(answer).toMatchObject({ status: 302, location: `/service/requests/${id}?done=priority` });
    expect((await requestRow(id)).priority).toBe("high");
    expect(await requestRow(other)).toEqual(before);
  });

  it("answers an unknown intent with nothing and changes nothing", async () => {
    const id = await fileRequest();
    const answer = await expectUnchanged(db, () => outcome(runDeskAction(desk, id, form([["intent", "closeEverything"], ["_key", newKey()]]))));
    expect(answer).toMatchObject({ thrown: false, status: null });
  });

  it.each(["__proto__", "constructor", "prototype"])("refuses a form with a field named %s with 400 and changes nothing", async (name) => {
    const id = await fileRequest();
    const answer = await expectUnchanged(db, () =>
      outcome(runDeskAction(desk, id, form([["intent", "priority"], ["_key", newKey()], ["priority", "urgent"], [name, "1"]]))),
    );
    expect(answer).toMatchObject({ status: 400, data: { messageKey: "errors.fieldName" } });
    expect((await requestRow(id)).priority).not.toBe("urgent");
  });

  it.each([
    ["a priority outside the list", [["intent", "priority"], ["priority", "asap"]], "priority"],
    ["a station id that is not an id", [["intent", "assign"], ["stationId", "RS-001"]], "stationId"],
  ] as const)("refuses %s with the field's error and changes nothing", async (_, fields, field) => {
    const id = await fileRequest();
    const answer = await expectUnchanged(db, () => outcome(runDeskAction(desk, id, form([["_key", newKey()], ...fields]))));
    expect(answer.status).toBe(400);
    expect(Object.keys((answer.data as { error: Record<string, string[]> }).error)).toEqual([field]);
  });

  it("answers 404 to a station that posts the desk's escalation, and escalates nothing", async () => {
    const id = await fileRequest();
    const answer = await expectUnchanged(db, () => outcome(runDeskAction(station, id, form([["intent", "escalate"], ["_key", newKey()]]))));
    expect(answer).toMatchObject({ thrown: true, status: 404, data: { messageKey: "errors.notFound" } });
    expect((await requestRow(id)).escalated).toBe(false);
  });
});

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repairEvents, repairRequests, stationClaims, stationSettlements, type Database } from "@cs/db";
import { decideClaim, fileRepairRequest, submitClaim, type Ctx } from "@cs/domain";
import { newKey, seedDemoData } from "@cs/testing/demo";
import { customerDevice, repairAt, RS001, serviceCast, type ServiceCast } from "@cs/testing/service";
import { expectUnchanged } from "@cs/testing/unchanged";
import { testDb } from "../../../../../../tests/db";
import { form, outcome } from "../../../../../../tests/route-outcome";
import { runDeskAction } from "./actions.server";

/** The service desk's forms on a repair request's page, posted to the dispatcher as the route hands them over. */

let db: Database;
let store: { dir: string };
let cast: ServiceCast;
let desk: Ctx;
let station: Ctx;
let customer: Ctx;
let deviceId = "";

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  store = { dir: await mkdtemp(path.join(tmpdir(), "desk-actions-")) };
  cast = await serviceCast(db);
  ({ desk, station, customer } = cast);
  deviceId = await customerDevice(cast, store, "ZZ-DESK-1");
});

afterAll(async () => {
  await rm(store.dir, { recursive: true, force: true });
});

const fileRequest = async () =>
  (await fileRepairRequest(customer, { _key: newKey(), deviceId, symptoms: "开机无显示，风扇狂转", serviceMode: "drop_off", city: "北京" }, [], store)).requestId;
const requestRow = async (id: string) => (await db.select().from(repairRequests).where(eq(repairRequests.id, id)))[0]!;
const claimRow = async (id: string) => (await db.select().from(stationClaims).where(eq(stationClaims.id, id)))[0]!;
/** The month a claim decided now falls in (Asia/Shanghai), as the settle form's month field sends it. */
const thisMonth = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);

/** An in-warranty repair at RS-001, ready, claimed by the station admin for `labourYuan`. */
async function claimedRepair(labourYuan: string) {
  const requestId = await repairAt(cast, store, deviceId, "ready", { inWarranty: true });
  const { claimId } = await submitClaim(station, { _key: newKey(), requestId, labourYuan });
  return { requestId, claimId };
}

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

describe("runDeskAction: state changes, claim decisions and monthly settlement", () => {
  it("moves the request to the posted state `to` without an intent: the desk cancels it, saying why", async () => {
    const id = await repairAt(cast, store, deviceId, "assigned");
    const answer = await outcome(runDeskAction(desk, id, form([["to", "cancelled"], ["_key", newKey()], ["comment", "客户来电取消"]])));
    expect(answer).toMatchObject({ thrown: false, status: 302, location: `/service/requests/${id}?done=cancelled` });
    expect(await requestRow(id)).toMatchObject({ status: "cancelled", closedAt: expect.any(Date) });
    const events = await db.select().from(repairEvents).where(and(eq(repairEvents.requestId, id), eq(repairEvents.action, "cancelled")));
    expect(events).toMatchObject([{ fromStatus: "submitted", toStatus: "cancelled", comment: "客户来电取消", actorId: desk.actor.userId }]);
  });

  it("refuses a step only the station takes (received) with 400 and moves nothing", async () => {
    const id = await repairAt(cast, store, deviceId, "assigned");
    await runDeskAction(desk, id, form([["to", "accepted"], ["_key", newKey()]]));
    expect((await requestRow(id)).status).toBe("accepted");
    const answer = await expectUnchanged(db, () => outcome(runDeskAction(desk, id, form([["intent", "transition"], ["to", "received"], ["_key", newKey()]]))));
    expect(answer).toMatchObject({ thrown: false, status: 400, data: { error: { form: ["service.validation.illegalTransition"] } } });
    expect((await requestRow(id)).status).toBe("accepted");
  });

  it("adjusts a station's claim to an amount in yuan, saying why: the claim is decided by the desk", async () => {
    const { requestId, claimId } = await claimedRepair("200");
    const answer = await outcome(
      runDeskAction(desk, requestId, form([["intent", "claim"], ["_key", newKey()], ["claimId", claimId], ["decision", "adjust"], ["approvedYuan", "150"], ["comment", "工时按标准 150 元"]])),
    );
    expect(answer).toMatchObject({ status: 302, location: `/service/requests/${requestId}?done=claim_decided` });
    expect(await claimRow(claimId)).toMatchObject({
      status: "adjusted",
      claimedFen: 20_000n,
      approvedFen: 15_000n,
      decisionComment: "工时按标准 150 元",
      decidedBy: desk.actor.userId,
      decidedAt: expect.any(Date),
    });
  });

  it("refuses an adjustment above the claim with 400, and a station deciding its own claim with 404; the claim stays submitted", async () => {
    const { requestId, claimId } = await claimedRepair("200");
    const above = await expectUnchanged(db, () =>
      outcome(runDeskAction(desk, requestId, form([["intent", "claim"], ["_key", newKey()], ["claimId", claimId], ["decision", "adjust"], ["approvedYuan", "250"], ["comment", "多给"]]))),
    );
    expect(above).toMatchObject({ status: 400, data: { error: { approvedYuan: ["service.validation.adjustAboveClaim"] } } });
    const own = await expectUnchanged(db, () =>
      outcome(runDeskAction(station, requestId, form([["intent", "claim"], ["_key", newKey()], ["claimId", claimId], ["decision", "approve"]]))),
    );
    expect(own).toMatchObject({ thrown: true, status: 404, data: { messageKey: "errors.notFound" } });
    expect(await claimRow(claimId)).toMatchObject({ status: "submitted", approvedFen: null, decidedAt: null });
  });

  it("decides only the page's own claim: another request's claim id posted from this page is not found and stays submitted", async () => {
    const { claimId } = await claimedRepair("200");
    const { requestId: otherPage } = await claimedRepair("80");
    const crossed = await expectUnchanged(db, () =>
      outcome(runDeskAction(desk, otherPage, form([["intent", "claim"], ["_key", newKey()], ["claimId", claimId], ["decision", "approve"]]))),
    );
    expect(crossed).toMatchObject({ thrown: true, status: 404, data: { messageKey: "errors.notFound" } });
    expect(await claimRow(claimId)).toMatchObject({ status: "submitted", approvedFen: null, decidedAt: null });
  });

  it("settles the station's month: every claim decided this month and not yet settled, summed into one statement; the month settles once", async () => {
    const { requestId, claimId } = await claimedRepair("80");
    await decideClaim(desk, { _key: newKey(), claimId, decision: "approve" });
    const open = await db
      .select({ id: stationClaims.id, approvedFen: stationClaims.approvedFen })
      .from(stationClaims)
      .where(and(eq(stationClaims.stationId, RS001), inArray(stationClaims.status, ["approved", "adjusted"]), isNull(stationClaims.settlementId)));
    expect(open.map((c) => c.id)).toContain(claimId);
    const period = thisMonth();
    const answer = await outcome(runDeskAction(desk, requestId, form([["intent", "settle"], ["_key", newKey()], ["stationId", RS001], ["period", period]])));
    expect(answer).toMatchObject({ status: 302, location: `/service/requests/${requestId}?done=settled` });
    const [settlement] = await db.select().from(stationSettlements).where(and(eq(stationSettlements.stationId, RS001), eq(stationSettlements.period, period)));
    expect(settlement).toMatchObject({ totalFen: open.reduce((s, c) => s + c.approvedFen!, 0n), claimCount: open.length, createdBy: desk.actor.userId });
    expect((await claimRow(claimId)).settlementId).toBe(settlement!.id);

    const again = await expectUnchanged(db, () => outcome(runDeskAction(desk, requestId, form([["intent", "settle"], ["_key", newKey()], ["stationId", RS001], ["period", period]]))));
    expect(again).toMatchObject({ status: 400, data: { error: { period: ["service.validation.alreadySettled"] } } });
  });

  it("answers a station settling its own month with 404 and issues nothing", async () => {
    const { requestId, claimId } = await claimedRepair("60");
    await decideClaim(desk, { _key: newKey(), claimId, decision: "approve" });
    const answer = await expectUnchanged(db, () => outcome(runDeskAction(station, requestId, form([["intent", "settle"], ["_key", newKey()], ["stationId", RS001], ["period", "2026-01"]]))));
    expect(answer).toMatchObject({ thrown: true, status: 404, data: { messageKey: "errors.notFound" } });
    expect((await claimRow(claimId)).settlementId).toBeNull();
  });
});

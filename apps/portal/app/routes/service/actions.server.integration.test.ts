import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  customerInvitations,
  emailOutbox,
  products,
  repairEvents,
  repairParts,
  repairRequests,
  surveys,
  stationClaimLines,
  stationClaims,
  stockLevels,
  stockMoves,
  type Database,
} from "@cs/db";
import { fileRepairRequest, type Ctx } from "@cs/domain";
import { ctxOf, newKey, seedDemoData } from "@cs/testing/demo";
import { locationIdOf } from "@cs/testing/inventory";
import { customerDevice, repairAt, RS001, serviceCast, stationPart, type ServiceCast } from "@cs/testing/service";
import { expectUnchanged } from "@cs/testing/unchanged";
import { testDb } from "../../../../../tests/db";
import { form, outcome } from "../../../../../tests/route-outcome";
import { runRepairAction } from "./actions.server";

/** A repair request's portal forms (station steps, customer answers), posted to the dispatcher as the route hands them over. */

let db: Database;
let store: { dir: string };
let cast: ServiceCast;
let tech: Ctx;
let customer: Ctx;
let dealer: Ctx;
let deviceId = "";
let partId = "";

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  store = { dir: await mkdtemp(path.join(tmpdir(), "repair-actions-")) };
  cast = await serviceCast(db);
  ({ tech, customer, dealer } = cast);
  deviceId = await customerDevice(cast, store, "ZZ-PORTAL-1");
  partId = await stationPart(db);
});

afterAll(async () => {
  await rm(store.dir, { recursive: true, force: true });
});

/** A request of the demo customer, assigned to RS-001 (the demo technician's station) and, if asked, in diagnosis. */
const assignedRequest = (diagnosing = false) => repairAt(cast, store, deviceId, diagnosing ? "diagnosing" : "assigned");

const requestRow = async (id: string) => (await db.select().from(repairRequests).where(eq(repairRequests.id, id)))[0]!;
const eventsOf = (id: string) => db.select().from(repairEvents).where(eq(repairEvents.requestId, id));
const surveyOf = async (id: string) => (await db.select().from(surveys).where(eq(surveys.subjectId, id)))[0];
const errorsOf = (answer: { data: unknown }) => (answer.data as { error: Record<string, string[]> }).error;

describe("runRepairAction", () => {
  it("moves the request to the posted state `to` without an intent, and records who did it", async () => {
    const id = await assignedRequest();
    const answer = await outcome(runRepairAction(tech, id, form([["to", "accepted"], ["_key", newKey()], ["comment", "已接单"]])));
    expect(answer).toMatchObject({ status: 302, location: `/service/requests/${id}?done=accepted` });
    expect((await requestRow(id)).status).toBe("accepted");
    const events = await db.select().from(repairEvents).where(eq(repairEvents.requestId, id));
    expect(events.some((e) => e.comment === "已接单" && e.actorId === tech.actor.userId)).toBe(true);
  });

  it("records a diagnosis with a quote in yuan as fen, and the customer approves it", async () => {
    const id = await assignedRequest(true);
    const diagnosed = await outcome(runRepairAction(tech, id, form([["intent", "diagnose"], ["_key", newKey()], ["diagnosis", "键盘排线氧化，需更换"], ["quoteYuan", "199.90"]])));
    expect(diagnosed).toMatchObject({ status: 302, location: `/service/requests/${id}?done=diagnosed` });
    expect(await requestRow(id)).toMatchObject({ quoteAmountFen: 19_990n, quoteStatus: "pending" });
    const approved = await outcome(runRepairAction(customer, id, form([["intent", "approveQuote"], ["_key", newKey()]])));
    expect(approved).toMatchObject({ status: 302, location: `/service/requests/${id}?done=quote_approved` });
    expect((await requestRow(id)).quoteStatus).toBe("approved");
  });

  it("the customer refuses a quote with a reason: the quote is refused, the request no longer waits on it", async () => {
    const id = await assignedRequest(true);
    await runRepairAction(tech, id, form([["intent", "diagnose"], ["_key", newKey()], ["diagnosis", "主板电容鼓包，需更换"], ["quoteYuan", "480"]]));
    const answer = await outcome(runRepairAction(customer, id, form([["intent", "refuseQuote"], ["_key", newKey()], ["comment", "太贵了"]])));
    expect(answer).toMatchObject({ status: 302, location: `/service/requests/${id}?done=quote_refused` });
    expect(await requestRow(id)).toMatchObject({ quoteAmountFen: 48_000n, quoteStatus: "refused" });
    // and the technician cannot approve it for the customer
    const forged = await expectUnchanged(db, () => outcome(runRepairAction(tech, id, form([["intent", "approveQuote"], ["_key", newKey()]]))));
    expect(forged.status).toBe(400);
  });

  it("answers an unknown intent with nothing and changes nothing", async () => {
    const id = await assignedRequest();
    const answer = await expectUnchanged(db, () => outcome(runRepairAction(tech, id, form([["intent", "closeAll"], ["_key", newKey()]]))));
    expect(answer).toMatchObject({ thrown: false, status: null });
  });

  it.each(["__proto__", "constructor", "prototype"])("refuses a field named %s with 400 and moves nothing", async (name) => {
    const id = await assignedRequest();
    const answer = await expectUnchanged(db, () => outcome(runRepairAction(tech, id, form([["to", "accepted"], ["_key", newKey()], [name, "x"]]))));
    expect(answer).toMatchObject({ thrown: true, status: 400, data: { messageKey: "errors.fieldName" } });
    expect((await requestRow(id)).status).toBe("submitted");
  });

  it.each([
    ["a quote that is not money", [["diagnosis", "键盘排线氧化"], ["quoteYuan", "12.345"]], "quoteYuan"],
    ["a diagnosis too short to say anything", [["diagnosis", "坏"], ["quoteYuan", "10"]], "diagnosis"],
  ] as const)("refuses %s with the field's error and changes nothing", async (_, fields, field) => {
    const id = await assignedRequest(true);
    const answer = await expectUnchanged(db, () => outcome(runRepairAction(tech, id, form([["intent", "diagnose"], ["_key", newKey()], ...fields]))));
    expect(answer.status).toBe(400);
    expect(Object.keys((answer.data as { error: Record<string, string[]> }).error)).toEqual([field]);
  });

  it("refuses a state the workflow has no step to, and a state that is no state, changing nothing", async () => {
    const id = await assignedRequest();
    for (const [to, field] of [["closed", "form"], ["fixed-by-magic", "to"]] as const) {
      const answer = await expectUnchanged(db, () => outcome(runRepairAction(tech, id, form([["to", to], ["_key", newKey()]]))));
      expect(answer).toMatchObject({ status: 400, data: { error: { [field]: ["service.validation.illegalTransition"] } } });
    }
    expect((await requestRow(id)).status).toBe("submitted");
  });

  it("answers 404 to a dealer acting on a customer's request, and changes nothing", async () => {
    const id = await assignedRequest();
    const answer = await expectUnchanged(db, () => outcome(runRepairAction(dealer, id, form([["to", "accepted"], ["_key", newKey()]]))));
    expect(answer).toMatchObject({ thrown: true, status: 404, data: { messageKey: "errors.notFound" } });
  });
});

/** On hand of a product in RS-001's parts store, whoever owns the units. */
async function partsOnHand(productId: string) {
  const [row] = await db
    .select({ onHand: sql<number>`coalesce(sum(${stockLevels.onHand}), 0)::int`, free: sql<number>`coalesce(sum(${stockLevels.onHand} - ${stockLevels.reserved}), 0)::int` })
    .from(stockLevels)
    .where(and(eq(stockLevels.locationId, await locationIdOf(db, "SP-RS-001")), eq(stockLevels.productId, productId)));
  return row!;
}

describe("runRepairAction: declining, parts, claims, rating and invitations", () => {
  it("the station declines a request it has not accepted, saying why: it goes back to the desk unassigned, and the answer leads to the queue", async () => {
    const id = await assignedRequest();
    const answer = await outcome(runRepairAction(tech, id, form([["intent", "decline"], ["_key", newKey()], ["comment", "本站暂无该型号备件"]])));
    expect(answer).toMatchObject({ thrown: false, status: 302, location: "/service/queue?done=declined" });
    expect(await requestRow(id)).toMatchObject({ status: "submitted", stationId: null });
    expect((await eventsOf(id)).filter((e) => e.action === "declined")).toMatchObject([{ comment: "本站暂无该型号备件", actorId: tech.actor.userId }]);
  });

  it("refuses a decline without a reason, and one after the station accepted, with 400; the request stays with the station", async () => {
    const id = await assignedRequest();
    const silent = await expectUnchanged(db, () => outcome(runRepairAction(tech, id, form([["intent", "decline"], ["_key", newKey()]]))));
    expect(silent).toMatchObject({ thrown: false, status: 400 });
    expect(errorsOf(silent)).toEqual({ comment: ["service.validation.reasonRequired"] });
    await runRepairAction(tech, id, form([["to", "accepted"], ["_key", newKey()]]));
    const late = await expectUnchanged(db, () => outcome(runRepairAction(tech, id, form([["intent", "decline"], ["_key", newKey()], ["comment", "来不及处理"]]))));
    expect(late).toMatchObject({ status: 400, data: { error: { form: ["service.validation.illegalTransition"] } } });
    expect(await requestRow(id)).toMatchObject({ status: "accepted", stationId: RS001 });
  });

  it("uses a part from the station's store: the store holds two fewer, a parts_use move names the request, the part is on it", async () => {
    const id = await assignedRequest(true);
    const before = await partsOnHand(partId);
    const answer = await outcome(
      runRepairAction(tech, id, form([["intent", "part"], ["_key", newKey()], ["productId", partId], ["quantity", "2"], ["faultySerial", "OLD-FAN-1"]])),
    );
    expect(answer).toMatchObject({ status: 302, location: `/service/requests/${id}?done=part_used` });
    expect((await partsOnHand(partId)).onHand).toBe(before.onHand - 2);
    const parts = await db.select().from(repairParts).where(eq(repairParts.requestId, id));
    expect(parts).toMatchObject([{ productId: partId, quantity: 2, faultySerial: "OLD-FAN-1", stationId: RS001, createdBy: tech.actor.userId }]);
    const [move] = await db.select().from(stockMoves).where(eq(stockMoves.id, parts[0]!.stockMoveId));
    expect(move).toMatchObject({ reason: "parts_use", productId: partId, quantity: 2, referenceType: "repair_request", referenceId: (await requestRow(id)).number });
  });

  it("refuses more parts than the store holds with the quantity's error, and moves no stock", async () => {
    const id = await assignedRequest(true);
    const before = await partsOnHand(partId);
    const answer = await expectUnchanged(db, () =>
      outcome(runRepairAction(tech, id, form([["intent", "part"], ["_key", newKey()], ["productId", partId], ["quantity", String(before.free + 1)]]))),
    );
    expect(answer).toMatchObject({ status: 400, data: { error: { quantity: ["validation.insufficientStock"] } } });
    expect(await partsOnHand(partId)).toEqual(before);
  });

  it("the station admin claims an in-warranty repair once it is ready: the labour posted in yuan plus the parts used at cost", async () => {
    const id = await repairAt(cast, store, deviceId, "ready", { inWarranty: true, partId });
    const [part] = await db.select().from(repairParts).where(eq(repairParts.requestId, id));
    const answer = await outcome(runRepairAction(cast.station, id, form([["intent", "claim"], ["_key", newKey()], ["labourYuan", "120.50"], ["note", "清洁散热模组"]])));
    expect(answer).toMatchObject({ status: 302, location: `/service/requests/${id}?done=claim_submitted` });
    const claims = await db.select().from(stationClaims).where(eq(stationClaims.requestId, id));
    expect(claims).toMatchObject([{ status: "submitted", stationId: RS001, claimedFen: 12_050n + part!.unitCostFen!, note: "清洁散热模组", submittedBy: cast.station.actor.userId }]);
    const lines = await db.select().from(stationClaimLines).where(eq(stationClaimLines.claimId, claims[0]!.id));
    expect(lines.map((l) => [l.kind, l.amountFen]).sort()).toEqual([["labour", 12_050n], ["part", part!.unitCostFen!]]);
  });

  it("answers a technician's claim with 404 and a claim on a repair still in diagnosis with 400, claiming nothing", async () => {
    const ready = await repairAt(cast, store, deviceId, "ready", { inWarranty: true });
    const byTech = await expectUnchanged(db, () => outcome(runRepairAction(tech, ready, form([["intent", "claim"], ["_key", newKey()], ["labourYuan", "80"]]))));
    expect(byTech).toMatchObject({ thrown: true, status: 404, data: { messageKey: "errors.notFound" } });
    const early = await repairAt(cast, store, deviceId, "diagnosing", { inWarranty: true });
    const tooEarly = await expectUnchanged(db, () => outcome(runRepairAction(cast.station, early, form([["intent", "claim"], ["_key", newKey()], ["labourYuan", "80"]]))));
    expect(tooEarly).toMatchObject({ status: 400, data: { error: { form: ["service.validation.claimTooEarly"] } } });
    expect(await db.select().from(stationClaims).where(inArray(stationClaims.requestId, [ready, early]))).toEqual([]);
  });

  it("the customer rates a closed repair: the rating and comment answer its survey and are on its history", async () => {
    const id = await repairAt(cast, store, deviceId, "closed");
    const answer = await outcome(runRepairAction(customer, id, form([["intent", "rate"], ["_key", newKey()], ["rating", "4"], ["comment", "修得很好"]])));
    expect(answer).toMatchObject({ status: 302, location: `/service/requests/${id}?done=rated` });
    expect(await requestRow(id)).toMatchObject({ status: "closed" });
    expect(await surveyOf(id)).toMatchObject({ kind: "repair", score: 4, comment: "修得很好", answeredAt: expect.any(Date), answeredBy: customer.actor.userId });
    expect((await eventsOf(id)).filter((e) => e.action === "rated")).toMatchObject([{ actorId: customer.actor.userId, comment: "修得很好" }]);
  });

  it("refuses a rating before the request is closed and one outside 1–5 with the rating's error, rating nothing", async () => {
    const ready = await repairAt(cast, store, deviceId, "ready");
    const early = await expectUnchanged(db, () => outcome(runRepairAction(customer, ready, form([["intent", "rate"], ["_key", newKey()], ["rating", "5"]]))));
    expect(early).toMatchObject({ status: 400, data: { error: { rating: ["service.validation.rateWhenClosed"] } } });
    const closed = await repairAt(cast, store, deviceId, "closed");
    const six = await expectUnchanged(db, () => outcome(runRepairAction(customer, closed, form([["intent", "rate"], ["_key", newKey()], ["rating", "6"]]))));
    expect(six).toMatchObject({ status: 400, data: { error: { rating: ["service.validation.rating"] } } });
    expect((await surveyOf(closed))?.score ?? null).toBeNull();
  });

  describe("a dealer's invitation to the customer it filed for", () => {
    const mobile = "13755550001";
    let id = "";

    beforeAll(async () => {
      const [notebook] = await db.select({ id: products.id }).from(products).where(eq(products.serialized, true)).orderBy(products.sku).limit(1);
      const filed = { _key: newKey(), productId: notebook!.id, serial: "DL-INVITE-1", symptoms: "风扇异响严重", serviceMode: "drop_off", city: "北京", customerName: "王芳", customerMobile: mobile };
      id = (await fileRepairRequest(dealer, filed, [], store)).requestId;
    });

    it("texts the customer a single-use link to register, and redirects saying so", async () => {
      const { endCustomerId } = await requestRow(id);
      const answer = await outcome(runRepairAction(dealer, id, form([["intent", "invite"], ["_key", newKey()]])));
      expect(answer).toMatchObject({ status: 302, location: `/service/requests/${id}?done=invited` });
      const invitations = await db.select().from(customerInvitations).where(eq(customerInvitations.endCustomerId, endCustomerId));
      expect(invitations).toMatchObject([{ target: mobile, invitedBy: dealer.actor.userId, consumedAt: null }]);
      expect(invitations[0]!.expiresAt.getTime()).toBeGreaterThan(Date.now());
      const sms = await db.select().from(emailOutbox).where(and(eq(emailOutbox.template, "invite.customer"), eq(emailOutbox.toAddress, mobile)));
      expect(sms).toMatchObject([{ channel: "sms" }]);
    });

    it("answers another dealer's invitation with 404 and sends nothing", async () => {
      const other = await ctxOf(db, "dealer2@demo.cn");
      const answer = await expectUnchanged(db, () => outcome(runRepairAction(other, id, form([["intent", "invite"], ["_key", newKey()]]))));
      expect(answer).toMatchObject({ thrown: true, status: 404, data: { messageKey: "errors.notFound" } });
    });
  });
});

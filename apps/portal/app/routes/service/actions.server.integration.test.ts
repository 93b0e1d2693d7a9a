import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { products, repairEvents, repairRequests, type Database } from "@cs/db";
import { seedUuid } from "@cs/db/seed";
import { assignStation, fileRepairRequest, registerDevice, transitionRepair, type Ctx } from "@cs/domain";
import { ctxOf, newKey, seedDemoData } from "@cs/domain/testing/demo";
import { expectUnchanged } from "@cs/domain/testing/unchanged";
import { testDb } from "../../../../../tests/db";
import { form, outcome } from "../../../../../tests/route-outcome";
import { runRepairAction } from "./actions.server";

/** A repair request's portal forms (station steps, customer answers), posted to the dispatcher as the route hands them over. */

let db: Database;
let store: { dir: string };
let desk: Ctx;
let tech: Ctx;
let customer: Ctx;
let dealer: Ctx;
let deviceId = "";

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  store = { dir: await mkdtemp(path.join(tmpdir(), "repair-actions-")) };
  [desk, tech, customer, dealer] = (await Promise.all(["service@demo.cn", "tech@demo.cn", "customer@demo.cn", "dealer@demo.cn"].map((login) => ctxOf(db, login)))) as [Ctx, Ctx, Ctx, Ctx];
  const [notebook] = await db.select({ id: products.id }).from(products).where(eq(products.serialized, true)).orderBy(products.sku).limit(1);
  deviceId = (await registerDevice(customer, { _key: newKey(), serial: "ZZ-PORTAL-1", productId: notebook!.id, purchasedOn: "2026-05-01" }, [], store)).deviceId;
});

afterAll(async () => {
  await rm(store.dir, { recursive: true, force: true });
});

/** A request of the demo customer, assigned to RS-001 (the demo technician's station) and, if asked, in diagnosis. */
async function assignedRequest(diagnosing = false) {
  const { requestId } = await fileRepairRequest(customer, { _key: newKey(), deviceId, symptoms: "键盘部分按键失灵", serviceMode: "drop_off", city: "北京" }, [], store);
  await assignStation(desk, { _key: newKey(), requestId, stationId: seedUuid("org:RS-001") });
  if (diagnosing) for (const to of ["accepted", "received", "diagnosing"] as const) await transitionRepair(tech, { _key: newKey(), requestId, to });
  return requestId;
}

const requestRow = async (id: string) => (await db.select().from(repairRequests).where(eq(repairRequests.id, id)))[0]!;

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

import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { returnRequests, type Database } from "@cs/db";
import { requestReturn, type Ctx } from "@cs/domain";
import { ctxOf, newKey, seedDemoData } from "@cs/testing/demo";
import { levelOf, locationIdOf } from "@cs/testing/inventory";
import { createShippedOrder } from "@cs/testing/shipped-order";
import { expectUnchanged } from "@cs/testing/unchanged";
import { testDb } from "../../../../../tests/db";
import { form, outcome } from "../../../../../tests/route-outcome";
import { runReturnAction } from "./actions.server";

/** A return's page forms (decide, receive), posted to the dispatcher as the route hands them over. */

let db: Database;
let dealer: Ctx;
let desk: Ctx;
let warehouse: Ctx;
let seq = 0;
/** The product of the latest requested return. */
let latestProductId = "";

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  [dealer, desk, warehouse] = (await Promise.all(["dealer@demo.cn", "orderdesk@demo.cn", "warehouse@demo.cn"].map((login) => ctxOf(db, login)))) as [Ctx, Ctx, Ctx];
});

/** A return of one of two shipped units, requested by DL-0001's dealer. */
async function requestedReturn() {
  const o = await createShippedOrder(db, { lines: [{ sku: `RA-${++seq}`, quantity: 2, unitPriceFen: 10_000n }] });
  const { returnId } = await requestReturn(dealer, { _key: newKey(), orderId: o.orderId, reason: "defective", lines: [{ orderLineId: o.lineIds[0]!, quantity: 1 }] });
  latestProductId = o.productIds[0]!;
  return returnId;
}

const returnRow = async (id: string) => (await db.select().from(returnRequests).where(eq(returnRequests.id, id)))[0]!;

describe("runReturnAction", () => {
  it("approves the page's return and redirects saying so, whatever `returnId` the form carries", async () => {
    const [id, other] = [await requestedReturn(), await requestedReturn()];
    const answer = await outcome(runReturnAction(desk, id, form([["intent", "approve"], ["returnId", other], ["comment", "同意退货"]])));
    expect(answer).toMatchObject({ status: 302, location: `/returns/${id}?done=approved` });
    expect((await returnRow(id)).status).toBe("approved");
    expect((await returnRow(other)).status).toBe("requested");
  });

  it("receives an approved return into quarantine: the unit is there and the return is received", async () => {
    const id = await requestedReturn();
    const quarantine = await locationIdOf(db, "QA-WH-BJ");
    const before = await levelOf(db, quarantine, latestProductId);
    await runReturnAction(desk, id, form([["intent", "approve"]]));
    const answer = await outcome(runReturnAction(warehouse, id, form([["intent", "receive"], ["_key", newKey()], ["locationId", quarantine], ["toQuarantine", "on"]])));
    expect(answer).toMatchObject({ status: 302, location: `/returns/${id}?done=received` });
    expect((await returnRow(id)).status).toBe("received");
    expect(await levelOf(db, quarantine, latestProductId)).toEqual({ ...before, onHand: before.onHand + 1 });
  });

  it("answers an unknown intent with nothing and changes nothing", async () => {
    const id = await requestedReturn();
    const answer = await expectUnchanged(db, () => outcome(runReturnAction(desk, id, form([["intent", "refund"]]))));
    expect(answer).toMatchObject({ thrown: false, status: null });
    expect((await returnRow(id)).status).toBe("requested");
  });

  it.each(["__proto__", "constructor", "prototype"])("refuses a field named %s with 400 and decides nothing", async (name) => {
    const id = await requestedReturn();
    const answer = await expectUnchanged(db, () => outcome(runReturnAction(desk, id, form([["intent", "approve"], [name, "x"]]))));
    expect(answer).toMatchObject({ thrown: true, status: 400, data: { messageKey: "errors.fieldName" } });
    expect((await returnRow(id)).status).toBe("requested");
  });

  it("refuses a rejection whose comment is too long, keeping what was typed, and changes nothing", async () => {
    const id = await requestedReturn();
    const answer = await expectUnchanged(db, () => outcome(runReturnAction(desk, id, form([["intent", "reject"], ["comment", "长".repeat(1001)]]))));
    expect(answer).toMatchObject({ thrown: false, status: 400, data: { error: { comment: ["validation.tooLong"] } } });
  });

  it("refuses a receipt without a location with the field's error and changes nothing", async () => {
    const id = await requestedReturn();
    await runReturnAction(desk, id, form([["intent", "approve"]]));
    const answer = await expectUnchanged(db, () => outcome(runReturnAction(warehouse, id, form([["intent", "receive"], ["locationId", ""]]))));
    expect(answer).toMatchObject({ thrown: false, status: 400, data: { error: { locationId: ["validation.required"] } } });
    expect((await returnRow(id)).status).toBe("approved");
  });

  it("answers 404 to the dealer approving its own return, and approves nothing", async () => {
    const id = await requestedReturn();
    const answer = await expectUnchanged(db, () => outcome(runReturnAction(dealer, id, form([["intent", "approve"]]))));
    expect(answer).toMatchObject({ thrown: true, status: 404, data: { messageKey: "errors.notFound" } });
  });
});

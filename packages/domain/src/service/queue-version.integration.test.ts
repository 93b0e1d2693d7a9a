import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import type { Ctx } from "../shared/context";
import { ForbiddenError } from "../shared/errors";
import { ctxOf, newKey, seedDemoData } from "@cs/testing/demo";
import { assignStation, declineRequest, setRepairPriority } from "./desk";
import { stationQueue, stationQueueVersion } from "./lists";
import { anySerializedProduct, customerOf, insertRepairRequest } from "./network/test-fixtures";
import { transitionRepair } from "./transition";

let db: Database;
let desk: Ctx;
let tech: Ctx;
let otherStationAdmin: Ctx;
let customer: Ctx;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  [desk, tech, customer] = await Promise.all([ctxOf(db, "service@demo.cn"), ctxOf(db, "tech@demo.cn"), ctxOf(db, "customer@demo.cn")]);
  otherStationAdmin = await ctxOf(db, "station@demo.cn");
});

async function caught(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected a rejection");
}

describe("stationQueueVersion", () => {
  it("stays while nothing changes and moves when a request enters, changes in or leaves the queue", async () => {
    const product = await anySerializedProduct(db);
    const req = await insertRepairRequest(db, { productId: product.id, endCustomerId: await customerOf(db), status: "submitted" });
    const v0 = await stationQueueVersion(tech);
    expect(await stationQueueVersion(tech)).toBe(v0);

    await assignStation(desk, { requestId: req.id, stationId: tech.actor.organizationId!, _key: newKey() });
    const v1 = await stationQueueVersion(tech);
    expect(v1).not.toBe(v0);
    expect((await stationQueue(tech)).map((r) => r.id)).toContain(req.id);

    await setRepairPriority(desk, { requestId: req.id, priority: "urgent", _key: newKey() });
    const v2 = await stationQueueVersion(tech);
    expect(v2).not.toBe(v1);

    await declineRequest(tech, { requestId: req.id, comment: "本站无此配件", _key: newKey() });
    const v3 = await stationQueueVersion(tech);
    expect(v3).not.toBe(v2);
    expect((await stationQueue(tech)).map((r) => r.id)).not.toContain(req.id);
  });

  it("moves when a request closes out of the queue", async () => {
    const product = await anySerializedProduct(db);
    const req = await insertRepairRequest(db, { productId: product.id, endCustomerId: await customerOf(db), status: "submitted", stationId: tech.actor.organizationId!, assignedAt: new Date() });
    const before = await stationQueueVersion(tech);
    await transitionRepair(customer, { requestId: req.id, to: "cancelled", _key: newKey() });
    expect(await stationQueueVersion(tech)).not.toBe(before);
  });

  it("is the technician's own station's; others have none", async () => {
    expect(otherStationAdmin.actor.organizationId).toBe(tech.actor.organizationId);
    expect(await stationQueueVersion(otherStationAdmin)).toBe(await stationQueueVersion(tech));
    expect(await caught(stationQueueVersion(customer))).toBeInstanceOf(ForbiddenError);
    expect(await caught(stationQueueVersion(desk))).toBeInstanceOf(ForbiddenError);
  });
});

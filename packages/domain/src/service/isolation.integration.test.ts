import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { products, repairRequests, userRoles, users, type Database } from "@cs/db";
import { seedUuid } from "@cs/seed";
import { testDb } from "../../../../tests/db";
import type { Ctx } from "../shared/context";
import { ForbiddenError, NotFoundError } from "../shared/errors";
import { ctxOf, newKey, seedDemoData } from "@cs/testing/demo";
import { fieldErrorsOf } from "@cs/testing/errors";
import { expectUnchanged } from "@cs/testing/unchanged";
import { assignStation } from "./desk";
import { listMyDevices, registerDevice } from "./devices";
import { fileRepairRequest } from "./file-request";
import { getRepairAttachment, getRepairRequest } from "./get-request";
import { approveQuote, cancelRepair, rateRepair, refuseQuote, transitionRepair } from "./transition";
import type { UploadStore } from "./uploads";

/**
 * Each service aggregate an end customer owns, in pairs: the owner (or the station it is assigned
 * to) sees it or acts on it; another customer, another station or a dealer gets the same answer as
 * for an id that does not exist, and nothing is written.
 */

let db: Database;
let store: UploadStore;
const as: Record<"customer" | "customer2" | "dealer" | "desk" | "tech" | "otherTech", Ctx> = {} as never;
const png = () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2, 3]);
const unknownId = "00000000-0000-4000-8000-000000000000";

let notebookId = "";
let deviceA = "";
let deviceB = "";
let requestA = "";
let requestB = "";
let photoA = "";

async function addUser(login: string, kind: "partner" | "customer", role: string, org: { organizationId?: string; endCustomerId?: string }) {
  const [u] = await db
    .insert(users)
    .values({ kind, login, displayName: login, passwordHash: "x:x", organizationId: org.organizationId ?? null, endCustomerId: org.endCustomerId ?? null })
    .returning({ id: users.id });
  await db.insert(userRoles).values({ userId: u!.id, role });
  return ctxOf(db, login);
}

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  store = { dir: await mkdtemp(path.join(tmpdir(), "service-isolation-")) };
  as.customer = await ctxOf(db, "customer@demo.cn");
  as.dealer = await ctxOf(db, "dealer@demo.cn");
  as.desk = await ctxOf(db, "service@demo.cn");
  as.tech = await ctxOf(db, "tech@demo.cn");
  as.customer2 = await addUser("customer2@iso.test", "customer", "customer", { endCustomerId: seedUuid("end-customer:2") });
  as.otherTech = await addUser("tech2@iso.test", "partner", "technician", { organizationId: seedUuid("org:RS-002") });
  const [nb] = await db.select({ id: products.id }).from(products).where(eq(products.serialized, true)).orderBy(products.sku).limit(1);
  notebookId = nb!.id;
  deviceA = (await registerDevice(as.customer, { _key: newKey(), serial: "ISO-A-1", productId: notebookId }, [], store)).deviceId;
  deviceB = (await registerDevice(as.customer2, { _key: newKey(), serial: "ISO-B-1", productId: notebookId }, [], store)).deviceId;
  const filed = (customer: Ctx, deviceId: string) =>
    fileRepairRequest(customer, { _key: newKey(), deviceId, symptoms: "屏幕闪烁，偶尔黑屏", serviceMode: "drop_off", city: "北京" }, [{ name: "a.png", bytes: png() }], store);
  requestA = (await filed(as.customer, deviceA)).requestId;
  requestB = (await filed(as.customer2, deviceB)).requestId;
  photoA = (await getRepairRequest(as.customer, requestA)).attachments[0]!.id;
});

afterAll(async () => {
  await rm(store.dir, { recursive: true, force: true });
});

describe("devices", () => {
  it("each customer lists only their own devices; a partner has no device list", async () => {
    expect((await listMyDevices(as.customer)).map((d) => d.id)).toContain(deviceA);
    expect((await listMyDevices(as.customer)).map((d) => d.id)).not.toContain(deviceB);
    expect((await listMyDevices(as.customer2)).map((d) => d.id)).toEqual([deviceB]);
    await expectUnchanged(db, () => expect(listMyDevices(as.dealer)).rejects.toBeInstanceOf(ForbiddenError));
  });

  it("filing against another customer's device is refused exactly as an unknown device is, writing nothing", async () => {
    const input = { symptoms: "无法开机了", serviceMode: "drop_off", city: "北京" };
    const stranger = await expectUnchanged(db, () => fieldErrorsOf(fileRepairRequest(as.customer2, { ...input, _key: newKey(), deviceId: deviceA }, [], store)));
    const unknown = await expectUnchanged(db, () => fieldErrorsOf(fileRepairRequest(as.customer2, { ...input, _key: newKey(), deviceId: unknownId }, [], store)));
    expect(stranger).toEqual({ deviceId: ["validation.invalid"] });
    expect(stranger).toEqual(unknown);
  });
});

describe("repair photos", () => {
  it("the filer and the assigned station open a photo; another customer, another station and a dealer get not found", async () => {
    const denied = async (ctx: Ctx, requestId = requestA, attachmentId = photoA) =>
      expectUnchanged(db, () => expect(getRepairAttachment(ctx, store, requestId, attachmentId)).rejects.toBeInstanceOf(NotFoundError));
    expect((await getRepairAttachment(as.customer, store, requestA, photoA)).path.startsWith(store.dir)).toBe(true);
    await denied(as.customer2);
    // the customer's own request id does not open someone else's photo either
    await denied(as.customer2, requestB);
    await denied(as.dealer);
    // a station sees photos only of requests assigned to it
    await denied(as.tech);
    await assignStation(as.desk, { _key: newKey(), requestId: requestA, stationId: seedUuid("org:RS-001") });
    expect((await getRepairAttachment(as.tech, store, requestA, photoA)).mime).toBe("image/png");
    await denied(as.otherTech);
  });
});

describe("repair requests", () => {
  it("another customer can neither cancel, move, rate nor decide the quote of a request; its owner can", async () => {
    const [before] = await db.select().from(repairRequests).where(eq(repairRequests.id, requestA));
    const refusals: Array<(ctx: Ctx) => Promise<unknown>> = [
      (ctx) => cancelRepair(ctx, { _key: newKey(), requestId: requestA, comment: "不修了" }),
      (ctx) => transitionRepair(ctx, { _key: newKey(), requestId: requestA, to: "cancelled" }),
      (ctx) => rateRepair(ctx, { _key: newKey(), requestId: requestA, rating: 1 }),
      (ctx) => approveQuote(ctx, { _key: newKey(), requestId: requestA }),
      (ctx) => refuseQuote(ctx, { _key: newKey(), requestId: requestA }),
    ];
    for (const refused of refusals) {
      for (const stranger of [as.customer2, as.otherTech, as.dealer]) {
        await expectUnchanged(db, () => expect(refused(stranger)).rejects.toBeInstanceOf(NotFoundError));
      }
    }
    const [after] = await db.select().from(repairRequests).where(eq(repairRequests.id, requestA));
    expect(after).toEqual(before);
    await cancelRepair(as.customer, { _key: newKey(), requestId: requestA, comment: "已自行修好" });
    expect((await getRepairRequest(as.customer, requestA)).request.status).toBe("cancelled");
  });
});

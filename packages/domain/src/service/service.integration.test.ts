import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { devices, products, repairEvents, repairParts, repairRequests, stockLevels, stockMoves, userRoles, users, type Database } from "@cs/db";
import { seedUuid } from "@cs/seed";
import { testDb } from "../../../../tests/db";
import type { Ctx } from "../shared/context";
import { NotFoundError, ValidationError } from "../shared/errors";
import { ctxOf, newKey, seedDemoData } from "@cs/testing/demo";
import { fieldErrorsOf } from "@cs/testing/errors";
import { expectLedgerConsistent, locationIdOf } from "@cs/testing/inventory";
import { decideClaim, listClaims, settleStationMonth, submitClaim } from "./claims";
import { assignStation, declineRequest, rankStations, resolveWarrantyCheck, suggestStations } from "./desk";
import { registerDevice } from "./devices";
import { fileRepairRequest } from "./file-request";
import { getRepairAttachment, getRepairRequest } from "./get-request";
import { listRepairRequests, repairListQuery, stationQueue } from "./lists";
import { stationPartsStock, useParts } from "./parts";
import { getSettlement, listSettlements } from "./settlements";
import { approveQuote, rateRepair, recordDiagnosis, transitionRepair } from "./transition";
import type { UploadStore } from "./uploads";
import { stationPart } from "@cs/testing/service";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;
let store: UploadStore;
const as: Record<"customer" | "customer2" | "dealer" | "desk" | "tech" | "station" | "otherTech" | "sales", Ctx> = {} as never;
const RS001 = seedUuid("org:RS-001");
const RS002 = seedUuid("org:RS-002");

const png = () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2, 3]);
const jpeg = () => new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]);
const gif = () => new TextEncoder().encode("GIF89a\x01\x00\x01\x00");

async function addUser(login: string, kind: "partner" | "customer", role: string, org: { organizationId?: string; endCustomerId?: string }) {
  const [u] = await db
    .insert(users)
    .values({ kind, login, displayName: login, passwordHash: "x:x", organizationId: org.organizationId ?? null, endCustomerId: org.endCustomerId ?? null })
    .returning({ id: users.id });
  await db.insert(userRoles).values({ userId: u!.id, role });
  return ctxOf(db, login);
}

const counts = async () => {
  const [[r], [d], [e], [m]] = await Promise.all([
    db.select({ n: count() }).from(repairRequests),
    db.select({ n: count() }).from(devices),
    db.select({ n: count() }).from(repairEvents),
    db.select({ n: count() }).from(stockMoves),
  ]);
  return { requests: r!.n, devices: d!.n, events: e!.n, moves: m!.n };
};

const uploadedFiles = async () => (await readdir(store.dir, { recursive: true, withFileTypes: true })).filter((f) => f.isFile()).length;

let notebookId = "";
let partId = "";

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  store = { dir: await mkdtemp(path.join(tmpdir(), "service-uploads-")) };
  as.customer = await ctxOf(db, "customer@demo.cn");
  as.dealer = await ctxOf(db, "dealer@demo.cn");
  as.desk = await ctxOf(db, "service@demo.cn");
  as.tech = await ctxOf(db, "tech@demo.cn");
  as.station = await ctxOf(db, "station@demo.cn");
  as.sales = await ctxOf(db, "sales.bj@demo.cn");
  as.customer2 = await addUser("customer2@test.cn", "customer", "customer", { endCustomerId: seedUuid("end-customer:2") });
  as.otherTech = await addUser("tech2@test.cn", "partner", "technician", { organizationId: RS002 });
  const [nb] = await db.select({ id: products.id }).from(products).where(eq(products.serialized, true)).orderBy(products.sku).limit(1);
  notebookId = nb!.id;
  partId = await stationPart(db);
});

afterAll(async () => {
  await rm(store.dir, { recursive: true, force: true });
});

afterEach(async () => {
  await expectLedgerConsistent(db);
});

describe("device registration", () => {
  it("an unknown serial is registered but flagged, with its warranty unknown", async () => {
    const r = await registerDevice(as.customer, { _key: newKey(), serial: "ZZ-UNKNOWN-1", productId: notebookId, purchasedOn: "2026-05-01" }, [], store);
    expect(r).toMatchObject({ status: "flagged", warrantyStatus: "unknown", warrantyReason: "service.warranty.reason.unknownSerial" });
  });

  it("a serial registered to another customer is refused and nothing changes", async () => {
    const before = await counts();
    const errors = await expectUnchanged(db, () => fieldErrorsOf(registerDevice(as.customer2, { _key: newKey(), serial: "ZZ-UNKNOWN-1", productId: notebookId }, [], store)));
    expect(errors.serial).toEqual(["service.validation.serialRegisteredElsewhere"]);
    expect(await counts()).toEqual(before);
  });

  it("a wrong file type or an oversized proof is refused before anything is written", async () => {
    const before = await counts();
    const files = await uploadedFiles();
    const wrong = await expectUnchanged(db, () => fieldErrorsOf(registerDevice(as.customer, { _key: newKey(), serial: "ZZ-GIF-1", productId: notebookId, purchasedOn: "2026-05-01" }, [{ name: "proof.png", bytes: gif() }], store)));
    expect(wrong.proof).toEqual(["service.validation.fileType"]);
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(jpeg());
    const large = await expectUnchanged(db, () => fieldErrorsOf(registerDevice(as.customer, { _key: newKey(), serial: "ZZ-BIG-1", productId: notebookId, purchasedOn: "2026-05-01" }, [{ name: "p.jpg", bytes: big }], store)));
    expect(large.proof).toEqual(["service.validation.fileTooLarge"]);
    expect(await counts()).toEqual(before);
    expect(await uploadedFiles()).toBe(files);
  });

  it("a proof with a purchase date puts the warranty on the registration", async () => {
    const [sn] = await db.execute<{ serial: string; product_id: string }>(sql`select serial, product_id from serial_numbers where status = 'in_stock' order by serial limit 1`);
    const r = await registerDevice(as.customer2, { _key: newKey(), serial: sn!.serial, purchasedOn: "2026-06-01" }, [{ name: "invoice.jpg", bytes: jpeg() }], store);
    expect(r).toMatchObject({ status: "verified", warrantyStatus: "in_warranty", warrantyReason: "service.warranty.reason.registration" });
  });
});

describe("repair request lifecycle", () => {
  let requestId = "";

  it("the customer files with a photo; an unknown serial is accepted and flagged for a manual check", async () => {
    const [device] = await db.select({ id: devices.id }).from(devices).where(eq(devices.serial, "ZZ-UNKNOWN-1"));
    const key = newKey();
    const input = { _key: key, deviceId: device!.id, symptoms: "屏幕闪烁，偶尔黑屏", serviceMode: "drop_off", city: "北京" };
    const r = await fileRepairRequest(as.customer, input, [{ name: "screen.png", bytes: png() }], store);
    expect(r).toMatchObject({ warrantyStatus: "unknown", needsManualCheck: true });
    expect(r.number).toMatch(/^RMA-\d{4}-\d{6}$/);
    requestId = r.requestId;
    // a retried post replays the first answer and leaves no second file behind
    const files = await uploadedFiles();
    expect(await fileRepairRequest(as.customer, input, [{ name: "screen.png", bytes: png() }], store)).toEqual(r);
    expect(await uploadedFiles()).toBe(files);
    const detail = await getRepairRequest(as.customer, requestId);
    expect(detail.attachments).toHaveLength(1);
    expect(detail.nextSteps).toEqual(["cancelled"]);
    const photo = await getRepairAttachment(as.customer, store, requestId, detail.attachments[0]!.id);
    expect(photo.path.startsWith(store.dir)).toBe(true);
  });

  it("another customer opening it by URL gets not found, and so does a station it is not assigned to", async () => {
    await expectUnchanged(db, () => expect(getRepairRequest(as.customer2, requestId)).rejects.toBeInstanceOf(NotFoundError));
    await expectUnchanged(db, () => expect(getRepairRequest(as.tech, requestId)).rejects.toBeInstanceOf(NotFoundError));
    await expectUnchanged(db, () => expect(getRepairRequest(as.sales, requestId)).rejects.toBeInstanceOf(NotFoundError));
  });

  it("suggests a station in the same city however the city is written (北京 = 北京市 = ' 北京市 ')", async () => {
    const [rs] = await db.execute<{ city: string }>(sql`select city from organizations where id = ${RS001}`);
    const base = rs!.city.replace(/市$/, "");
    const sameCity = async (city: string) => (await rankStations(db, city, null, 50)).filter((r) => r.sameCity).map((r) => r.stationId).sort();
    const plain = await sameCity(base);
    expect(plain).toContain(RS001);
    expect(await sameCity(`${base}市`)).toEqual(plain);
    expect(await sameCity(` ${base}市 `)).toEqual(plain);
    expect(await sameCity("不存在市")).toEqual([]);
  });

  it("the desk sees suggestions and assigns; a technician of another station cannot act on it", async () => {
    const suggestions = await suggestStations(as.desk, requestId);
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions[0]!.sameCity || !suggestions.some((s) => s.sameCity)).toBe(true);
    await assignStation(as.desk, { _key: newKey(), requestId, stationId: RS001 });
    const before = await counts();
    await expectUnchanged(db, () => expect(transitionRepair(as.otherTech, { _key: newKey(), requestId, to: "accepted" })).rejects.toBeInstanceOf(NotFoundError));
    expect(await counts()).toEqual(before);
    expect((await stationQueue(as.tech)).map((r) => r.id)).toContain(requestId);
    expect((await stationQueue(as.otherTech)).map((r) => r.id)).not.toContain(requestId);
  });

  it("an illegal transition is refused with a translated error and nothing changes", async () => {
    const before = await counts();
    const e = await expectUnchanged(db, () => transitionRepair(as.tech, { _key: newKey(), requestId, to: "repairing" }).catch((x: unknown) => x));
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).code).toBe("service.validation.illegalTransition");
    await expectUnchanged(db, () => expect(transitionRepair(as.customer, { _key: newKey(), requestId, to: "accepted" })).rejects.toBeInstanceOf(ValidationError));
    expect(await counts()).toEqual(before);
  });

  it("the station accepts, receives, diagnoses and quotes; repair waits for the customer's yes", async () => {
    for (const to of ["accepted", "received", "diagnosing"] as const) await transitionRepair(as.tech, { _key: newKey(), requestId, to });
    expect((await expectUnchanged(db, () => fieldErrorsOf(transitionRepair(as.tech, { _key: newKey(), requestId, to: "repairing" })))).diagnosis).toEqual(["service.validation.diagnosisFirst"]);
    expect((await expectUnchanged(db, () => fieldErrorsOf(recordDiagnosis(as.tech, { _key: newKey(), requestId, diagnosis: "屏线松动" })))).quoteYuan).toEqual(["service.validation.quoteRequired"]);
    await recordDiagnosis(as.tech, { _key: newKey(), requestId, diagnosis: "屏线老化，需更换屏线", quoteYuan: "280.50" });
    expect((await expectUnchanged(db, () => fieldErrorsOf(transitionRepair(as.tech, { _key: newKey(), requestId, to: "repairing" })))).form).toEqual(["service.validation.quoteNotApproved"]);
    await expectUnchanged(db, () => expect(approveQuote(as.tech, { _key: newKey(), requestId })).rejects.toBeInstanceOf(ValidationError));
    await approveQuote(as.customer, { _key: newKey(), requestId });
    const [row] = await db.select({ q: repairRequests.quoteAmountFen, s: repairRequests.quoteStatus }).from(repairRequests).where(eq(repairRequests.id, requestId));
    expect(row).toEqual({ q: 28050n, s: "approved" });
  });

  it("a part used leaves the station's parts store as a parts_use move referencing the request", async () => {
    const spLoc = await locationIdOf(db, "SP-RS-001");
    // the parts form offers what the station's store holds
    expect((await stationPartsStock(as.tech)).map((p) => p.productId)).toContain(partId);
    const levelBefore = await db.select({ onHand: stockLevels.onHand }).from(stockLevels).where(and(eq(stockLevels.locationId, spLoc), eq(stockLevels.productId, partId)));
    const r = await useParts(as.tech, { _key: newKey(), requestId, productId: partId, quantity: 2, faultySerial: "OLD-CABLE-1" });
    const [move] = await db.select().from(stockMoves).where(eq(stockMoves.id, BigInt(r.moveId)));
    const [req] = await db.select({ number: repairRequests.number }).from(repairRequests).where(eq(repairRequests.id, requestId));
    expect(move).toMatchObject({ reason: "parts_use", fromLocationId: spLoc, quantity: 2, referenceType: "repair_request", referenceId: req!.number });
    const levelAfter = await db.select({ onHand: stockLevels.onHand }).from(stockLevels).where(and(eq(stockLevels.locationId, spLoc), eq(stockLevels.productId, partId)));
    expect(levelAfter.reduce((s, l) => s + l.onHand, 0)).toBe(levelBefore.reduce((s, l) => s + l.onHand, 0) - 2);
    const [part] = await db.select().from(repairParts).where(eq(repairParts.requestId, requestId));
    expect(part).toMatchObject({ faultySerial: "OLD-CABLE-1", quantity: 2 });
    // more than the store holds: refused, nothing moved
    const before = await counts();
    await expectUnchanged(db, () => expect(useParts(as.tech, { _key: newKey(), requestId, productId: partId, quantity: 100 })).rejects.toBeInstanceOf(ValidationError));
    expect(await counts()).toEqual(before);
  });

  it("the station completes, the customer closes and rates once", async () => {
    for (const to of ["repairing", "ready", "returned"] as const) await transitionRepair(as.tech, { _key: newKey(), requestId, to });
    expect((await expectUnchanged(db, () => fieldErrorsOf(rateRepair(as.customer, { _key: newKey(), requestId, rating: 5 })))).rating).toEqual(["service.validation.rateWhenClosed"]);
    expect((await getRepairRequest(as.customer, requestId)).nextSteps).toEqual(["closed"]);
    await transitionRepair(as.customer, { _key: newKey(), requestId, to: "closed" });
    expect((await expectUnchanged(db, () => fieldErrorsOf(rateRepair(as.customer, { _key: newKey(), requestId, rating: 6 })))).rating).toEqual(["service.validation.rating"]);
    await rateRepair(as.customer, { _key: newKey(), requestId, rating: 4, comment: "修得很好" });
    expect((await expectUnchanged(db, () => fieldErrorsOf(rateRepair(as.customer, { _key: newKey(), requestId, rating: 5 })))).rating).toEqual(["satisfaction.errors.answered"]);
    const detail = await getRepairRequest(as.customer, requestId);
    expect(detail.request).toMatchObject({ status: "closed", rating: 4, slaDueAt: null });
    expect(detail.events.map((e) => e.action)).toEqual([
      "filed", "assigned", "accepted", "received", "diagnosing", "quoted", "quote_approved", "part_used", "repairing", "ready", "returned", "closed", "rated",
    ]);
    expect(detail.parts[0]!.unitCostFen).toBeNull();
  });
});

describe("cancel, decline, dealer filing and lists", () => {
  it("the customer cancels before receipt but not after", async () => {
    const [device] = await db.select({ id: devices.id }).from(devices).where(eq(devices.serial, "ZZ-UNKNOWN-1"));
    const r = await fileRepairRequest(as.customer, { _key: newKey(), deviceId: device!.id, symptoms: "无法开机了", serviceMode: "pickup", pickupAddress: "北京市海淀区中关村大街1号", city: "北京" }, [], store);
    await transitionRepair(as.customer, { _key: newKey(), requestId: r.requestId, to: "cancelled", comment: "已自行修好" });
    expect((await getRepairRequest(as.customer, r.requestId)).request.status).toBe("cancelled");
  });

  it("pickup needs an address; more than five photos are refused", async () => {
    const errors = await expectUnchanged(db, () => fieldErrorsOf(fileRepairRequest(as.customer, { _key: newKey(), productId: notebookId, serial: "ZZ-X", symptoms: "无法开机了", serviceMode: "pickup", city: "北京" }, [], store)));
    expect(errors.pickupAddress).toEqual(["service.validation.pickupAddress"]);
    const many = Array.from({ length: 6 }, (_, i) => ({ name: `${i}.png`, bytes: png() }));
    const tooMany = await expectUnchanged(db, () => fieldErrorsOf(fileRepairRequest(as.customer, { _key: newKey(), productId: notebookId, serial: "ZZ-X", symptoms: "无法开机了", serviceMode: "drop_off", city: "北京" }, many, store)));
    expect(tooMany.photos).toEqual(["service.validation.tooManyFiles"]);
  });

  it("a dealer files for its customer and sees it; the station declines back to the desk", async () => {
    const r = await fileRepairRequest(as.dealer, { _key: newKey(), productId: notebookId, serial: "DL-SN-0001", symptoms: "风扇异响严重", serviceMode: "drop_off", city: "北京", customerName: "王芳", customerMobile: "13900001111" }, [], store);
    const mine = await listRepairRequests(as.dealer, repairListQuery.parse({}));
    expect(mine.rows.map((x) => x.id)).toContain(r.requestId);
    expect((await listRepairRequests(await ctxOf(db, "dealer2@demo.cn"), repairListQuery.parse({}))).rows.map((x) => x.id)).not.toContain(r.requestId);
    await assignStation(as.desk, { _key: newKey(), requestId: r.requestId, stationId: RS001 });
    expect((await expectUnchanged(db, () => fieldErrorsOf(declineRequest(as.tech, { _key: newKey(), requestId: r.requestId })))).comment).toEqual(["service.validation.reasonRequired"]);
    await declineRequest(as.tech, { _key: newKey(), requestId: r.requestId, comment: "本站暂无该型号备件" });
    const [row] = await db.select({ stationId: repairRequests.stationId, status: repairRequests.status }).from(repairRequests).where(eq(repairRequests.id, r.requestId));
    expect(row).toEqual({ stationId: null, status: "submitted" });
  });

  it("the desk list filters by status and station, most urgent SLA first", async () => {
    const page = await listRepairRequests(as.desk, repairListQuery.parse({ status: "submitted", stationId: "none" }));
    expect(page.rows.length).toBeGreaterThan(0);
    expect(page.rows.every((r) => r.status === "submitted" && r.stationId === null)).toBe(true);
    const due = page.rows.map((r) => r.slaDueAt!.getTime());
    expect(due).toEqual([...due].sort((a, b) => a - b));
  });
});

describe("station claims and settlement", () => {
  it("an in-warranty repair is claimed by the station admin, adjusted by the desk and settled monthly", async () => {
    // the demo customer's in-warranty request at RS-001, taken through to ready
    const requestId = seedUuid("repair:demo:3");
    await recordDiagnosis(as.tech, { _key: newKey(), requestId, diagnosis: "散热模组积灰，清洁并更换硅脂" });
    await useParts(as.tech, { _key: newKey(), requestId, productId: partId, quantity: 1 });
    for (const to of ["repairing", "ready"] as const) await transitionRepair(as.tech, { _key: newKey(), requestId, to });
    await expectUnchanged(db, () => expect(submitClaim(as.tech, { _key: newKey(), requestId, labourYuan: "120" })).rejects.toThrow());
    const claim = await submitClaim(as.station, { _key: newKey(), requestId, labourYuan: "120" });
    expect(BigInt(claim.claimedFen)).toBeGreaterThan(12000n);
    expect((await expectUnchanged(db, () => fieldErrorsOf(submitClaim(as.station, { _key: newKey(), requestId, labourYuan: "1" })))).form).toEqual(["service.validation.claimExists"]);
    expect((await expectUnchanged(db, () => fieldErrorsOf(decideClaim(as.desk, { _key: newKey(), claimId: claim.claimId, decision: "adjust", approvedYuan: "100" })))).comment).toEqual(["service.validation.reasonRequired"]);
    await decideClaim(as.desk, { _key: newKey(), claimId: claim.claimId, decision: "adjust", approvedYuan: "100", comment: "工时按标准 100 元" });
    expect((await listClaims(as.station)).map((c) => c.status)).toContain("adjusted");
    const period = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const s = await settleStationMonth(as.desk, { _key: newKey(), stationId: RS001, period });
    expect(s).toMatchObject({ totalFen: "10000", claimCount: 1 });
    expect((await expectUnchanged(db, () => fieldErrorsOf(settleStationMonth(as.desk, { _key: newKey(), stationId: RS001, period })))).period).toEqual(["service.validation.alreadySettled"]);
    // the statement: the desk and the station admin see it with its claim, a technician and another station do not
    const statement = await getSettlement(as.station, s.settlementId);
    expect(statement).toMatchObject({ totalFen: 10000n, period, claimCount: 1 });
    expect(statement.claims.map((c) => c.number)).toEqual([claim.number]);
    expect((await listSettlements(as.desk)).map((x) => x.id)).toContain(s.settlementId);
    expect(await listSettlements(as.tech)).toEqual([]);
    await expectUnchanged(db, () => expect(getSettlement(as.otherTech, s.settlementId)).rejects.toBeInstanceOf(NotFoundError));
  });
});

describe("manual warranty check", () => {
  it("the desk settles an unknown serial's warranty once, saying why; the quote rule follows", async () => {
    const [device] = await db.select({ id: devices.id }).from(devices).where(eq(devices.serial, "ZZ-UNKNOWN-1"));
    const r = await fileRepairRequest(as.customer, { _key: newKey(), deviceId: device!.id, symptoms: "键盘进水无反应", serviceMode: "drop_off", city: "北京" }, [], store);
    expect((await expectUnchanged(db, () => fieldErrorsOf(resolveWarrantyCheck(as.desk, { _key: newKey(), requestId: r.requestId, warrantyStatus: "in_warranty" })))).comment).toEqual(["service.validation.reasonRequired"]);
    await expectUnchanged(db, () => expect(resolveWarrantyCheck(as.tech, { _key: newKey(), requestId: r.requestId, warrantyStatus: "in_warranty", comment: "x" })).rejects.toThrow());
    await resolveWarrantyCheck(as.desk, { _key: newKey(), requestId: r.requestId, warrantyStatus: "in_warranty", comment: "客户发票核实无误" });
    const detail = await getRepairRequest(as.customer, r.requestId);
    expect(detail.request).toMatchObject({ warrantyStatus: "in_warranty", needsManualCheck: false, warrantyReason: "service.warranty.reason.manualIn" });
    expect(detail.paidRepair).toBe(false);
    expect((await expectUnchanged(db, () => fieldErrorsOf(resolveWarrantyCheck(as.desk, { _key: newKey(), requestId: r.requestId, warrantyStatus: "expired", comment: "改判" })))).form).toEqual(["service.validation.noManualCheck"]);
  });
});

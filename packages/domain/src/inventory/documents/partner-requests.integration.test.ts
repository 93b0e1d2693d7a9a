import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { stockDocuments, stockLevels, stockMoves, type Database } from "@cs/db";
import { testDb } from "../../../../../tests/db";
import type { Ctx } from "../../shared/context";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../shared/errors";
import { ctxOf, newKey, orgByCode } from "@cs/testing/demo";
import { fieldErrorsOf } from "@cs/testing/errors";
import { expectLedgerConsistent } from "@cs/testing/inventory";
import {
  addAddress,
  addProduct,
  expectRefusedUnchanged,
  form,
  levelOf,
  partnerLocationId,
  serialsOf,
  setUpStockWorld,
  stockIn,
  stockState,
  type StockWorld,
} from "@cs/testing/stock-documents";
import { cancelCallOff, decideCallOff, reportSellOut, requestCallOff, shipCallOff } from "./partner-requests";
import { getDocument } from "./queries";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;
let w: StockWorld;
let dealer: Ctx, buyer: Ctx, dealer2: Ctx, customer: Ctx;
let dl1: string, dl2: string;
const L = { pv1: "", pc1: "", pv2: "" };
const A = { own: "", own2: "", other: "" };
const P = { a: "", s: "", b: "" };

const docOf = async (id: string) => (await db.select().from(stockDocuments).where(eq(stockDocuments.id, id)))[0]!;
const movesOf = async (id: string) => db.select().from(stockMoves).where(eq(stockMoves.referenceId, (await docOf(id)).number));
const callOff = (lines: { sku: string; quantity: number }[], options: { ctx?: Ctx; addressId?: string } = {}) =>
  requestCallOff(options.ctx ?? dealer, form({ addressId: options.addressId ?? A.own, requestedDate: "2031-05-01", note: "请上午送货", lines }));

/** Today's date in Shanghai, moved by `days`, as YYYY-MM-DD. */
function shanghaiDay(days: number) {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

beforeAll(async () => {
  db = testDb();
  w = await setUpStockWorld(db, "PR");
  [dealer, buyer, dealer2, customer] = (await Promise.all(["dealer@demo.cn", "buyer@demo.cn", "dealer2@demo.cn", "customer@demo.cn"].map((l) => ctxOf(db, l)))) as [
    Ctx,
    Ctx,
    Ctx,
    Ctx,
  ];
  const [d1, d2] = [await orgByCode(db, "DL-0001"), await orgByCode(db, "DL-0002")];
  [dl1, dl2] = [d1.id, d2.id];
  // The dealer is served from Beijing, the warehouse user's branch; DL-0002 from elsewhere.
  expect(d1.ownerBranchId).toBe(w.bj);
  expect(d2.ownerBranchId).not.toBe(w.bj);
  L.pv1 = await partnerLocationId(db, dl1, "partner_virtual", "T-PV-DL1", w.bj);
  L.pc1 = await partnerLocationId(db, dl1, "partner_consignment", "T-PC-DL1", w.bj);
  L.pv2 = await partnerLocationId(db, dl2, "partner_virtual", "T-PV-DL2", d2.ownerBranchId!);
  A.own = await addAddress(db, dl1, "总部仓库");
  A.own2 = await addAddress(db, dl1, "门店");
  A.other = await addAddress(db, dl2, "别人的仓库");

  P.a = await addProduct(db, "ZPR-A", { productLineId: w.lineId });
  P.b = await addProduct(db, "ZPR-B", { productLineId: w.lineId });
  P.s = await addProduct(db, "ZPR-S", { productLineId: w.lineId, serialized: true });
  await stockIn(db, w.sys.supplier, P.a, L.pv1, 20, { ownerId: dl1 });
  await stockIn(db, w.sys.supplier, P.b, L.pv1, 5, { ownerId: dl2 }); // someone else's goods in the dealer's location
  await stockIn(db, w.sys.supplier, P.b, w.wBJ, 50); // ours, not the dealer's
  await stockIn(db, w.sys.supplier, P.a, L.pv2, 8, { ownerId: dl2 });
  await stockIn(db, w.sys.supplier, P.s, L.pc1, 4, { ownerId: dl1, serials: ["PR-S-1", "PR-S-2", "PR-S-3", "PR-S-4"] });
  await stockIn(db, w.sys.supplier, P.a, L.pc1, 6, { ownerId: dl1 });
  await stockIn(db, w.sys.supplier, P.s, w.wBJ, 1, { serials: ["PR-S-WH"] });
  await stockIn(db, w.sys.supplier, P.s, L.pv1, 2, { ownerId: dl1, serials: ["PR-V-1", "PR-V-2"] });
});

afterEach(async () => {
  await expectLedgerConsistent(db);
});

describe("requestCallOff", () => {
  it("records a request from the dealer's virtual stock to one of its addresses, moving nothing", async () => {
    const before = await levelOf(db, L.pv1, P.a, dl1);
    const raw = { _key: newKey(), addressId: A.own2, lines: [{ sku: "ZPR-A", quantity: 4 }] };
    const { id } = await requestCallOff(dealer, raw);
    expect(await docOf(id)).toMatchObject({
      kind: "call_off",
      status: "requested",
      organizationId: dl1,
      fromLocationId: L.pv1,
      toLocationId: w.sys.customer,
      deliveryAddress: { label: "门店", recipient: "测试收货人", city: "北京市", line: "门店 科技路 1 号" },
      createdBy: dealer.actor.userId,
    });
    expect(await movesOf(id)).toEqual([]);
    expect(await levelOf(db, L.pv1, P.a, dl1)).toBe(before);
    const state = await stockState(db);
    expect(await requestCallOff(dealer, { ...raw })).toEqual({ id });
    expect(await stockState(db)).toEqual(state);
  });

  it("refuses another organization's address, a missing one and a tampered id", async () => {
    for (const addressId of [A.other, "", "not-a-uuid"]) {
      const error = await expectRefusedUnchanged(db, () => callOff([{ sku: "ZPR-A", quantity: 1 }], { addressId }), ValidationError);
      expect(error.fieldErrors).toEqual({ addressId: ["validation.required"] });
    }
  });

  it("refuses more than the dealer owns there, per line, counting repeated lines together", async () => {
    let error = await expectRefusedUnchanged(db, () => callOff([{ sku: "ZPR-A", quantity: 21 }]), ValidationError);
    expect(error.fieldErrors).toEqual({ "lines.0.quantity": ["stock.validation.moreThanOwned"] });
    error = await expectRefusedUnchanged(db, () => callOff([{ sku: "ZPR-A", quantity: 15 }, { sku: "ZPR-A", quantity: 6 }]), ValidationError);
    expect(error.fieldErrors).toEqual({ "lines.1.quantity": ["stock.validation.moreThanOwned"] });
    // B lies in the dealer's location but belongs to DL-0002, and in our warehouse to us
    error = await expectRefusedUnchanged(db, () => callOff([{ sku: "ZPR-A", quantity: 1 }, { sku: "ZPR-B", quantity: 1 }]), ValidationError);
    expect(error.fieldErrors).toEqual({ "lines.1.quantity": ["stock.validation.moreThanOwned"] });
    expect(await expectUnchanged(db, () => fieldErrorsOf(callOff([{ sku: "ZPR-A", quantity: 0.5 }])))).toEqual({ "lines.0.quantity": ["stock.validation.quantityInteger"] });
  });

  it("refuses customers and staff, who own no partner stock", async () => {
    for (const ctx of [customer, w.warehouse, w.admin]) await expectRefusedUnchanged(db, () => callOff([{ sku: "ZPR-A", quantity: 1 }], { ctx }), ForbiddenError);
  });
});

describe("deciding and shipping a call-off", () => {
  it("staff approve, then ship: the dealer's goods leave its virtual stock for the customer, owner kept", async () => {
    const before = await levelOf(db, L.pv1, P.a, dl1);
    const { id } = await callOff([{ sku: "ZPR-A", quantity: 3 }]);
    const early = await expectRefusedUnchanged(db, () => shipCallOff(w.warehouse, id), ConflictError);
    expect(early.code).toBe("stock.validation.notApproved");

    expect(await decideCallOff(w.warehouse, id, { decision: "approve" })).toEqual({ status: "approved" });
    expect(await docOf(id)).toMatchObject({ status: "approved", approvedBy: w.warehouse.actor.userId });
    const decided = await stockState(db);
    expect(await decideCallOff(w.warehouse, id, { decision: "approve" })).toEqual({ status: "approved" });
    expect(await stockState(db)).toEqual(decided);
    await expectRefusedUnchanged(db, () => cancelCallOff(dealer, id), ConflictError);

    expect(await shipCallOff(w.warehouse, id)).toEqual({ status: "shipped" });
    expect(await levelOf(db, L.pv1, P.a, dl1)).toBe(before - 3);
    expect(await movesOf(id)).toMatchObject([{ productId: P.a, quantity: 3, fromLocationId: L.pv1, toLocationId: w.sys.customer, ownerId: dl1, reason: "call_off" }]);
    const shipped = await stockState(db);
    expect(await shipCallOff(w.warehouse, id)).toEqual({ status: "shipped" });
    expect(await stockState(db)).toEqual(shipped);
    await expectRefusedUnchanged(db, () => decideCallOff(w.warehouse, id, { decision: "reject", comment: "晚了" }), ConflictError);
  });

  it("ships serialized virtual stock oldest unit first, moving its serial out with it", async () => {
    const { id } = await callOff([{ sku: "ZPR-S", quantity: 1 }]);
    await decideCallOff(w.warehouse, id, { decision: "approve" });
    await shipCallOff(w.warehouse, id);
    const serials = new Map((await serialsOf(db, P.s)).map((s) => [s.serial, s]));
    expect(serials.get("PR-V-1")).toMatchObject({ status: "shipped", locationId: w.sys.customer });
    expect(serials.get("PR-V-2")).toMatchObject({ status: "in_stock", locationId: L.pv1 });
  });

  it("holds the units of a pending request, so two requests cannot promise the same goods", async () => {
    const free = async () => {
      const [l] = await db.select().from(stockLevels).where(and(eq(stockLevels.locationId, L.pv1), eq(stockLevels.productId, P.a), eq(stockLevels.ownerId, dl1)));
      return l!.onHand - l!.reserved;
    };
    const before = await free();
    const first = await callOff([{ sku: "ZPR-A", quantity: before }]);
    expect(await free()).toBe(0);
    const refused = await expectRefusedUnchanged(db, () => callOff([{ sku: "ZPR-A", quantity: 1 }]), ValidationError);
    expect((refused as ValidationError).fieldErrors).toEqual({ "lines.0.quantity": ["stock.validation.moreThanOwned"] });
    await cancelCallOff(dealer, first.id);
    expect(await free()).toBe(before);
    const second = await callOff([{ sku: "ZPR-A", quantity: 1 }]);
    await decideCallOff(w.warehouse, second.id, { decision: "reject", comment: "暂缓" });
    expect(await free()).toBe(before);
  });

  it("rejects only with a comment", async () => {
    const { id } = await callOff([{ sku: "ZPR-A", quantity: 1 }]);
    for (const raw of [{ decision: "reject" }, { decision: "reject", comment: "  " }]) {
      const error = await expectRefusedUnchanged(db, () => decideCallOff(w.warehouse, id, raw), ValidationError);
      expect(error.fieldErrors).toEqual({ comment: ["validation.required"] });
    }
    expect(Object.keys(await expectUnchanged(db, () => fieldErrorsOf(decideCallOff(w.warehouse, id, { decision: "maybe" }))))).toEqual(["decision"]);
    expect(await decideCallOff(w.warehouse, id, { decision: "reject", comment: "地址不在配送范围" })).toEqual({ status: "rejected" });
    expect(await docOf(id)).toMatchObject({ status: "rejected", note: "请上午送货 / 地址不在配送范围" });
    await expectRefusedUnchanged(db, () => shipCallOff(w.warehouse, id), ConflictError);
    await expectRefusedUnchanged(db, () => decideCallOff(w.warehouse, id, { decision: "approve" }), ConflictError);
    await expectRefusedUnchanged(db, () => cancelCallOff(dealer, id), ConflictError);
  });

  it("lets the partner cancel only while requested", async () => {
    const { id } = await callOff([{ sku: "ZPR-A", quantity: 1 }]);
    expect(await cancelCallOff(buyer, id)).toEqual({ status: "cancelled" });
    expect(await cancelCallOff(dealer, id)).toEqual({ status: "cancelled" });
    await expectRefusedUnchanged(db, () => decideCallOff(w.warehouse, id, { decision: "approve" }), ConflictError);
  });

  it("keeps the dealer's documents from another partner (not found) and from staff of other branches", async () => {
    const { id } = await callOff([{ sku: "ZPR-A", quantity: 1 }]);
    for (const act of [() => getDocument(dealer2, id), () => cancelCallOff(dealer2, id)]) await expectRefusedUnchanged(db, act, NotFoundError);
    await expect(getDocument(buyer, id)).resolves.toMatchObject({ document: { id, organizationId: dl1 } });

    const { id: theirs } = await requestCallOff(dealer2, form({ addressId: A.other, lines: [{ sku: "ZPR-A", quantity: 2 }] }));
    expect(await docOf(theirs)).toMatchObject({ organizationId: dl2, fromLocationId: L.pv2 });
    for (const act of [
      () => getDocument(dealer, theirs),
      () => cancelCallOff(dealer, theirs),
      () => decideCallOff(w.warehouse, theirs, { decision: "approve" }),
      () => shipCallOff(w.warehouse, theirs),
    ]) {
      await expectRefusedUnchanged(db, act, NotFoundError);
    }
    await expect(decideCallOff(w.admin, theirs, { decision: "approve" })).resolves.toEqual({ status: "approved" });
  });

  it("refuses partners deciding or shipping", async () => {
    const { id } = await callOff([{ sku: "ZPR-A", quantity: 1 }]);
    await expectRefusedUnchanged(db, () => decideCallOff(dealer, id, { decision: "approve" }), ForbiddenError);
    await expectRefusedUnchanged(db, () => shipCallOff(dealer, id), ForbiddenError);
    await expectRefusedUnchanged(db, () => cancelCallOff(w.warehouse, id), ForbiddenError);
  });
});

describe("reportSellOut", () => {
  it("takes consignment units with serials out as sold, with the sale date", async () => {
    const soldOn = shanghaiDay(-3);
    const before = { s: await levelOf(db, L.pc1, P.s, dl1), a: await levelOf(db, L.pc1, P.a, dl1) };
    const { id } = await reportSellOut(
      dealer,
      form({ soldOn, customerName: "王先生", lines: [{ sku: "ZPR-S", quantity: 2, serials: ["PR-S-1", "PR-S-3"] }, { sku: "ZPR-A", quantity: 2 }] }),
    );
    const doc = await docOf(id);
    expect(doc).toMatchObject({ kind: "sell_out", status: "posted", organizationId: dl1, fromLocationId: L.pc1, toLocationId: w.sys.customer, reason: soldOn, note: "王先生" });
    expect(await levelOf(db, L.pc1, P.s, dl1)).toBe(before.s - 2);
    expect(await levelOf(db, L.pc1, P.a, dl1)).toBe(before.a - 2);
    const moves = await movesOf(id);
    expect(moves.every((m) => m.reason === "sell_out" && m.ownerId === dl1 && m.toLocationId === w.sys.customer)).toBe(true);
    const serials = new Map((await serialsOf(db, P.s)).map((s) => [s.serial, s]));
    for (const serial of ["PR-S-1", "PR-S-3"]) {
      expect(serials.get(serial)).toMatchObject({ status: "sold", locationId: w.sys.customer, soldReference: doc.number, soldAt: new Date(`${soldOn}T04:00:00Z`) });
    }
    expect(serials.get("PR-S-2")).toMatchObject({ status: "in_stock", locationId: L.pc1, soldAt: null });
  });

  it("accepts today, refuses a future sold date and a malformed one", async () => {
    const lines = [{ sku: "ZPR-A", quantity: 1 }];
    let error = await expectRefusedUnchanged(db, () => reportSellOut(dealer, form({ soldOn: shanghaiDay(1), lines })), ValidationError);
    expect(error.fieldErrors).toEqual({ soldOn: ["stock.validation.futureDate"] });
    error = await expectRefusedUnchanged(db, () => reportSellOut(dealer, form({ soldOn: "2026-02-30", lines })), ValidationError);
    expect(error.fieldErrors).toEqual({ soldOn: ["validation.date"] });
    await expect(reportSellOut(dealer, form({ soldOn: shanghaiDay(0), lines }))).resolves.toHaveProperty("id");
  });

  it("refuses wrong serials and more than the dealer holds on consignment, changing nothing", async () => {
    const soldOn = shanghaiDay(-1);
    const cases: [{ sku: string; quantity: number; serials?: string[] }[], Record<string, string[]>][] = [
      [[{ sku: "ZPR-S", quantity: 2, serials: ["PR-S-2"] }], { "lines.0.serials": ["stock.validation.serialCount"] }],
      [[{ sku: "ZPR-A", quantity: 1 }, { sku: "ZPR-S", quantity: 1, serials: ["PR-S-1"] }], { "lines.1.serials": ["stock.validation.serialNotHere"] }], // sold already
      [[{ sku: "ZPR-S", quantity: 1, serials: ["PR-S-WH"] }], { "lines.0.serials": ["stock.validation.serialNotHere"] }], // ours, in our warehouse
      [[{ sku: "ZPR-S", quantity: 3, serials: ["PR-S-2", "PR-S-4", "PR-S-5"] }], { "lines.0.quantity": ["stock.validation.moreThanOwned"] }],
      [[{ sku: "ZPR-B", quantity: 1 }], { "lines.0.quantity": ["stock.validation.moreThanOwned"] }],
    ];
    for (const [lines, fieldErrors] of cases) {
      const error = await expectRefusedUnchanged(db, () => reportSellOut(dealer, form({ soldOn, lines })), ValidationError);
      expect(error.fieldErrors).toEqual(fieldErrors);
    }
  });

  it("refuses customers, staff and a partner without consignment stock", async () => {
    const raw = () => form({ soldOn: shanghaiDay(-1), lines: [{ sku: "ZPR-A", quantity: 1 }] });
    for (const ctx of [customer, w.warehouse, w.admin]) await expectRefusedUnchanged(db, () => reportSellOut(ctx, raw()), ForbiddenError);
    // DL-0002 has no consignment location of ours, or (with the demo seed's) none of this product
    const error = await expectRefusedUnchanged(db, () => reportSellOut(dealer2, raw()), ValidationError);
    expect([{ lines: ["stock.validation.noPartnerStock"] }, { "lines.0.quantity": ["stock.validation.moreThanOwned"] }]).toContainEqual(error.fieldErrors);
  });
});

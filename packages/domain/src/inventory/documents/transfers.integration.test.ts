import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { stockDocuments, stockMoves, type Database } from "@cs/db";
import { testDb } from "../../../../../tests/db";
import type { Ctx } from "../../shared/context";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../shared/errors";
import { ctxOf } from "@cs/testing/demo";
import { expectLedgerConsistent } from "@cs/testing/inventory";
import {
  addLocation,
  addProduct,
  expectRefusedUnchanged,
  form,
  levelOf,
  lineIdsOf,
  serialsOf,
  setUpStockWorld,
  stockIn,
  stockState,
  type StockWorld,
} from "@cs/testing/stock-documents";
import { InsufficientStockError } from "../ledger";
import { reserve } from "../reservation";
import { getDocument } from "./queries";
import { cancelTransfer, createTransfer, receiveTransfer, shipTransfer } from "./transfers";

let db: Database;
let w: StockWorld;
let sales: Ctx, dealer: Ctx, salesSh: Ctx;
const P = { a: "", b: "", c: "", s: "" };

const docOf = async (id: string) => (await db.select().from(stockDocuments).where(eq(stockDocuments.id, id)))[0]!;
const movesOf = async (id: string) => db.select().from(stockMoves).where(eq(stockMoves.referenceId, (await docOf(id)).number)).orderBy(stockMoves.id);
/** Current on hand of a product at the Beijing warehouses and in transit. */
const where = async (productId: string) => ({
  bj: await levelOf(db, w.wBJ, productId),
  bj2: await levelOf(db, w.wBJ2, productId),
  transit: await levelOf(db, w.sys.transit, productId),
});

async function transfer(lines: { sku: string; quantity: number }[], options: { from?: string; to?: string; ctx?: Ctx } = {}) {
  const { id } = await createTransfer(options.ctx ?? w.warehouse, form({ fromLocationId: options.from ?? w.wBJ, toLocationId: options.to ?? w.wBJ2, lines }));
  return { id, lineIds: await lineIdsOf(db, id, lines.map((l) => l.sku)) };
}

beforeAll(async () => {
  db = testDb();
  w = await setUpStockWorld(db, "TR");
  [sales, dealer, salesSh] = [await ctxOf(db, "sales.bj@demo.cn"), await ctxOf(db, "dealer@demo.cn"), await ctxOf(db, "sales.sh@demo.cn")];
  P.a = await addProduct(db, "ZTR-A", { productLineId: w.lineId });
  P.b = await addProduct(db, "ZTR-B", { productLineId: w.lineId });
  P.c = await addProduct(db, "ZTR-C", { productLineId: w.lineId });
  P.s = await addProduct(db, "ZTR-S", { productLineId: w.lineId, serialized: true });
  await stockIn(db, w.sys.supplier, P.a, w.wBJ, 100);
  await stockIn(db, w.sys.supplier, P.b, w.wBJ, 100);
  await stockIn(db, w.sys.supplier, P.c, w.wBJ, 100);
  await stockIn(db, w.sys.supplier, P.s, w.wBJ, 10, { serials: Array.from({ length: 10 }, (_, i) => `TR-S-${String(i + 1).padStart(2, "0")}`) });
  await stockIn(db, w.sys.supplier, P.a, w.wSH, 50);
});

afterEach(async () => {
  await expectLedgerConsistent(db);
});

describe("createTransfer", () => {
  it("creates a draft between two warehouses, moving nothing", async () => {
    const before = await where(P.a);
    const { id } = await transfer([{ sku: "ZTR-A", quantity: 3 }]);
    expect(await docOf(id)).toMatchObject({ kind: "transfer", status: "draft", fromLocationId: w.wBJ, toLocationId: w.wBJ2 });
    expect(await movesOf(id)).toEqual([]);
    expect(await where(P.a)).toEqual(before);
  });

  it("refuses the same warehouse twice, a warehouse of another branch and a non-warehouse", async () => {
    const lines = [{ sku: "ZTR-A", quantity: 1 }];
    const cases: [Record<string, string>, Record<string, string[]>][] = [
      [{ fromLocationId: w.wBJ, toLocationId: w.wBJ }, { toLocationId: ["stock.validation.sameLocation"] }],
      [{ fromLocationId: w.wBJ, toLocationId: w.wSH }, { toLocationId: ["validation.invalid"] }],
      [{ fromLocationId: w.wSH, toLocationId: w.wBJ }, { fromLocationId: ["validation.invalid"] }],
      [{ fromLocationId: w.sys.transit, toLocationId: w.wBJ }, { fromLocationId: ["validation.invalid"] }],
    ];
    for (const [locations, fieldErrors] of cases) {
      const error = await expectRefusedUnchanged(db, () => createTransfer(w.warehouse, form({ ...locations, lines })), ValidationError);
      expect(error.fieldErrors).toEqual(fieldErrors);
    }
  });

  it("refuses partners and staff without stock:move", async () => {
    for (const ctx of [sales, dealer, w.finance]) {
      await expectRefusedUnchanged(db, () => createTransfer(ctx, form({ fromLocationId: w.wBJ, toLocationId: w.wBJ2, lines: [{ sku: "ZTR-A", quantity: 1 }] })), ForbiddenError);
    }
  });
});

describe("shipTransfer and receiveTransfer", () => {
  it("ships to transit, then receives partially and the rest, serials following the units", async () => {
    const a0 = await where(P.a);
    const s0 = await where(P.s);
    const { id, lineIds } = await transfer([{ sku: "ZTR-A", quantity: 8 }, { sku: "ZTR-S", quantity: 2 }]);
    const [lineA, lineS] = lineIds as [string, string];

    expect(await shipTransfer(w.warehouse, id, { serials: { [lineS]: ["TR-S-01", "TR-S-02"] } })).toEqual({ status: "shipped" });
    expect(await where(P.a)).toEqual({ bj: a0.bj - 8, bj2: a0.bj2, transit: a0.transit + 8 });
    expect(await where(P.s)).toEqual({ bj: s0.bj - 2, bj2: s0.bj2, transit: s0.transit + 2 });
    expect((await serialsOf(db, P.s)).filter((s) => s.status === "in_transit")).toMatchObject([
      { serial: "TR-S-01", locationId: w.sys.transit },
      { serial: "TR-S-02", locationId: w.sys.transit },
    ]);

    expect(await receiveTransfer(w.warehouse, id, { _key: randomUUID(),  lines: [{ lineId: lineA, quantity: "5" }, { lineId: lineS, quantity: 1 }] })).toEqual({
      status: "partially_received",
    });
    expect(await where(P.a)).toEqual({ bj: a0.bj - 8, bj2: a0.bj2 + 5, transit: a0.transit + 3 });
    const serials = new Map((await serialsOf(db, P.s)).map((s) => [s.serial, s]));
    expect(serials.get("TR-S-01")).toMatchObject({ status: "in_stock", locationId: w.wBJ2 });
    expect(serials.get("TR-S-02")).toMatchObject({ status: "in_transit", locationId: w.sys.transit });

    expect(await receiveTransfer(w.warehouse, id, { _key: randomUUID(),  lines: [{ lineId: lineA, quantity: 3 }, { lineId: lineS, quantity: 1 }] })).toEqual({ status: "received" });
    expect(await where(P.a)).toEqual({ bj: a0.bj - 8, bj2: a0.bj2 + 8, transit: a0.transit });
    expect(await where(P.s)).toEqual({ bj: s0.bj - 2, bj2: s0.bj2 + 2, transit: s0.transit });
    expect((await serialsOf(db, P.s)).find((s) => s.serial === "TR-S-02")).toMatchObject({ status: "in_stock", locationId: w.wBJ2 });
    expect((await docOf(id)).status).toBe("received");
    expect((await movesOf(id)).map((m) => `${m.reason} ${m.productId === P.a ? "A" : "S"} ${m.quantity}`).sort()).toEqual([
      "transfer_in A 3",
      "transfer_in A 5",
      "transfer_in S 1",
      "transfer_in S 1",
      "transfer_out A 8",
      "transfer_out S 2",
    ]);
  });

  it("treats shipping twice as a no-op", async () => {
    const { id } = await transfer([{ sku: "ZTR-A", quantity: 2 }]);
    await shipTransfer(w.warehouse, id);
    const before = await stockState(db);
    expect(await shipTransfer(w.warehouse, id)).toEqual({ status: "shipped" });
    expect(await stockState(db)).toEqual(before);
  });

  it("refuses shipping more than is free at the source, changing nothing", async () => {
    const onHand = await levelOf(db, w.wBJ, P.b);
    const tooMany = await transfer([{ sku: "ZTR-A", quantity: 1 }, { sku: "ZTR-B", quantity: onHand + 1 }]);
    const error = await expectRefusedUnchanged(db, () => shipTransfer(w.warehouse, tooMany.id), InsufficientStockError);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.productId).toBe(P.b);
    expect((await docOf(tooMany.id)).status).toBe("draft");

    // reserved units are not free: on hand covers the transfer, on hand − reserved does not
    await db.transaction((tx) => reserve(tx, { referenceType: "test", referenceId: "order-TR" }, [{ productId: P.b, quantity: 5 }], [w.wBJ]));
    const reservedAway = await transfer([{ sku: "ZTR-B", quantity: onHand - 2 }]);
    await expectRefusedUnchanged(db, () => shipTransfer(w.warehouse, reservedAway.id), InsufficientStockError);
  });

  it("refuses missing or foreign serials on the line they belong to", async () => {
    const { id, lineIds } = await transfer([{ sku: "ZTR-A", quantity: 1 }, { sku: "ZTR-B", quantity: 1 }, { sku: "ZTR-C", quantity: 1 }, { sku: "ZTR-S", quantity: 2 }]);
    const shown = (await getDocument(w.admin, id)).lines.map((l) => l.sku);
    const serialLine = `lines.${shown.indexOf("ZTR-S")}.serials`;
    let error = await expectRefusedUnchanged(db, () => shipTransfer(w.warehouse, id, { serials: { [lineIds[3]!]: ["TR-S-09"] } }), ValidationError);
    expect(error.fieldErrors).toEqual({ [serialLine]: ["stock.validation.serialCount"] });
    // TR-S-01 went to the other Beijing warehouse in the test above; NOPE never existed
    error = await expectRefusedUnchanged(db, () => shipTransfer(w.warehouse, id, { serials: { [lineIds[3]!]: ["TR-S-09", "NOPE"] } }), ValidationError);
    expect(error.fieldErrors).toEqual({ [serialLine]: ["stock.validation.serialNotHere"] });
    error = await expectRefusedUnchanged(db, () => shipTransfer(w.warehouse, id, { serials: { [lineIds[3]!]: ["TR-S-09", "TR-S-01"] } }), ValidationError);
    expect(error.fieldErrors).toEqual({ [serialLine]: ["stock.validation.serialNotHere"] });
    error = await expectRefusedUnchanged(db, () => shipTransfer(w.warehouse, id, { serials: { [lineIds[0]!]: ["X"], [lineIds[3]!]: ["TR-S-09", "TR-S-10"] } }), ValidationError);
    expect(error.fieldErrors).toEqual({ [`lines.${shown.indexOf("ZTR-A")}.serials`]: ["stock.validation.notSerialized"] });
  });

  it("refuses receiving more than was shipped, and receiving before shipping", async () => {
    const { id, lineIds } = await transfer([{ sku: "ZTR-A", quantity: 4 }]);
    const conflict = await expectRefusedUnchanged(db, () => receiveTransfer(w.warehouse, id, { _key: randomUUID(),  lines: [{ lineId: lineIds[0], quantity: 1 }] }), ConflictError);
    expect(conflict.code).toBe("stock.validation.notShipped");
    await shipTransfer(w.warehouse, id);
    let error = await expectRefusedUnchanged(db, () => receiveTransfer(w.warehouse, id, { _key: randomUUID(),  lines: [{ lineId: lineIds[0], quantity: 5 }] }), ValidationError);
    expect(error.fieldErrors).toEqual({ "lines.0.quantity": ["stock.validation.moreThanShipped"] });
    await receiveTransfer(w.warehouse, id, { _key: randomUUID(),  lines: [{ lineId: lineIds[0], quantity: 3 }] });
    error = await expectRefusedUnchanged(db, () => receiveTransfer(w.warehouse, id, { _key: randomUUID(),  lines: [{ lineId: lineIds[0], quantity: 2 }] }), ValidationError);
    expect(error.fieldErrors).toEqual({ "lines.0.quantity": ["stock.validation.moreThanShipped"] });
    error = await expectRefusedUnchanged(db, () => receiveTransfer(w.warehouse, id, { _key: randomUUID(),  lines: [{ lineId: lineIds[0], quantity: -1 }] }), ValidationError);
    expect(Object.keys(error.fieldErrors)).toEqual(["lines.0.quantity"]);
    error = await expectRefusedUnchanged(db, () => receiveTransfer(w.warehouse, id, { _key: randomUUID(),  lines: [{ lineId: lineIds[0], quantity: 0 }] }), ValidationError);
    expect(error.fieldErrors).toEqual({ lines: ["stock.validation.nothingToPost"] });
    expect(await receiveTransfer(w.warehouse, id, { _key: randomUUID(),  lines: [{ lineId: lineIds[0], quantity: 1 }] })).toEqual({ status: "received" });
    await expectRefusedUnchanged(db, () => cancelTransfer(w.warehouse, id), ConflictError);
  });

  it("closes with a shortfall only with a note, booking the missing units from transit to loss", async () => {
    const a0 = await where(P.a);
    const lossA = await levelOf(db, w.sys.loss, P.a);
    const { id, lineIds } = await transfer([{ sku: "ZTR-A", quantity: 6 }, { sku: "ZTR-S", quantity: 2 }]);
    const [lineA, lineS] = lineIds as [string, string];
    await shipTransfer(w.warehouse, id, { serials: { [lineS]: ["TR-S-03", "TR-S-04"] } });

    const error = await expectRefusedUnchanged(
      db,
      () => receiveTransfer(w.warehouse, id, { _key: randomUUID(),  lines: [{ lineId: lineA, quantity: 4 }, { lineId: lineS, quantity: 1 }], close: "on" }),
      ValidationError,
    );
    expect(error.fieldErrors).toEqual({ note: ["stock.validation.explainDiscrepancy"] });

    expect(
      await receiveTransfer(w.warehouse, id, { _key: randomUUID(),  lines: [{ lineId: lineA, quantity: 4 }, { lineId: lineS, quantity: 1 }], close: "on", note: "两台在运输中损坏" }),
    ).toEqual({ status: "received" });
    expect(await where(P.a)).toEqual({ bj: a0.bj - 6, bj2: a0.bj2 + 4, transit: a0.transit });
    expect(await levelOf(db, w.sys.loss, P.a)).toBe(lossA); // loss is the outside world: no level
    const moves = await movesOf(id);
    expect(moves.filter((m) => m.fromLocationId === w.sys.transit && m.toLocationId === w.sys.loss).map((m) => [m.productId, m.quantity, m.reason])).toEqual(
      expect.arrayContaining([
        [P.a, 2, "adjustment"],
        [P.s, 1, "adjustment"],
      ]),
    );
    const serials = new Map((await serialsOf(db, P.s)).map((s) => [s.serial, s]));
    expect(serials.get("TR-S-03")).toMatchObject({ status: "in_stock", locationId: w.wBJ2 });
    expect(serials.get("TR-S-04")).toMatchObject({ status: "scrapped", locationId: w.sys.loss });
    const doc = await getDocument(w.admin, id);
    expect(doc.document).toMatchObject({ status: "received", note: "两台在运输中损坏" });
    expect(doc.lines.map((l) => [l.sku, l.quantityDone, l.quantityReceived, l.note])).toEqual([
      ["ZTR-A", 6, 4, "两台在运输中损坏"],
      ["ZTR-S", 2, 1, "两台在运输中损坏"],
    ]);
  });

  it("receives in full without a note when nothing is short", async () => {
    const { id, lineIds } = await transfer([{ sku: "ZTR-C", quantity: 2 }]);
    await shipTransfer(w.warehouse, id);
    expect(await receiveTransfer(w.warehouse, id, { _key: randomUUID(),  lines: [{ lineId: lineIds[0], quantity: 2 }], close: "on" })).toEqual({ status: "received" });
  });
});

describe("cancelTransfer", () => {
  it("cancels a draft (twice is a no-op); a cancelled transfer cannot ship", async () => {
    const { id } = await transfer([{ sku: "ZTR-A", quantity: 1 }]);
    expect(await cancelTransfer(w.warehouse, id)).toEqual({ status: "cancelled" });
    const before = await stockState(db);
    expect(await cancelTransfer(w.warehouse, id)).toEqual({ status: "cancelled" });
    expect(await stockState(db)).toEqual(before);
    const error = await expectRefusedUnchanged(db, () => shipTransfer(w.warehouse, id), ConflictError);
    expect(error.code).toBe("stock.validation.documentClosed");
    expect(await movesOf(id)).toEqual([]);
  });

  it("refuses cancelling after shipping", async () => {
    const { id } = await transfer([{ sku: "ZTR-A", quantity: 1 }]);
    await shipTransfer(w.warehouse, id);
    const error = await expectRefusedUnchanged(db, () => cancelTransfer(w.warehouse, id), ConflictError);
    expect(error.code).toBe("stock.validation.alreadyShipped");
    expect((await docOf(id)).status).toBe("shipped");
  });
});

describe("scope", () => {
  it("hides a Shanghai-only transfer from the Beijing warehouse user", async () => {
    const wSH2 = await addLocation(db, "T-TR-SH2", "warehouse", { branchId: w.sh });
    const { id } = await transfer([{ sku: "ZTR-A", quantity: 1 }], { ctx: w.admin, from: w.wSH, to: wSH2 });
    for (const act of [() => shipTransfer(w.warehouse, id), () => cancelTransfer(w.warehouse, id), () => getDocument(w.warehouse, id)]) {
      await expectRefusedUnchanged(db, act, NotFoundError);
    }
    await expect(getDocument(salesSh, id)).resolves.toMatchObject({ document: { id } });
    await expect(shipTransfer(w.admin, id)).resolves.toEqual({ status: "shipped" });
  });
});

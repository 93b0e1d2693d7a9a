import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { products, stockDocumentLines, stockDocuments, stockMoves, type Database } from "@cs/db";
import { testDb } from "../../../../../tests/db";
import type { Ctx } from "../../shared/context";
import { ConflictError, ForbiddenError, ValidationError } from "../../shared/errors";
import { ctxOf, newKey, orgByCode } from "@cs/testing/demo";
import { fieldErrorsOf } from "@cs/testing/errors";
import { expectLedgerConsistent } from "@cs/testing/inventory";
import {
  addLocation,
  addProduct,
  addProductLine,
  expectRefusedUnchanged,
  form,
  levelOf,
  setUpStockWorld,
  stockIn,
  stockState,
  type StockWorld,
} from "@cs/testing/stock-documents";
import { approveStocktake, enterCounts, openStocktake, postStocktake, stocktakeVariances } from "./stocktakes";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;
let w: StockWorld;
let sales: Ctx, dealer: Ctx;
let dl1: string;
let otherLine: string;
const P = { x1: "", x2: "", x3: "", z: "", found: "", dear: "" };
let warehouses = 0;

const docOf = async (id: string) => (await db.select().from(stockDocuments).where(eq(stockDocuments.id, id)))[0]!;
const movesOf = async (id: string) => db.select().from(stockMoves).where(eq(stockMoves.referenceId, (await docOf(id)).number));
/** `SKU expected/counted` per line, sorted. */
const snapshot = async (id: string) =>
  (
    await db
      .select({ sku: products.sku, quantity: stockDocumentLines.quantity, counted: stockDocumentLines.counted })
      .from(stockDocumentLines)
      .innerJoin(products, eq(products.id, stockDocumentLines.productId))
      .where(eq(stockDocumentLines.documentId, id))
  )
    .map((l) => `${l.sku} ${l.quantity}/${l.counted ?? "-"}`)
    .sort();

/** A Beijing warehouse of its own for one test: X1 10, X2 5, Z 3 of ours, and 7 X1 the dealer owns. */
async function stockedWarehouse() {
  const id = await addLocation(db, `T-ST-W${++warehouses}`, "warehouse", { branchId: w.bj });
  await stockIn(db, w.sys.supplier, P.x1, id, 10);
  await stockIn(db, w.sys.supplier, P.x2, id, 5);
  await stockIn(db, w.sys.supplier, P.z, id, 3);
  await stockIn(db, w.sys.supplier, P.x1, id, 7, { ownerId: dl1 });
  return id;
}
const open = async (locationId: string, extra: Record<string, unknown> = {}, ctx: Ctx = w.warehouse) => (await openStocktake(ctx, form({ locationId, ...extra }))).id;

beforeAll(async () => {
  db = testDb();
  w = await setUpStockWorld(db, "ST");
  [sales, dealer] = [await ctxOf(db, "sales.bj@demo.cn"), await ctxOf(db, "dealer@demo.cn")];
  dl1 = (await orgByCode(db, "DL-0001")).id;
  otherLine = await addProductLine(db, "TST2");
  P.x1 = await addProduct(db, "ZST-X1", { productLineId: w.lineId, costFen: 1_000n });
  P.x2 = await addProduct(db, "ZST-X2", { productLineId: w.lineId, costFen: 2_000n });
  P.x3 = await addProduct(db, "ZST-X3", { productLineId: w.lineId, costFen: 3_000n });
  P.z = await addProduct(db, "ZST-Z", { productLineId: otherLine, costFen: 1_000n });
  P.found = await addProduct(db, "ZST-FOUND", { productLineId: otherLine, costFen: 500n });
  P.dear = await addProduct(db, "ZST-DEAR", { productLineId: otherLine, costFen: 300_000n });
});

afterEach(async () => {
  await expectLedgerConsistent(db);
});

describe("openStocktake", () => {
  it("snapshots every product of ours with stock at the location, nothing else", async () => {
    const location = await stockedWarehouse();
    const id = await open(location, { note: "月末盘点" });
    expect(await docOf(id)).toMatchObject({ kind: "stocktake", status: "counting", fromLocationId: location, toLocationId: location, reason: null });
    // the dealer's 7 units of X1 are not ours to count; X3 has no stock here
    expect(await snapshot(id)).toEqual(["ZST-X1 10/-", "ZST-X2 5/-", "ZST-Z 3/-"]);
    expect(await movesOf(id)).toEqual([]);
  });

  it("snapshots one product line including its products without stock", async () => {
    const location = await stockedWarehouse();
    const id = await open(location, { productLineId: w.lineId });
    expect(await docOf(id)).toMatchObject({ reason: w.lineId });
    expect(await snapshot(id)).toEqual(["ZST-X1 10/-", "ZST-X2 5/-", "ZST-X3 0/-"]);
  });

  it("is idempotent by form key", async () => {
    const location = await stockedWarehouse();
    const raw = { _key: newKey(), locationId: location, productLineId: "" };
    const first = await openStocktake(w.warehouse, raw);
    const before = await stockState(db);
    expect(await openStocktake(w.warehouse, { ...raw })).toEqual(first);
    expect(await stockState(db)).toEqual(before);
  });

  it("refuses a location outside the user's branches or of the wrong kind, and a bad product line", async () => {
    for (const locationId of [w.wSH, w.sys.transit, w.sys.loss, "x"]) {
      const errors = await expectUnchanged(db, () => fieldErrorsOf(openStocktake(w.warehouse, form({ locationId }))));
      expect(Object.keys(errors)).toEqual(["locationId"]);
    }
    expect(await expectUnchanged(db, () => fieldErrorsOf(openStocktake(w.warehouse, form({ locationId: w.wBJ, productLineId: "line-1" }))))).toEqual({ productLineId: ["validation.invalid"] });
  });

  it("refuses partners and staff without stock:count", async () => {
    const location = await stockedWarehouse();
    for (const ctx of [sales, dealer, w.finance]) await expectRefusedUnchanged(db, () => open(location, {}, ctx), ForbiddenError);
  });
});

describe("enterCounts", () => {
  it("records counts by SKU (any case) and adds a SKU not in the snapshot as found stock", async () => {
    const id = await open(await stockedWarehouse());
    expect(await enterCounts(w.warehouse, id, { counts: [{ sku: "zst-x1", counted: "8" }, { sku: "ZST-FOUND", counted: 4 }] })).toEqual({ counted: 2 });
    expect(await snapshot(id)).toEqual(["ZST-FOUND 0/4", "ZST-X1 10/8", "ZST-X2 5/-", "ZST-Z 3/-"]);
    // counting again overwrites
    await enterCounts(w.warehouse, id, { counts: [{ sku: "ZST-X1", counted: 9 }] });
    expect(await snapshot(id)).toContain("ZST-X1 10/9");
  });

  it("reports errors per row and saves nothing when any row is bad", async () => {
    const id = await open(await stockedWarehouse());
    let error = await expectRefusedUnchanged(
      db,
      () =>
        enterCounts(w.warehouse, id, {
          counts: [
            { sku: "ZST-X1", counted: 8 },
            { sku: "NOPE-404", counted: 1 },
            { sku: "zst-x1", counted: 7 },
            { sku: "ZST-X2", counted: 5 },
          ],
        }),
      ValidationError,
    );
    expect(error.fieldErrors).toEqual({ "counts.1.sku": ["stock.validation.unknownSku"], "counts.2.sku": ["stock.validation.duplicateRow"] });

    error = await expectRefusedUnchanged(
      db,
      () =>
        enterCounts(w.warehouse, id, {
          counts: [
            { sku: "ZST-X1", counted: 8 },
            { sku: "ZST-X2", counted: -1 },
            { sku: "ZST-Z", counted: "2.5" },
            { sku: "", counted: 1 },
          ],
        }),
      ValidationError,
    );
    expect(error.fieldErrors).toEqual({
      "counts.1.counted": ["stock.validation.countNegative"],
      "counts.2.counted": ["stock.validation.quantityInteger"],
      "counts.3.sku": ["validation.required"],
    });
    expect(await expectUnchanged(db, () => fieldErrorsOf(enterCounts(w.warehouse, id, { counts: [] })))).toEqual({ counts: ["stock.validation.noLines"] });
    expect(await snapshot(id)).toEqual(["ZST-X1 10/-", "ZST-X2 5/-", "ZST-Z 3/-"]);
  });
});

describe("postStocktake", () => {
  it("books the variances against loss (+ found, − missing); uncounted lines stay; posting twice is a no-op", async () => {
    const location = await stockedWarehouse();
    const id = await open(location);
    await enterCounts(w.warehouse, id, {
      counts: [
        { sku: "ZST-X1", counted: 8 },
        { sku: "ZST-Z", counted: 3 },
        { sku: "ZST-FOUND", counted: 4 },
      ],
    });
    expect((await stocktakeVariances(db, id)).map((v) => [v.productId, v.variance, v.valueFen]).sort()).toEqual(
      [
        [P.x1, -2, -2_000n],
        [P.x2, 0, 0n],
        [P.z, 0, 0n],
        [P.found, 4, 2_000n],
      ].sort(),
    );

    expect(await postStocktake(w.warehouse, id)).toEqual({ status: "posted" });
    expect(await docOf(id)).toMatchObject({ status: "posted", valueFen: 4_000n, approvedBy: null });
    expect([await levelOf(db, location, P.x1), await levelOf(db, location, P.x2), await levelOf(db, location, P.z), await levelOf(db, location, P.found)]).toEqual([
      8, 5, 3, 4,
    ]);
    expect(await levelOf(db, location, P.x1, dl1)).toBe(7); // the dealer's units are untouched
    const moves = (await movesOf(id)).map((m) => [m.productId, m.quantity, m.fromLocationId, m.toLocationId, m.reason, m.ownerId]);
    expect(moves.sort()).toEqual(
      [
        [P.x1, 2, location, w.sys.loss, "adjustment", null],
        [P.found, 4, w.sys.loss, location, "adjustment", null],
      ].sort(),
    );

    const before = await stockState(db);
    expect(await postStocktake(w.warehouse, id)).toEqual({ status: "posted" });
    expect(await stockState(db)).toEqual(before);
    const error = await expectRefusedUnchanged(db, () => enterCounts(w.warehouse, id, { counts: [{ sku: "ZST-X1", counted: 1 }] }), ConflictError);
    expect(error.code).toBe("stock.validation.stocktakePosted");
    expect(await approveStocktake(w.finance, id)).toEqual({ status: "posted" });
    expect(await stockState(db)).toEqual(before);
  });

  it("posts a count without variances as an empty adjustment", async () => {
    const id = await open(await stockedWarehouse(), { productLineId: w.lineId });
    expect(await postStocktake(w.warehouse, id)).toEqual({ status: "posted" });
    expect(await movesOf(id)).toEqual([]);
  });

  it("sends a large variance by a warehouse user for approval, which finance gives", async () => {
    const location = await stockedWarehouse();
    await stockIn(db, w.sys.supplier, P.dear, location, 5);
    const id = await open(location);
    await enterCounts(w.warehouse, id, { counts: [{ sku: "ZST-DEAR", counted: 3 }] });

    const before = await stockState(db);
    expect(await postStocktake(w.warehouse, id)).toEqual({ status: "pending_approval" });
    expect(await docOf(id)).toMatchObject({ status: "pending_approval", valueFen: 600_000n });
    expect(await movesOf(id)).toEqual([]);
    expect(await levelOf(db, location, P.dear)).toBe(5);
    expect(before.moves).toBe((await stockState(db)).moves);

    // waiting: no more counting, posting again is a no-op, the warehouse may not approve
    await expectRefusedUnchanged(db, () => enterCounts(w.warehouse, id, { counts: [{ sku: "ZST-DEAR", counted: 5 }] }), ConflictError);
    const waiting = await stockState(db);
    expect(await postStocktake(w.warehouse, id)).toEqual({ status: "pending_approval" });
    expect(await stockState(db)).toEqual(waiting);
    await expectRefusedUnchanged(db, () => approveStocktake(w.warehouse, id), ForbiddenError);

    expect(await approveStocktake(w.finance, id)).toEqual({ status: "posted" });
    expect(await docOf(id)).toMatchObject({ status: "posted", approvedBy: w.finance.actor.userId });
    expect(await levelOf(db, location, P.dear)).toBe(3);
    expect((await movesOf(id)).map((m) => [m.productId, m.quantity, m.toLocationId, m.actorId])).toEqual([[P.dear, 2, w.sys.loss, w.finance.actor.userId]]);
    const posted = await stockState(db);
    expect(await approveStocktake(w.finance, id)).toEqual({ status: "posted" });
    expect(await stockState(db)).toEqual(posted);
  });

  it("posts a large variance at once for someone who may approve", async () => {
    const location = await stockedWarehouse();
    await stockIn(db, w.sys.supplier, P.dear, location, 5);
    const id = await open(location, {}, w.admin);
    await enterCounts(w.admin, id, { counts: [{ sku: "ZST-DEAR", counted: 0 }] });
    expect(await postStocktake(w.admin, id)).toEqual({ status: "posted" });
    expect(await levelOf(db, location, P.dear)).toBe(0);
  });

  it("refuses approving a stocktake that is still being counted", async () => {
    const id = await open(await stockedWarehouse());
    const error = await expectRefusedUnchanged(db, () => approveStocktake(w.finance, id), ConflictError);
    expect(error.code).toBe("stock.validation.documentClosed");
  });
});

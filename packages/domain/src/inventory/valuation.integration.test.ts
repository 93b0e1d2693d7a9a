import { and, eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { stockMoves, stockValuations, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { fieldErrorsOf } from "@cs/testing/errors";
import { expectLedgerConsistent } from "@cs/testing/inventory";
import { addLocation, addProduct, form, lineIdsOf, setUpStockWorld, type StockWorld } from "@cs/testing/stock-documents";
import { createIssue } from "./documents/issues";
import { createReceipt, postReceipt } from "./documents/receipts";
import { enterCounts, openStocktake, postStocktake, stocktakeVariances } from "./documents/stocktakes";
import { createTransfer, receiveTransfer, shipTransfer } from "./documents/transfers";
import { applyMoves } from "./ledger";
import { verifyStockValues } from "./verify";

let db: Database;
let w: StockWorld;

beforeAll(async () => {
  db = testDb();
  w = await setUpStockWorld(db, "VAL");
});

afterEach(() => expectLedgerConsistent(db));

const valuationOf = async (productId: string) => {
  const [row] = await db.select().from(stockValuations).where(eq(stockValuations.productId, productId));
  return row && { quantity: row.quantity, valueFen: row.valueFen, averageCostFen: row.averageCostFen };
};
const movesOf = (reference: string) =>
  db
    .select({ reason: stockMoves.reason, quantity: stockMoves.quantity, unitCostFen: stockMoves.unitCostFen, valueFen: stockMoves.valueFen })
    .from(stockMoves)
    .where(and(eq(stockMoves.referenceType, "stock_document"), eq(stockMoves.referenceId, reference)))
    .orderBy(stockMoves.id);
const numberOf = async (id: string) =>
  String((await db.execute<{ number: string }>(sql`select number from stock_documents where id = ${id}`))[0]!.number);

/** A receipt of one line at a purchase cost (yuan text), posted in full; returns its number. */
async function receive(sku: string, quantity: number, unitCost: string | undefined, to = w.wBJ, ctx = w.warehouse) {
  const { id } = await createReceipt(ctx, form({ toLocationId: to, lines: [{ sku, quantity, ...(unitCost ? { unitCost } : {}) }] }));
  const [lineId] = await lineIdsOf(db, id, [sku]);
  await postReceipt(ctx, id, form({ lines: [{ lineId, quantity }] }));
  return numberOf(id);
}

describe("moving-average cost through the stock documents", () => {
  it("averages receipts at different costs, issues at the average, carries it through a transfer and values a stocktake variance", async () => {
    const product = await addProduct(db, "ZVAL-A", { productLineId: w.lineId, costFen: 10_000n });

    const first = await receive("ZVAL-A", 10, "100.00");
    expect(await movesOf(first)).toEqual([{ reason: "receipt", quantity: 10, unitCostFen: 10_000n, valueFen: 100_000n }]);
    expect(await valuationOf(product)).toEqual({ quantity: 10, valueFen: 100_000n, averageCostFen: 10_000n });

    await receive("ZVAL-A", 5, "130.00");
    expect(await valuationOf(product)).toEqual({ quantity: 15, valueFen: 165_000n, averageCostFen: 11_000n });

    // 195,303 / 18 = 10,850.17 → 10,850
    await receive("ZVAL-A", 3, "101.01");
    expect(await valuationOf(product)).toEqual({ quantity: 18, valueFen: 195_303n, averageCostFen: 10_850n });

    // scrap of 4 takes its share of the value: 195,303 × 4 / 18 = 43,400.67 → 43,401 (108.50 a unit)
    const issue = await createIssue(w.warehouse, form({ fromLocationId: w.wBJ, reason: "scrap", lines: [{ sku: "ZVAL-A", quantity: 4 }] }));
    expect(issue.status).toBe("done");
    const issued = await movesOf(await numberOf(issue.id));
    expect(issued).toEqual([{ reason: "issue", quantity: 4, unitCostFen: 10_850n, valueFen: 43_401n }]);
    expect(await valuationOf(product)).toEqual({ quantity: 14, valueFen: 151_902n, averageCostFen: 10_850n });

    // a transfer carries the value through transit and changes neither quantity nor value
    const transfer = await createTransfer(w.warehouse, form({ fromLocationId: w.wBJ, toLocationId: w.wBJ2, lines: [{ sku: "ZVAL-A", quantity: 6 }] }));
    await shipTransfer(w.warehouse, transfer.id);
    const [transferLine] = await lineIdsOf(db, transfer.id, ["ZVAL-A"]);
    await receiveTransfer(w.warehouse, transfer.id, form({ lines: [{ lineId: transferLine, quantity: 6 }] }));
    expect(await movesOf(await numberOf(transfer.id))).toEqual([
      { reason: "transfer_out", quantity: 6, unitCostFen: 10_850n, valueFen: 65_101n },
      { reason: "transfer_in", quantity: 6, unitCostFen: 10_850n, valueFen: 65_101n },
    ]);
    expect(await valuationOf(product)).toEqual({ quantity: 14, valueFen: 151_902n, averageCostFen: 10_850n });

    // a count one short at the destination: the variance is valued at the average, and so is the loss move
    const count = await openStocktake(w.warehouse, form({ locationId: w.wBJ2 }));
    await enterCounts(w.warehouse, count.id, { counts: [{ sku: "ZVAL-A", counted: 5 }] });
    const variances = await stocktakeVariances(db, count.id);
    expect(variances.find((v) => v.productId === product)).toMatchObject({ variance: -1, costFen: 10_850n, valueFen: -10_850n });
    expect(await postStocktake(w.warehouse, count.id)).toEqual({ status: "posted" });
    expect(await movesOf(await numberOf(count.id))).toEqual([{ reason: "adjustment", quantity: 1, unitCostFen: 10_850n, valueFen: 10_850n }]);
    expect(await valuationOf(product)).toEqual({ quantity: 13, valueFen: 141_052n, averageCostFen: 10_850n });
  });

  it("a stocktake gain arrives at the average, and a receipt without a cost changes nothing", async () => {
    const product = await addProduct(db, "ZVAL-G", { productLineId: w.lineId, costFen: 5_000n });
    await receive("ZVAL-G", 4, "60.00");
    await receive("ZVAL-G", 2, undefined);
    expect(await valuationOf(product)).toEqual({ quantity: 6, valueFen: 36_000n, averageCostFen: 6_000n });
    const count = await openStocktake(w.warehouse, form({ locationId: w.wBJ }));
    await enterCounts(w.warehouse, count.id, { counts: [{ sku: "ZVAL-G", counted: 8 }] });
    await postStocktake(w.warehouse, count.id);
    expect(await valuationOf(product)).toEqual({ quantity: 8, valueFen: 48_000n, averageCostFen: 6_000n });
  });

  it("rounds half up and lets the last unit out take exactly what is left", async () => {
    const product = await addProduct(db, "ZVAL-R", { productLineId: w.lineId, costFen: 1n });
    await receive("ZVAL-R", 1, "0.01");
    await receive("ZVAL-R", 1, "0.02");
    // 3 / 2 = 1.5 → 2
    expect(await valuationOf(product)).toEqual({ quantity: 2, valueFen: 3n, averageCostFen: 2n });
    const one = await createIssue(w.warehouse, form({ fromLocationId: w.wBJ, reason: "sample", lines: [{ sku: "ZVAL-R", quantity: 1 }] }));
    expect((await movesOf(await numberOf(one.id)))[0]).toMatchObject({ valueFen: 2n });
    const last = await createIssue(w.warehouse, form({ fromLocationId: w.wBJ, reason: "sample", lines: [{ sku: "ZVAL-R", quantity: 1 }] }));
    expect((await movesOf(await numberOf(last.id)))[0]).toMatchObject({ valueFen: 1n, unitCostFen: 1n });
    // empty: no value left, the last average kept for a later gain
    expect(await valuationOf(product)).toEqual({ quantity: 0, valueFen: 0n, averageCostFen: 1n });
  });

  it("refuses a negative or malformed purchase cost with a field error on its line", async () => {
    await addProduct(db, "ZVAL-BAD", { productLineId: w.lineId });
    for (const unitCost of ["-1.00", "abc", "1.234"])
      expect(await fieldErrorsOf(createReceipt(w.warehouse, form({ toLocationId: w.wBJ, lines: [{ sku: "ZVAL-BAD", quantity: 1, unitCost }] })))).toEqual({
        "lines.0.unitCost": ["validation.money"],
      });
  });

  it("leaves goods partners own unvalued", async () => {
    const product = await addProduct(db, "ZVAL-P", { productLineId: w.lineId });
    const dealer = (await db.execute<{ id: string }>(sql`select id from organizations where code = 'DL-0001'`))[0]!.id;
    const virtual = await addLocation(db, "T-VAL-PV", "partner_virtual", { organizationId: dealer, branchId: w.bj });
    await db.transaction((tx) =>
      applyMoves(tx, null, [{ productId: product, quantity: 3, fromLocationId: w.sys.supplier, toLocationId: virtual, ownerId: dealer, reason: "receipt", referenceType: "test", referenceId: "ZVAL-P" }]),
    );
    const [move] = await db.select().from(stockMoves).where(and(eq(stockMoves.referenceType, "test"), eq(stockMoves.referenceId, "ZVAL-P")));
    expect([move!.unitCostFen, move!.valueFen]).toEqual([null, null]);
    expect(await valuationOf(product)).toBeUndefined();
  });
});

describe("stock:verify on value", () => {
  it("finds a move whose value was tampered with, and a valuation edited by hand", async () => {
    const product = await addProduct(db, "ZVAL-T", { productLineId: w.lineId });
    const number = await receive("ZVAL-T", 7, "12.00");
    expect((await verifyStockValues(db)).filter((d) => d.productId === product)).toEqual([]);

    const where = and(eq(stockMoves.referenceType, "stock_document"), eq(stockMoves.referenceId, number));
    await db.update(stockMoves).set({ valueFen: 8_401n }).where(where);
    expect((await verifyStockValues(db)).filter((d) => d.productId === product)).toEqual([
      { productId: product, ledgerQuantity: 7, quantity: 7, ledgerValueFen: 8_401n, valueFen: 8_400n, unvaluedMoves: 0 },
    ]);
    await db.update(stockMoves).set({ valueFen: 8_400n }).where(where);

    await db.update(stockValuations).set({ averageCostFen: 1_199n }).where(eq(stockValuations.productId, product));
    expect((await verifyStockValues(db)).map((d) => d.productId)).toEqual([product]);
    await db.update(stockValuations).set({ averageCostFen: 1_200n }).where(eq(stockValuations.productId, product));

    await db.update(stockMoves).set({ valueFen: null, unitCostFen: null }).where(where);
    expect((await verifyStockValues(db)).filter((d) => d.productId === product)).toMatchObject([{ unvaluedMoves: 1 }]);
    await db.update(stockMoves).set({ valueFen: 8_400n, unitCostFen: 1_200n }).where(where);
  });
});

describe("under concurrency", () => {
  it("keeps the average exact when receipts of one product at different costs post at once into different warehouses", async () => {
    const product = await addProduct(db, "ZVAL-C", { productLineId: w.lineId, costFen: 1_000n });
    const warehouses = [w.wBJ, w.wBJ2, w.wSH];
    for (let i = 0; i < 5; i++) warehouses.push(await addLocation(db, `T-VAL-C${i}`, "warehouse", { branchId: w.bj }));
    const receipts = await Promise.all(
      warehouses.map(async (to, i) => {
        const { id } = await createReceipt(w.admin, form({ toLocationId: to, lines: [{ sku: "ZVAL-C", quantity: i + 1, unitCost: `${10 + i}.00` }] }));
        return { id, lineId: (await lineIdsOf(db, id, ["ZVAL-C"]))[0]!, quantity: i + 1 };
      }),
    );
    await Promise.all(receipts.map((r) => postReceipt(w.admin, r.id, form({ lines: [{ lineId: r.lineId, quantity: r.quantity }] }))));
    const quantity = receipts.reduce((s, r) => s + r.quantity, 0);
    const value = warehouses.reduce((s, _w, i) => s + BigInt(i + 1) * BigInt((10 + i) * 100), 0n);
    expect(await valuationOf(product)).toEqual({ quantity, valueFen: value, averageCostFen: (2n * value + BigInt(quantity)) / (2n * BigInt(quantity)) });
  });
});

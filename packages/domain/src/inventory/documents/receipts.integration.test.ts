import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { products, stockDocumentLines, stockDocuments, stockMoves, type Database } from "@cs/db";
import { testDb } from "../../../../../tests/db";
import type { Ctx } from "../../shared/context";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../shared/errors";
import { ctxOf, newKey } from "@cs/testing/demo";
import { fieldErrorsOf } from "@cs/testing/errors";
import { expectLedgerConsistent } from "@cs/testing/inventory";
import {
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
import { createReceipt, postReceipt } from "./receipts";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;
let w: StockWorld;
let sales: Ctx, dealer: Ctx;
const P = { plain: "", serial: "", other: "", inactive: "" };

const docOf = async (id: string) => (await db.select().from(stockDocuments).where(eq(stockDocuments.id, id)))[0]!;
const linesOf = (id: string) =>
  db
    .select({ productId: stockDocumentLines.productId, quantity: stockDocumentLines.quantity, quantityDone: stockDocumentLines.quantityDone, serials: stockDocumentLines.serials })
    .from(stockDocumentLines)
    .innerJoin(products, eq(products.id, stockDocumentLines.productId))
    .where(eq(stockDocumentLines.documentId, id))
    .orderBy(products.sku);
/** A receipt into the Beijing warehouse, created by the warehouse user; its line ids in input order. */
async function receipt(lines: { sku: string; quantity: number }[], ctx: Ctx = w.warehouse, toLocationId = w.wBJ) {
  const { id } = await createReceipt(ctx, form({ toLocationId, lines }));
  return { id, lineIds: await lineIdsOf(db, id, lines.map((l) => l.sku)) };
}

beforeAll(async () => {
  db = testDb();
  w = await setUpStockWorld(db, "RC");
  [sales, dealer] = [await ctxOf(db, "sales.bj@demo.cn"), await ctxOf(db, "dealer@demo.cn")];
  P.plain = await addProduct(db, "ZRC-PLAIN", { productLineId: w.lineId });
  P.serial = await addProduct(db, "ZRC-SER", { productLineId: w.lineId, serialized: true });
  P.other = await addProduct(db, "ZRC-OTHER", { productLineId: w.lineId });
  P.inactive = await addProduct(db, "ZRC-GONE", { productLineId: w.lineId, active: false });
});

afterEach(async () => {
  await expectLedgerConsistent(db);
});

describe("createReceipt", () => {
  it("creates an open receipt from the supplier, once per form key", async () => {
    const raw = { _key: newKey(), toLocationId: w.wBJ, reference: "DN-778", lines: [{ sku: "zrc-plain", quantity: "5" }] };
    const first = await createReceipt(w.warehouse, raw);
    const before = await stockState(db);
    expect(await createReceipt(w.warehouse, { ...raw })).toEqual(first);
    expect(await stockState(db)).toEqual(before);

    const doc = await docOf(first.id);
    expect(doc).toMatchObject({ kind: "receipt", status: "open", fromLocationId: w.sys.supplier, toLocationId: w.wBJ, reason: "DN-778" });
    expect(doc.number).toMatch(/^RC-\d{4}-\d{6}$/);
    expect(await linesOf(first.id)).toMatchObject([{ productId: P.plain, quantity: 5, quantityDone: 0 }]);
    // nothing arrives with the paperwork
    expect(await db.select().from(stockMoves).where(eq(stockMoves.referenceId, doc.number))).toEqual([]);
  });

  it("refuses the same key with other content", async () => {
    const key = newKey();
    await createReceipt(w.warehouse, { _key: key, toLocationId: w.wBJ, lines: [{ sku: "ZRC-PLAIN", quantity: 1 }] });
    const error = await expectRefusedUnchanged(
      db,
      () => createReceipt(w.warehouse, { _key: key, toLocationId: w.wBJ, lines: [{ sku: "ZRC-PLAIN", quantity: 2 }] }),
      ConflictError,
    );
    expect(error.code).toBe("errors.keyReused");
  });

  it("names the line with an unknown or inactive SKU", async () => {
    const errors = await expectUnchanged(db, () => fieldErrorsOf(
      createReceipt(w.warehouse, form({ toLocationId: w.wBJ, lines: [{ sku: "ZRC-PLAIN", quantity: 1 }, { sku: "NOPE-1", quantity: 1 }, { sku: "ZRC-GONE", quantity: 1 }] })),
    ));
    expect(errors).toEqual({ "lines.1.sku": ["stock.validation.unknownSku"], "lines.2.sku": ["stock.validation.unknownSku"] });
  });

  it.each([
    ["zero", 0, "stock.validation.quantityPositive"],
    ["negative", -3, "stock.validation.quantityPositive"],
    ["fractional", 1.5, "stock.validation.quantityInteger"],
    ["fractional text", "2.5", "stock.validation.quantityInteger"],
    ["not a number", "abc", "stock.validation.quantity"],
  ])("refuses a %s quantity on the line, changing nothing", async (_what, quantity, message) => {
    const error = await expectRefusedUnchanged(
      db,
      () => createReceipt(w.warehouse, form({ toLocationId: w.wBJ, lines: [{ sku: "ZRC-PLAIN", quantity: 1 }, { sku: "ZRC-PLAIN", quantity }] })),
      ValidationError,
    );
    expect(error.fieldErrors["lines.1.quantity"]).toContain(message);
    expect(Object.keys(error.fieldErrors)).toEqual(["lines.1.quantity"]);
  });

  it("refuses a receipt without lines", async () => {
    expect(await expectUnchanged(db, () => fieldErrorsOf(createReceipt(w.warehouse, form({ toLocationId: w.wBJ, lines: [] }))))).toEqual({ lines: ["stock.validation.noLines"] });
  });

  it("refuses a warehouse of another branch, a non-warehouse and a tampered id as toLocationId", async () => {
    for (const toLocationId of [w.wSH, w.sys.supplier, w.sys.transit]) {
      const error = await expectRefusedUnchanged(
        db,
        () => createReceipt(w.warehouse, form({ toLocationId, lines: [{ sku: "ZRC-PLAIN", quantity: 1 }] })),
        ValidationError,
      );
      expect(error.fieldErrors).toEqual({ toLocationId: ["validation.invalid"] });
    }
    expect(await expectUnchanged(db, () => fieldErrorsOf(createReceipt(w.warehouse, form({ toLocationId: "../1", lines: [{ sku: "ZRC-PLAIN", quantity: 1 }] }))))).toEqual({
      toLocationId: ["validation.required"],
    });
    // the same Shanghai warehouse is fine for someone who works there (admin: every branch)
    await expect(createReceipt(w.admin, form({ toLocationId: w.wSH, lines: [{ sku: "ZRC-PLAIN", quantity: 1 }] }))).resolves.toHaveProperty("id");
  });

  it("refuses partners and staff without stock:move", async () => {
    for (const ctx of [sales, dealer, w.finance]) {
      await expectRefusedUnchanged(db, () => createReceipt(ctx, form({ toLocationId: w.wBJ, lines: [{ sku: "ZRC-PLAIN", quantity: 1 }] })), ForbiddenError);
    }
  });
});

describe("postReceipt", () => {
  it("books partial postings, then completes: open → partially_received → received", async () => {
    const start = { plain: await levelOf(db, w.wBJ, P.plain), serial: await levelOf(db, w.wBJ, P.serial) };
    const { id, lineIds } = await receipt([{ sku: "ZRC-PLAIN", quantity: 10 }, { sku: "ZRC-SER", quantity: 2 }]);

    expect(await postReceipt(w.warehouse, id, { _key: randomUUID(), lines: [{ lineId: lineIds[0], quantity: "4" }] })).toEqual({ status: "partially_received" });
    expect((await docOf(id)).status).toBe("partially_received");
    expect(await levelOf(db, w.wBJ, P.plain)).toBe(start.plain + 4);

    expect(
      await postReceipt(w.warehouse, id, {
        _key: randomUUID(),
        lines: [
          { lineId: lineIds[1], quantity: 1, serials: ["RC-S-001"] },
          { lineId: lineIds[0], quantity: 0 },
        ],
      }),
    ).toEqual({ status: "partially_received" });
    expect(
      await postReceipt(w.warehouse, id, {
        _key: randomUUID(),
        lines: [
          { lineId: lineIds[0], quantity: 6 },
          { lineId: lineIds[1], quantity: 1, serials: ["RC-S-002"] },
        ],
      }),
    ).toEqual({ status: "received" });

    expect((await docOf(id)).status).toBe("received");
    expect(await levelOf(db, w.wBJ, P.plain)).toBe(start.plain + 10);
    expect(await levelOf(db, w.wBJ, P.serial)).toBe(start.serial + 2);
    expect(await linesOf(id)).toMatchObject([
      { productId: P.plain, quantity: 10, quantityDone: 10, serials: [] },
      { productId: P.serial, quantity: 2, quantityDone: 2, serials: ["RC-S-001", "RC-S-002"] },
    ]);
    expect(await serialsOf(db, P.serial)).toMatchObject([
      { serial: "RC-S-001", status: "in_stock", locationId: w.wBJ, ownerId: null },
      { serial: "RC-S-002", status: "in_stock", locationId: w.wBJ, ownerId: null },
    ]);
    const { number } = await docOf(id);
    const moves = await db.select().from(stockMoves).where(eq(stockMoves.referenceId, number));
    expect(moves).toHaveLength(4);
    expect(moves.every((m) => m.reason === "receipt" && m.fromLocationId === w.sys.supplier && m.toLocationId === w.wBJ && m.ownerId === null)).toBe(true);
  });

  it("books a double-submitted posting once", async () => {
    const start = await levelOf(db, w.wBJ, P.plain);
    const { id, lineIds } = await receipt([{ sku: "ZRC-PLAIN", quantity: 10 }]);
    const posting = { _key: randomUUID(), lines: [{ lineId: lineIds[0], quantity: 3 }] };
    const [first, second] = await Promise.all([postReceipt(w.warehouse, id, posting), postReceipt(w.warehouse, id, posting)]);
    expect(first).toEqual({ status: "partially_received" });
    expect(second).toEqual(first);
    expect(await levelOf(db, w.wBJ, P.plain)).toBe(start + 3);
    await expectUnchanged(db, () => expect(postReceipt(w.warehouse, id, { lines: [{ lineId: lineIds[0], quantity: 3 }] })).rejects.toBeInstanceOf(ValidationError));
  });

  it("refuses posting on a received receipt, changing nothing", async () => {
    const { id, lineIds } = await receipt([{ sku: "ZRC-PLAIN", quantity: 1 }]);
    await postReceipt(w.warehouse, id, { _key: randomUUID(), lines: [{ lineId: lineIds[0], quantity: 1 }] });
    const error = await expectRefusedUnchanged(db, () => postReceipt(w.warehouse, id, { _key: randomUUID(), lines: [{ lineId: lineIds[0], quantity: 1 }] }), ConflictError);
    expect(error.code).toBe("stock.validation.documentClosed");
  });

  it("refuses receiving more than expected, also over several postings, changing nothing", async () => {
    const { id, lineIds } = await receipt([{ sku: "ZRC-PLAIN", quantity: 5 }, { sku: "ZRC-OTHER", quantity: 3 }]);
    let error = await expectRefusedUnchanged(
      db,
      () => postReceipt(w.warehouse, id, { _key: randomUUID(), lines: [{ lineId: lineIds[1], quantity: 3 }, { lineId: lineIds[0], quantity: 6 }] }),
      ValidationError,
    );
    expect(error.fieldErrors).toEqual({ "lines.1.quantity": ["stock.validation.moreThanExpected"] });

    await postReceipt(w.warehouse, id, { _key: randomUUID(), lines: [{ lineId: lineIds[0], quantity: 4 }] });
    error = await expectRefusedUnchanged(db, () => postReceipt(w.warehouse, id, { _key: randomUUID(), lines: [{ lineId: lineIds[0], quantity: 2 }] }), ValidationError);
    expect(error.fieldErrors).toEqual({ "lines.0.quantity": ["stock.validation.moreThanExpected"] });
    // the same line twice in one posting counts twice
    error = await expectRefusedUnchanged(
      db,
      () => postReceipt(w.warehouse, id, { _key: randomUUID(), lines: [{ lineId: lineIds[0], quantity: 1 }, { lineId: lineIds[0], quantity: 1 }] }),
      ValidationError,
    );
    expect(error.fieldErrors).toEqual({ "lines.1.quantity": ["stock.validation.moreThanExpected"] });
  });

  it.each([
    ["fewer serials than units", 2, ["RC-C-1"], "stock.validation.serialCount"],
    ["more serials than units", 1, ["RC-C-1", "RC-C-2"], "stock.validation.serialCount"],
    ["no serials", 1, [], "stock.validation.serialCount"],
    ["a serial twice", 2, ["RC-C-1", "RC-C-1"], "stock.validation.serialDuplicate"],
  ])("refuses %s for a serialized product on its line", async (_what, quantity, serials, message) => {
    const { id, lineIds } = await receipt([{ sku: "ZRC-PLAIN", quantity: 1 }, { sku: "ZRC-SER", quantity: 2 }]);
    const error = await expectRefusedUnchanged(
      db,
      () => postReceipt(w.warehouse, id, { _key: randomUUID(), lines: [{ lineId: lineIds[0], quantity: 1 }, { lineId: lineIds[1], quantity, serials }] }),
      ValidationError,
    );
    expect(error.fieldErrors).toEqual({ "lines.1.serials": [message] });
  });

  it("refuses a serial that already exists, in the database or earlier in the same posting", async () => {
    await stockIn(db, w.sys.supplier, P.serial, w.wBJ2, 1, { serials: ["RC-EXISTS"] });
    const { id, lineIds } = await receipt([{ sku: "ZRC-SER", quantity: 1 }, { sku: "ZRC-SER", quantity: 1 }]);
    let error = await expectRefusedUnchanged(db, () => postReceipt(w.warehouse, id, { _key: randomUUID(), lines: [{ lineId: lineIds[0], quantity: 1, serials: ["RC-EXISTS"] }] }), ValidationError);
    expect(error.fieldErrors).toEqual({ "lines.0.serials": ["stock.validation.serialExists"] });

    error = await expectRefusedUnchanged(
      db,
      () =>
        postReceipt(w.warehouse, id, {
        _key: randomUUID(),
          lines: [
            { lineId: lineIds[0], quantity: 1, serials: ["RC-NEW-1"] },
            { lineId: lineIds[1], quantity: 1, serials: ["RC-NEW-1"] },
          ],
        }),
      ValidationError,
    );
    expect(error.fieldErrors).toEqual({ "lines.1.serials": ["stock.validation.serialExists"] });
  });

  it("refuses serials on a product that is not serialized", async () => {
    const { id, lineIds } = await receipt([{ sku: "ZRC-PLAIN", quantity: 1 }]);
    const error = await expectRefusedUnchanged(db, () => postReceipt(w.warehouse, id, { _key: randomUUID(), lines: [{ lineId: lineIds[0], quantity: 1, serials: ["X1"] }] }), ValidationError);
    expect(error.fieldErrors).toEqual({ "lines.0.serials": ["stock.validation.notSerialized"] });
  });

  it.each([
    ["negative", -1, "lines.0.quantity"],
    ["fractional", 0.5, "lines.0.quantity"],
  ])("refuses a %s posted quantity", async (_what, quantity, field) => {
    const { id, lineIds } = await receipt([{ sku: "ZRC-PLAIN", quantity: 2 }]);
    const error = await expectRefusedUnchanged(db, () => postReceipt(w.warehouse, id, { _key: randomUUID(), lines: [{ lineId: lineIds[0], quantity }] }), ValidationError);
    expect(Object.keys(error.fieldErrors)).toEqual([field]);
  });

  it("refuses a posting of nothing and a line of another receipt", async () => {
    const a = await receipt([{ sku: "ZRC-PLAIN", quantity: 2 }]);
    const b = await receipt([{ sku: "ZRC-PLAIN", quantity: 2 }]);
    let error = await expectRefusedUnchanged(db, () => postReceipt(w.warehouse, a.id, { _key: randomUUID(), lines: [{ lineId: a.lineIds[0], quantity: 0 }] }), ValidationError);
    expect(error.fieldErrors).toEqual({ lines: ["stock.validation.nothingToPost"] });
    error = await expectRefusedUnchanged(db, () => postReceipt(w.warehouse, a.id, { _key: randomUUID(), lines: [{ lineId: b.lineIds[0], quantity: 1 }] }), ValidationError);
    expect(error.fieldErrors).toEqual({ "lines.0.lineId": ["validation.invalid"] });
  });

  it("refuses partners and non-warehouse staff, and hides a Shanghai receipt from the Beijing warehouse user", async () => {
    const { id, lineIds } = await receipt([{ sku: "ZRC-PLAIN", quantity: 2 }]);
    for (const ctx of [sales, dealer, w.finance]) {
      await expectRefusedUnchanged(db, () => postReceipt(ctx, id, { _key: randomUUID(), lines: [{ lineId: lineIds[0], quantity: 1 }] }), ForbiddenError);
    }
    const shanghai = await receipt([{ sku: "ZRC-PLAIN", quantity: 2 }], w.admin, w.wSH);
    await expectRefusedUnchanged(db, () => postReceipt(w.warehouse, shanghai.id, { _key: randomUUID(), lines: [{ lineId: shanghai.lineIds[0], quantity: 1 }] }), NotFoundError);
    await expect(postReceipt(w.admin, shanghai.id, { _key: randomUUID(), lines: [{ lineId: shanghai.lineIds[0], quantity: 2 }] })).resolves.toEqual({ status: "received" });
    await expectUnchanged(db, () => expect(postReceipt(w.warehouse, "not-a-uuid", { _key: randomUUID(), lines: [{ lineId: lineIds[0], quantity: 1 }] })).rejects.toBeInstanceOf(NotFoundError));
  });
});

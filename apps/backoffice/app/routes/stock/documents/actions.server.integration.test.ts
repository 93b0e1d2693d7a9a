import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { products, stockDocumentLines, stockDocuments, type Database } from "@cs/db";
import { createReceipt, createTransfer, openStocktake, type Ctx } from "@cs/domain";
import { ctxOf, newKey } from "@cs/testing/demo";
import { addLocation, addProduct, levelOf, lineIdsOf, serialsOf, setUpStockWorld, stockIn, type StockWorld } from "@cs/testing/stock-documents";
import { expectUnchanged } from "@cs/testing/unchanged";
import { testDb } from "../../../../../../tests/db";
import { form, outcome } from "../../../../../../tests/route-outcome";
import { runDocumentAction } from "./actions.server";

/** A stock document page's forms, posted to the dispatcher as the route hands them over. */

let db: Database;
let w: StockWorld;
let dealer: Ctx;
const P = { a: "", b: "", s: "" };
let countLocations = 0;

beforeAll(async () => {
  db = testDb();
  w = await setUpStockWorld(db, "DA");
  dealer = await ctxOf(db, "dealer@demo.cn");
  P.a = await addProduct(db, "ZDA-A", { productLineId: w.lineId });
  P.b = await addProduct(db, "ZDA-B", { productLineId: w.lineId });
  P.s = await addProduct(db, "ZDA-S", { productLineId: w.lineId, serialized: true });
  await stockIn(db, w.sys.supplier, P.a, w.wBJ, 50);
  await stockIn(db, w.sys.supplier, P.s, w.wBJ, 6, { serials: ["DA-S-01", "DA-S-02", "DA-S-03", "DA-S-04", "DA-S-05", "DA-S-06"] });
});

/** An open receipt of 5 × ZDA-A and 3 × ZDA-B into the Beijing warehouse, and its line ids. */
async function openReceipt() {
  const { id } = await createReceipt(w.warehouse, { _key: newKey(), toLocationId: w.wBJ, lines: [{ sku: "ZDA-A", quantity: "5" }, { sku: "ZDA-B", quantity: "3" }] });
  const [a, b] = await lineIdsOf(db, id, ["ZDA-A", "ZDA-B"]);
  return { id, a: a!, b: b! };
}

/** A draft transfer of 4 × ZDA-A and 2 × the serialized ZDA-S from the Beijing warehouse to the second one, and its line ids. */
async function draftTransfer() {
  const lines = [{ sku: "ZDA-A", quantity: 4 }, { sku: "ZDA-S", quantity: 2 }];
  const { id } = await createTransfer(w.warehouse, { _key: newKey(), fromLocationId: w.wBJ, toLocationId: w.wBJ2, lines });
  const [a, s] = await lineIdsOf(db, id, ["ZDA-A", "ZDA-S"]);
  return { id, a: a!, s: s! };
}

/** A count open at a Beijing warehouse of its own holding 10 × ZDA-A and 5 × ZDA-B. */
async function openCount() {
  const locationId = await addLocation(db, `T-DA-CNT${++countLocations}`, "warehouse", { branchId: w.bj });
  await stockIn(db, w.sys.supplier, P.a, locationId, 10);
  await stockIn(db, w.sys.supplier, P.b, locationId, 5);
  return { locationId, id: (await openStocktake(w.warehouse, { _key: newKey(), locationId })).id };
}

/** A count sheet as the warehouse saves it from Excel: a real XLSX workbook, header row first. */
async function countWorkbook(rows: (string | number)[][]) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("盘点");
  for (const row of [["SKU", "实盘数"], ...rows]) sheet.addRow(row);
  return new File([(await workbook.xlsx.writeBuffer()) as ArrayBuffer], "count.xlsx", { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
}

/** `SKU expected/counted` per line of a count, sorted. */
const countsOf = async (id: string) =>
  (
    await db
      .select({ sku: products.sku, quantity: stockDocumentLines.quantity, counted: stockDocumentLines.counted })
      .from(stockDocumentLines)
      .innerJoin(products, eq(products.id, stockDocumentLines.productId))
      .where(eq(stockDocumentLines.documentId, id))
  )
    .map((l) => `${l.sku} ${l.quantity}/${l.counted ?? "-"}`)
    .sort();

const statusOf = async (id: string) => (await db.select({ status: stockDocuments.status }).from(stockDocuments).where(eq(stockDocuments.id, id)))[0]!.status;

describe("runDocumentAction", () => {
  it("posts a receipt from its `lines.<i>.<field>` rows: the warehouse gains what was received, a blank quantity is 0", async () => {
    const doc = await openReceipt();
    const [a0, b0] = [await levelOf(db, w.wBJ, P.a), await levelOf(db, w.wBJ, P.b)];
    const answer = await outcome(
      runDocumentAction(
        w.warehouse,
        doc.id,
        form([
          ["intent", "post"],
          ["_key", newKey()],
          ["lines.0.lineId", doc.a],
          ["lines.0.quantity", "5"],
          ["lines.1.lineId", doc.b],
          ["lines.1.quantity", ""],
        ]),
      ),
    );
    expect(answer).toMatchObject({ thrown: false, status: 302, location: `/stock/documents/${doc.id}?done=posted` });
    expect([await levelOf(db, w.wBJ, P.a), await levelOf(db, w.wBJ, P.b)]).toEqual([a0 + 5, b0]);
  });

  it("refuses an unknown intent with 400 and changes nothing", async () => {
    const doc = await openReceipt();
    const answer = await expectUnchanged(db, () => outcome(runDocumentAction(w.warehouse, doc.id, form([["intent", "postAll"]]))));
    expect(answer).toMatchObject({ status: 400, data: { error: { form: ["errors.validation"] } } });
    expect(await statusOf(doc.id)).toBe("open");
  });

  it.each([["lines.0.__proto__"], ["lines.0.constructor"], ["serials.__proto__"], ["prototype"]])(
    "refuses a field named %s with 400 and posts nothing",
    async (name) => {
      const doc = await openReceipt();
      const answer = await expectUnchanged(db, () =>
        outcome(runDocumentAction(w.warehouse, doc.id, form([["intent", "post"], ["_key", newKey()], ["lines.0.lineId", doc.a], ["lines.0.quantity", "5"], [name, "x"]]))),
      );
      expect(answer).toMatchObject({ thrown: true, status: 400, data: { messageKey: "errors.fieldName" } });
      expect(await statusOf(doc.id)).toBe("open");
    },
  );

  it("refuses a hostile field name on an intent that reads no rows too", async () => {
    const doc = await openReceipt();
    const answer = await expectUnchanged(db, () => outcome(runDocumentAction(w.warehouse, doc.id, form([["intent", "cancel"], ["constructor", "x"]]))));
    expect(answer).toMatchObject({ thrown: true, status: 400, data: { messageKey: "errors.fieldName" } });
  });

  it.each([["-1"], ["2.5"], ["abc"], ["6"]])("refuses a received quantity of %s with the row's error and changes nothing", async (quantity) => {
    const doc = await openReceipt();
    const answer = await expectUnchanged(db, () =>
      outcome(runDocumentAction(w.warehouse, doc.id, form([["intent", "post"], ["_key", newKey()], ["lines.0.lineId", doc.a], ["lines.0.quantity", quantity]]))),
    );
    expect(answer.status).toBe(400);
    expect(Object.keys((answer.data as { error: Record<string, string[]> }).error).some((k) => k.startsWith("lines.0."))).toBe(true);
  });

  it("answers 404 to a dealer posting the receipt, and posts nothing", async () => {
    const doc = await openReceipt();
    const answer = await expectUnchanged(db, () =>
      outcome(runDocumentAction(dealer, doc.id, form([["intent", "post"], ["_key", newKey()], ["lines.0.lineId", doc.a], ["lines.0.quantity", "5"]]))),
    );
    expect(answer).toMatchObject({ thrown: true, status: 404, data: { messageKey: "errors.notFound" } });
  });

  it("refuses saving counts with no counted line on a document, before anything is written", async () => {
    const doc = await openReceipt();
    const answer = await expectUnchanged(db, () => outcome(runDocumentAction(w.warehouse, doc.id, form([["intent", "counts"], ["counts.0.sku", "ZDA-A"], ["counts.0.counted", " "]]))));
    expect(answer).toMatchObject({ status: 400, data: { error: { form: ["stock.validation.noLines"] } } });
  });
});

describe("runDocumentAction: shipping a transfer", () => {
  it("ships every line to transit, the serialized one with the serials posted as `serials.<lineId>` (space or comma separated)", async () => {
    const doc = await draftTransfer();
    const [a0, s0, t0] = [await levelOf(db, w.wBJ, P.a), await levelOf(db, w.wBJ, P.s), await levelOf(db, w.sys.transit, P.a)];
    const answer = await outcome(runDocumentAction(w.warehouse, doc.id, form([["intent", "ship"], [`serials.${doc.s}`, "DA-S-01, DA-S-02"]])));
    expect(answer).toMatchObject({ thrown: false, status: 302, location: `/stock/documents/${doc.id}?done=shipped` });
    expect(await statusOf(doc.id)).toBe("shipped");
    expect([await levelOf(db, w.wBJ, P.a), await levelOf(db, w.wBJ, P.s), await levelOf(db, w.sys.transit, P.a)]).toEqual([a0 - 4, s0 - 2, t0 + 4]);
    const serials = new Map((await serialsOf(db, P.s)).map((x) => [x.serial, x]));
    for (const serial of ["DA-S-01", "DA-S-02"]) expect(serials.get(serial)).toMatchObject({ status: "in_transit", locationId: w.sys.transit });
    expect(serials.get("DA-S-03")).toMatchObject({ status: "in_stock", locationId: w.wBJ });
    const lines = await db.select().from(stockDocumentLines).where(eq(stockDocumentLines.documentId, doc.id));
    expect(lines.find((l) => l.id === doc.s)).toMatchObject({ quantityDone: 2, serials: ["DA-S-01", "DA-S-02"] });
  });

  it("refuses fewer serials than units with the line's error, and a dealer's shipment with 404, moving nothing", async () => {
    const doc = await draftTransfer();
    const short = await expectUnchanged(db, () => outcome(runDocumentAction(w.warehouse, doc.id, form([["intent", "ship"], [`serials.${doc.s}`, "DA-S-03"]]))));
    expect(short.status).toBe(400);
    expect(Object.keys((short.data as { error: Record<string, string[]> }).error)).toEqual([expect.stringMatching(/^lines\.\d+\.serials$/)]);
    const byDealer = await expectUnchanged(db, () => outcome(runDocumentAction(dealer, doc.id, form([["intent", "ship"], [`serials.${doc.s}`, "DA-S-03 DA-S-04"]]))));
    expect(byDealer).toMatchObject({ thrown: true, status: 404, data: { messageKey: "errors.notFound" } });
    expect(await statusOf(doc.id)).toBe("draft");
  });
});

describe("runDocumentAction: uploading a count sheet", () => {
  it("records the counts of an uploaded XLSX sheet on the count's lines, moving no stock", async () => {
    const doc = await openCount();
    const answer = await outcome(runDocumentAction(w.warehouse, doc.id, form([["intent", "upload"], ["file", await countWorkbook([["ZDA-A", 9], ["zda-b", 5]])]])));
    expect(answer).toMatchObject({ thrown: false, status: 302, location: `/stock/documents/${doc.id}?done=counted` });
    expect(await countsOf(doc.id)).toEqual(["ZDA-A 10/9", "ZDA-B 5/5"]);
    expect(await statusOf(doc.id)).toBe("counting");
    expect([await levelOf(db, doc.locationId, P.a), await levelOf(db, doc.locationId, P.b)]).toEqual([10, 5]);
  });

  it("refuses a sheet with an unknown SKU naming the sheet's own row, and a file that is not a sheet, counting nothing", async () => {
    const doc = await openCount();
    const csv = new File(["SKU,实盘数\nZDA-A,9\nNOPE-404,1\n"], "count.csv", { type: "text/csv" });
    const unknown = await expectUnchanged(db, () => outcome(runDocumentAction(w.warehouse, doc.id, form([["intent", "upload"], ["file", csv]]))));
    // row 3 of the sheet (the header is row 1); the page shows index + 1
    expect(unknown).toMatchObject({ status: 400, data: { error: { "upload.2.sku": ["stock.validation.unknownSku"] } } });
    const text = new File(["SKU,实盘数\nZDA-A,9\n"], "count.txt", { type: "text/plain" });
    const notSheet = await expectUnchanged(db, () => outcome(runDocumentAction(w.warehouse, doc.id, form([["intent", "upload"], ["file", text]]))));
    expect(notSheet).toMatchObject({ status: 400, data: { error: { upload: ["stock.documents.upload.badType"] } } });
    expect(await countsOf(doc.id)).toEqual(["ZDA-A 10/-", "ZDA-B 5/-"]);
  });
});

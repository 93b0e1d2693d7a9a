import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { stockDocuments, type Database } from "@cs/db";
import { createReceipt, type Ctx } from "@cs/domain";
import { ctxOf, newKey } from "@cs/domain/testing/demo";
import { addProduct, levelOf, lineIdsOf, setUpStockWorld, type StockWorld } from "@cs/domain/testing/stock-documents";
import { expectUnchanged } from "@cs/domain/testing/unchanged";
import { testDb } from "../../../../../../tests/db";
import { form, outcome } from "../../../../../../tests/route-outcome";
import { runDocumentAction } from "./actions.server";

/** A stock document page's forms, posted to the dispatcher as the route hands them over. */

let db: Database;
let w: StockWorld;
let dealer: Ctx;
const P = { a: "", b: "" };

beforeAll(async () => {
  db = testDb();
  w = await setUpStockWorld(db, "DA");
  dealer = await ctxOf(db, "dealer@demo.cn");
  P.a = await addProduct(db, "ZDA-A", { productLineId: w.lineId });
  P.b = await addProduct(db, "ZDA-B", { productLineId: w.lineId });
});

/** An open receipt of 5 × ZDA-A and 3 × ZDA-B into the Beijing warehouse, and its line ids. */
async function openReceipt() {
  const { id } = await createReceipt(w.warehouse, { _key: newKey(), toLocationId: w.wBJ, lines: [{ sku: "ZDA-A", quantity: "5" }, { sku: "ZDA-B", quantity: "3" }] });
  const [a, b] = await lineIdsOf(db, id, ["ZDA-A", "ZDA-B"]);
  return { id, a: a!, b: b! };
}

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

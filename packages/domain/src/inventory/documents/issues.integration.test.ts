import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { stockDocuments, stockMoves, type Database } from "@cs/db";
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
  serialsOf,
  setUpStockWorld,
  stockIn,
  stockState,
  type StockWorld,
} from "@cs/testing/stock-documents";
import { InsufficientStockError } from "../ledger";
import { APPROVAL_THRESHOLD_FEN } from "./common";
import { approveIssue, createIssue, rejectIssue } from "./issues";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;
let w: StockWorld;
let sales: Ctx, dealer: Ctx;
const P = { cheap: "", dear: "", half: "", serial: "", serial2: "" };
/** 3 000 yuan a unit: two of them are above the approval threshold. */
const DEAR_FEN = 300_000n;

const docOf = async (id: string) => (await db.select().from(stockDocuments).where(eq(stockDocuments.id, id)))[0]!;
const movesOf = async (id: string) => db.select().from(stockMoves).where(eq(stockMoves.referenceId, (await docOf(id)).number));
const issue = (lines: { sku: string; quantity: number; serials?: string[] }[], options: { ctx?: Ctx; reason?: string; from?: string } = {}) =>
  createIssue(options.ctx ?? w.warehouse, form({ fromLocationId: options.from ?? w.wBJ, reason: options.reason ?? "scrap", lines }));

beforeAll(async () => {
  db = testDb();
  w = await setUpStockWorld(db, "OI");
  [sales, dealer] = [await ctxOf(db, "sales.bj@demo.cn"), await ctxOf(db, "dealer@demo.cn")];
  P.cheap = await addProduct(db, "ZOI-CHEAP", { productLineId: w.lineId, costFen: 1_000n });
  P.dear = await addProduct(db, "ZOI-DEAR", { productLineId: w.lineId, costFen: DEAR_FEN });
  P.half = await addProduct(db, "ZOI-HALF", { productLineId: w.lineId, costFen: APPROVAL_THRESHOLD_FEN / 2n });
  P.serial = await addProduct(db, "ZOI-SER", { productLineId: w.lineId, serialized: true, costFen: 5_000n });
  P.serial2 = await addProduct(db, "ZOI-SER2", { productLineId: w.lineId, serialized: true, costFen: 5_000n });
  await stockIn(db, w.sys.supplier, P.cheap, w.wBJ, 100);
  await stockIn(db, w.sys.supplier, P.dear, w.wBJ, 20);
  await stockIn(db, w.sys.supplier, P.half, w.wBJ, 20);
  await stockIn(db, w.sys.supplier, P.serial, w.wBJ, 4, { serials: ["OI-1", "OI-2", "OI-3", "OI-4"] });
  await stockIn(db, w.sys.supplier, P.serial2, w.wBJ, 2, { serials: ["OI2-1", "OI2-2"] });
  await stockIn(db, w.sys.supplier, P.serial, w.wSH, 1, { serials: ["OI-SH"] });
});

afterEach(async () => {
  await expectLedgerConsistent(db);
});

describe("createIssue", () => {
  it("posts at once within the limit: warehouse → loss, valued at cost", async () => {
    const before = await levelOf(db, w.wBJ, P.cheap);
    const { id, status } = await issue([{ sku: "ZOI-CHEAP", quantity: 3 }], { reason: "sample" });
    expect(status).toBe("done");
    expect(await docOf(id)).toMatchObject({ kind: "issue", status: "done", reason: "sample", fromLocationId: w.wBJ, toLocationId: w.sys.loss, valueFen: 3_000n });
    expect(await levelOf(db, w.wBJ, P.cheap)).toBe(before - 3);
    expect(await movesOf(id)).toMatchObject([{ productId: P.cheap, quantity: 3, fromLocationId: w.wBJ, toLocationId: w.sys.loss, reason: "issue" }]);
  });

  it("posts exactly at the threshold, and waits above it for a warehouse user, moving nothing", async () => {
    const at = await issue([{ sku: "ZOI-HALF", quantity: 2 }]);
    expect(at.status).toBe("done");

    const before = await levelOf(db, w.wBJ, P.dear);
    const above = await issue([{ sku: "ZOI-DEAR", quantity: 1 }, { sku: "ZOI-CHEAP", quantity: 1 }, { sku: "ZOI-DEAR", quantity: 1 }]);
    expect(above.status).toBe("pending_approval");
    expect(await docOf(above.id)).toMatchObject({ status: "pending_approval", valueFen: 2n * DEAR_FEN + 1_000n, approvedBy: null });
    expect(await movesOf(above.id)).toEqual([]);
    expect(await levelOf(db, w.wBJ, P.dear)).toBe(before);
  });

  it("posts above the threshold at once for someone who may approve", async () => {
    const { status } = await issue([{ sku: "ZOI-DEAR", quantity: 2 }], { ctx: w.admin });
    expect(status).toBe("done");
  });

  it("is idempotent by form key", async () => {
    const raw = { _key: newKey(), fromLocationId: w.wBJ, reason: "internal_use", lines: [{ sku: "ZOI-CHEAP", quantity: 1 }] };
    const first = await createIssue(w.warehouse, raw);
    const before = await stockState(db);
    expect(await createIssue(w.warehouse, { ...raw })).toEqual(first);
    expect(await stockState(db)).toEqual(before);
    await expectRefusedUnchanged(db, () => createIssue(w.warehouse, { ...raw, reason: "sample" }), ConflictError);
  });

  it("refuses issuing more than is free, changing nothing", async () => {
    const onHand = await levelOf(db, w.wBJ, P.cheap);
    await expectRefusedUnchanged(db, () => issue([{ sku: "ZOI-CHEAP", quantity: onHand + 1 }]), InsufficientStockError);
  });

  it("scraps serialized units: the serials go to loss as scrapped", async () => {
    const { id, status } = await issue([{ sku: "ZOI-CHEAP", quantity: 1 }, { sku: "ZOI-SER", quantity: 2, serials: ["OI-1", "OI-2"] }]);
    expect(status).toBe("done");
    expect(await serialsOf(db, P.serial)).toMatchObject([
      { serial: "OI-1", status: "scrapped", locationId: w.sys.loss },
      { serial: "OI-2", status: "scrapped", locationId: w.sys.loss },
      { serial: "OI-3", status: "in_stock", locationId: w.wBJ },
      { serial: "OI-4", status: "in_stock", locationId: w.wBJ },
      { serial: "OI-SH", status: "in_stock", locationId: w.wSH },
    ]);
    expect((await docOf(id)).status).toBe("done");
  });

  it("refuses wrong serials on the line of the form that carries them", async () => {
    let error = await expectRefusedUnchanged(db, () => issue([{ sku: "ZOI-CHEAP", quantity: 1 }, { sku: "ZOI-SER", quantity: 2, serials: ["OI-3"] }]), ValidationError);
    expect(error.fieldErrors).toEqual({ "lines.1.serials": ["stock.validation.serialCount"] });
    error = await expectRefusedUnchanged(db, () => issue([{ sku: "ZOI-SER", quantity: 1, serials: ["OI-3", "OI-3"] }]), ValidationError);
    expect(error.fieldErrors).toEqual({ "lines.0.serials": ["stock.validation.serialDuplicate"] });
    // already scrapped, in another warehouse, or never existed: not here. The SKU order of the
    // lines (SER2 after SER) is not the form's: the error must still name the form's line.
    for (const serial of ["OI-1", "OI-SH", "NOPE"]) {
      error = await expectRefusedUnchanged(
        db,
        () => issue([{ sku: "ZOI-SER2", quantity: 1, serials: ["OI2-1"] }, { sku: "ZOI-SER", quantity: 1, serials: [serial] }, { sku: "ZOI-CHEAP", quantity: 1 }]),
        ValidationError,
      );
      expect(error.fieldErrors).toEqual({ "lines.1.serials": ["stock.validation.serialNotHere"] });
    }
    error = await expectRefusedUnchanged(db, () => issue([{ sku: "ZOI-SER2", quantity: 1, serials: ["NOPE"] }, { sku: "ZOI-SER", quantity: 1, serials: ["OI-3"] }]), ValidationError);
    expect(error.fieldErrors).toEqual({ "lines.0.serials": ["stock.validation.serialNotHere"] });
  });

  it("refuses an unknown reason, a warehouse of another branch and bad quantities", async () => {
    expect(await expectUnchanged(db, () => fieldErrorsOf(issue([{ sku: "ZOI-CHEAP", quantity: 1 }], { reason: "gift" })))).toEqual({ reason: ["validation.required"] });
    expect(await expectUnchanged(db, () => fieldErrorsOf(issue([{ sku: "ZOI-CHEAP", quantity: 1 }], { from: w.wSH })))).toEqual({ fromLocationId: ["validation.invalid"] });
    expect(await expectUnchanged(db, () => fieldErrorsOf(issue([{ sku: "ZOI-CHEAP", quantity: 0 }])))).toEqual({ "lines.0.quantity": ["stock.validation.quantityPositive"] });
    expect(await expectUnchanged(db, () => fieldErrorsOf(issue([{ sku: "ZOI-NONE", quantity: 1 }])))).toEqual({ "lines.0.sku": ["stock.validation.unknownSku"] });
  });

  it("refuses partners and staff without stock:move", async () => {
    for (const ctx of [sales, dealer, w.finance]) await expectRefusedUnchanged(db, () => issue([{ sku: "ZOI-CHEAP", quantity: 1 }], { ctx }), ForbiddenError);
  });
});

describe("approveIssue and rejectIssue", () => {
  it("finance approves a waiting issue: the goods leave then; approving again is a no-op", async () => {
    const { id } = await issue([{ sku: "ZOI-DEAR", quantity: 2 }, { sku: "ZOI-SER", quantity: 1, serials: ["OI-3"] }]);
    const before = await levelOf(db, w.wBJ, P.dear);
    expect(await approveIssue(w.finance, id)).toEqual({ status: "done" });
    expect(await docOf(id)).toMatchObject({ status: "done", approvedBy: w.finance.actor.userId });
    expect(await levelOf(db, w.wBJ, P.dear)).toBe(before - 2);
    expect((await movesOf(id)).map((m) => [m.productId, m.quantity, m.reason, m.actorId]).sort()).toEqual(
      [
        [P.dear, 2, "issue", w.finance.actor.userId],
        [P.serial, 1, "issue", w.finance.actor.userId],
      ].sort(),
    );
    expect((await serialsOf(db, P.serial)).find((s) => s.serial === "OI-3")).toMatchObject({ status: "scrapped" });
    const state = await stockState(db);
    expect(await approveIssue(w.finance, id)).toEqual({ status: "done" });
    expect(await stockState(db)).toEqual(state);
    await expectRefusedUnchanged(db, () => rejectIssue(w.finance, id, { comment: "太晚了" }), ConflictError);
  });

  it("refuses approval when the stock is gone by then, leaving the issue waiting", async () => {
    const dear = await levelOf(db, w.wBJ, P.dear);
    const { id } = await issue([{ sku: "ZOI-DEAR", quantity: dear }]);
    await issue([{ sku: "ZOI-DEAR", quantity: 1 }], { ctx: w.admin });
    await expectRefusedUnchanged(db, () => approveIssue(w.finance, id), InsufficientStockError);
    expect((await docOf(id)).status).toBe("pending_approval");
    await rejectIssue(w.finance, id, { comment: "库存不足" });
  });

  it("rejects only with a comment, keeping the note; a rejected issue cannot be approved", async () => {
    const { id } = await createIssue(w.warehouse, form({ fromLocationId: w.wBJ, reason: "sample", note: "给客户演示", lines: [{ sku: "ZOI-DEAR", quantity: 2 }] }));
    for (const raw of [{}, { comment: "   " }]) {
      const error = await expectRefusedUnchanged(db, () => rejectIssue(w.finance, id, raw), ValidationError);
      expect(error.fieldErrors).toEqual({ comment: ["validation.required"] });
    }
    expect(await rejectIssue(w.finance, id, { comment: "样品预算已用完" })).toEqual({ status: "rejected" });
    expect(await docOf(id)).toMatchObject({ status: "rejected", note: "给客户演示 / 样品预算已用完", approvedBy: w.finance.actor.userId });
    expect(await movesOf(id)).toEqual([]);
    expect(await rejectIssue(w.finance, id, { comment: "again" })).toEqual({ status: "rejected" });
    const error = await expectRefusedUnchanged(db, () => approveIssue(w.finance, id), ConflictError);
    expect(error.code).toBe("stock.validation.documentClosed");
  });

  it("refuses the warehouse user (no stock:approve) and partners; an unknown id is not found", async () => {
    const { id } = await issue([{ sku: "ZOI-DEAR", quantity: 2 }]);
    await expectRefusedUnchanged(db, () => approveIssue(w.warehouse, id), ForbiddenError);
    await expectRefusedUnchanged(db, () => rejectIssue(w.warehouse, id, { comment: "no" }), ForbiddenError);
    await expectRefusedUnchanged(db, () => approveIssue(dealer, id), ForbiddenError);
    await expectRefusedUnchanged(db, () => approveIssue(w.finance, "00000000-0000-4000-8000-000000000000"), NotFoundError);
    await rejectIssue(w.finance, id, { comment: "cleanup" });
  });
});

import { count, eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { invoiceLines, invoices, notifications, orderEvents, orderLines, paymentAllocations, returnRequests, serialNumbers, stockMoves, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { shipOrder } from "../billing/ship";
import { splitVat } from "../billing/vat";
import { ConflictError, NotFoundError, ValidationError } from "../shared/errors";
import { ctxOf, newKey, seedDemoData, userIdOf } from "@cs/testing/demo";
import { fieldErrorsOf } from "@cs/testing/errors";
import { expectLedgerConsistent, levelOf, locationIdOf } from "@cs/testing/inventory";
import { createShippedOrder } from "@cs/testing/shipped-order";
import type { Ctx } from "../shared/context";
import { approveReturn, rejectReturn } from "./decide";
import { getReturn, getReturnForm } from "./get";
import { listReturns as list, returnListQuery } from "./list";

const listReturns = (ctx: Ctx) => list(ctx, returnListQuery.parse({}));
import { receiveReturn } from "./receive";
import { requestReturn } from "./request";
import { expectUnchanged } from "@cs/testing/unchanged";
import { confirmReturnCredit } from "@cs/testing/red-letter";

let db: Database;
const as: Record<"dealer" | "dealer2" | "desk" | "warehouse" | "salesSh", Ctx> = {} as never;
let quarantine = "";
let whBj = "";
let seq = 0;
const sku = () => `RET-${++seq}`;

const returnCount = async () => (await db.select({ n: count() }).from(returnRequests))[0]!.n;
const request = (orderId: string, lines: { orderLineId: string; quantity: number; serials?: string }[], who = as.dealer) =>
  requestReturn(who, { _key: newKey(), orderId, reason: "defective", note: "屏幕坏点", lines });

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  as.dealer = await ctxOf(db, "dealer@demo.cn");
  as.dealer2 = await ctxOf(db, "dealer2@demo.cn");
  as.desk = await ctxOf(db, "orderdesk@demo.cn");
  as.warehouse = await ctxOf(db, "warehouse@demo.cn");
  as.salesSh = await ctxOf(db, "sales.sh@demo.cn");
  quarantine = await locationIdOf(db, "QA-WH-BJ");
  whBj = await locationIdOf(db, "WH-BJ");
});

afterEach(() => expectLedgerConsistent(db));

describe("requestReturn", () => {
  it("allows up to the shipped quantity, counting open requests, and refuses more without writing anything", async () => {
    const o = await createShippedOrder(db, { lines: [{ sku: sku(), quantity: 5, ship: 3, unitPriceFen: 10_000n }] });
    const line = o.lineIds[0]!;
    const before = await returnCount();
    expect(await expectUnchanged(db, () => fieldErrorsOf(request(o.orderId, [{ orderLineId: line, quantity: 4 }])))).toEqual({ "lines.0.quantity": ["returns.validation.moreThanReturnable"] });
    expect(await returnCount()).toBe(before);

    const first = await request(o.orderId, [{ orderLineId: line, quantity: 2 }]);
    expect(first.number).toMatch(/^RMA-\d{4}-\d{6}$/);
    // the open request holds its 2 units: only 1 is left
    expect(await expectUnchanged(db, () => fieldErrorsOf(request(o.orderId, [{ orderLineId: line, quantity: 2 }])))).toEqual({ "lines.0.quantity": ["returns.validation.moreThanReturnable"] });
    const form = await getReturnForm(as.dealer, o.orderId);
    expect(form.lines[0]).toMatchObject({ quantityShipped: 3, quantityRequested: 2, returnable: 1 });
    // zero, negative, fractional and nothing at all
    expect(await expectUnchanged(db, () => fieldErrorsOf(request(o.orderId, [{ orderLineId: line, quantity: -1 }])))).toEqual({ "lines.0.quantity": ["validation.quantityPositive"] });
    expect(await expectUnchanged(db, () => fieldErrorsOf(request(o.orderId, [{ orderLineId: line, quantity: 0.5 }])))).toEqual({ "lines.0.quantity": ["validation.quantityPositive"] });
    expect(await expectUnchanged(db, () => fieldErrorsOf(request(o.orderId, [{ orderLineId: line, quantity: 0 }])))).toEqual({ lines: ["returns.validation.nothingToReturn"] });
    expect(await returnCount()).toBe(before + 1);
  });

  it("tells the order desk, not the requester, and is idempotent per _key", async () => {
    const o = await createShippedOrder(db, { lines: [{ sku: sku(), quantity: 2, unitPriceFen: 10_000n }] });
    const body = { _key: newKey(), orderId: o.orderId, reason: "wrong_item", lines: [{ orderLineId: o.lineIds[0]!, quantity: 1 }] };
    const first = await requestReturn(as.dealer, body);
    expect(await requestReturn(as.dealer, body)).toEqual(first);
    const notices = await db.select().from(notifications).where(eq(notifications.entityId, first.returnId));
    const desk = await userIdOf(db, "orderdesk@demo.cn");
    const dealer = await userIdOf(db, "dealer@demo.cn");
    expect(notices.map((n) => n.userId)).toContain(desk);
    expect(notices.map((n) => n.userId)).not.toContain(dealer);
    expect(notices[0]!.kind).toBe("return.requested");
  });

  it("refuses serials that were not shipped on that line, or a count that does not match", async () => {
    const o = await createShippedOrder(db, { lines: [{ sku: sku(), quantity: 3, ship: 2, unitPriceFen: 50_000n, serials: ["SNR-A1", "SNR-A2", "SNR-A3"] }] });
    const line = o.lineIds[0]!;
    // SNR-A3 is in the warehouse, never shipped
    expect(await expectUnchanged(db, () => fieldErrorsOf(request(o.orderId, [{ orderLineId: line, quantity: 1, serials: "SNR-A3" }])))).toEqual({ "lines.0.serials": ["returns.validation.serialNotShipped"] });
    expect(await expectUnchanged(db, () => fieldErrorsOf(request(o.orderId, [{ orderLineId: line, quantity: 2, serials: "SNR-A1" }])))).toEqual({ "lines.0.serials": ["returns.validation.serialCount"] });
    await request(o.orderId, [{ orderLineId: line, quantity: 1, serials: "SNR-A1" }]);
    // already asked back by the open request
    expect(await expectUnchanged(db, () => fieldErrorsOf(request(o.orderId, [{ orderLineId: line, quantity: 1, serials: "SNR-A1" }])))).toEqual({ "lines.0.serials": ["returns.validation.serialNotShipped"] });
  });

  it("numbers a request filed at 00:30 on 1 January in China with the new year, as in Shanghai", async () => {
    const o = await createShippedOrder(db, { lines: [{ sku: sku(), quantity: 1, unitPriceFen: 10_000n }] });
    // 2026-12-31 16:30 UTC: still 2026 on a UTC server, already 2027 in Shanghai. Only Date is faked.
    vi.useFakeTimers({ now: new Date("2026-12-31T16:30:00Z"), toFake: ["Date"] });
    try {
      const { number } = await request(o.orderId, [{ orderLineId: o.lineIds[0]!, quantity: 1 }]);
      expect(number).toMatch(/^RMA-2027-\d{6}$/);
    } finally {
      vi.useRealTimers();
    }
  });

  it("is a 404 for another tenant's order and for staff out of the branch", async () => {
    const o = await createShippedOrder(db, { lines: [{ sku: sku(), quantity: 1, unitPriceFen: 10_000n }] });
    await expectUnchanged(db, () => expect(request(o.orderId, [{ orderLineId: o.lineIds[0]!, quantity: 1 }], as.dealer2)).rejects.toBeInstanceOf(NotFoundError));
    await expectUnchanged(db, () => expect(getReturnForm(as.dealer2, o.orderId)).rejects.toBeInstanceOf(NotFoundError));
    const { returnId } = await request(o.orderId, [{ orderLineId: o.lineIds[0]!, quantity: 1 }]);
    await expectUnchanged(db, () => expect(getReturn(as.dealer2, returnId)).rejects.toBeInstanceOf(NotFoundError));
    await expectUnchanged(db, () => expect(getReturn(as.salesSh, returnId)).rejects.toBeInstanceOf(NotFoundError));
    await expectUnchanged(db, () => expect(getReturn(as.dealer2, "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError));
    expect((await listReturns(as.dealer2)).rows.map((r) => r.id)).not.toContain(returnId);
    expect((await listReturns(as.dealer)).rows.map((r) => r.id)).toContain(returnId);
    expect((await listReturns(as.desk)).rows.map((r) => r.id)).toContain(returnId);
    await expectUnchanged(db, () => expect(approveReturn(as.salesSh, { returnId })).rejects.toThrow());
  });
});

describe("approve and reject", () => {
  it("decides once: a second decision is a conflict and changes nothing", async () => {
    const o = await createShippedOrder(db, { lines: [{ sku: sku(), quantity: 2, unitPriceFen: 10_000n }] });
    const { returnId } = await request(o.orderId, [{ orderLineId: o.lineIds[0]!, quantity: 1 }]);
    await expectUnchanged(db, () => expect(approveReturn(as.dealer, { returnId })).rejects.toThrow("not allowed"));
    expect(await approveReturn(as.desk, { returnId })).toEqual({ returnId, status: "approved" });
    await expectUnchanged(db, () => expect(approveReturn(as.desk, { returnId })).rejects.toBeInstanceOf(ConflictError));
    await expectUnchanged(db, () => expect(rejectReturn(as.desk, { returnId, comment: "太晚了" })).rejects.toBeInstanceOf(ConflictError));
    expect((await getReturn(as.desk, returnId)).ret).toMatchObject({ status: "approved", decisionComment: null });
  });

  it("needs a comment to reject, and a rejected request frees its units", async () => {
    const o = await createShippedOrder(db, { lines: [{ sku: sku(), quantity: 2, unitPriceFen: 10_000n }] });
    const { returnId } = await request(o.orderId, [{ orderLineId: o.lineIds[0]!, quantity: 2 }]);
    expect(await expectUnchanged(db, () => fieldErrorsOf(rejectReturn(as.desk, { returnId, comment: "  " })))).toEqual({ comment: ["returns.validation.commentRequired"] });
    await rejectReturn(as.desk, { returnId, comment: "超过退货期限" });
    expect((await getReturn(as.dealer, returnId)).ret).toMatchObject({ status: "rejected", decisionComment: "超过退货期限" });
    expect((await getReturnForm(as.dealer, o.orderId)).lines[0]!.returnable).toBe(2);
  });
});

describe("receiveReturn", () => {
  it("moves the goods back in the ledger into quarantine, puts serials back, counts the lines returned and credits the invoice", async () => {
    // prices whose VAT rounds differently per line than on the sum
    const o = await createShippedOrder(db, {
      lines: [
        { sku: sku(), quantity: 3, unitPriceFen: 100_001n },
        { sku: sku(), quantity: 2, unitPriceFen: 33_333n, serials: ["SNR-B1", "SNR-B2"] },
      ],
    });
    const [a, b] = o.lineIds as [string, string];
    const { returnId, number } = await request(o.orderId, [
      { orderLineId: a, quantity: 3 },
      { orderLineId: b, quantity: 1, serials: "SNR-B2" },
    ]);
    await expectUnchanged(db, () => expect(receiveReturn(as.warehouse, { _key: newKey(), returnId, locationId: quarantine, toQuarantine: true })).rejects.toBeInstanceOf(ConflictError));
    await approveReturn(as.desk, { returnId });
    // a warehouse is not a quarantine location and vice versa
    expect(await expectUnchanged(db, () => fieldErrorsOf(receiveReturn(as.warehouse, { _key: newKey(), returnId, locationId: whBj, toQuarantine: true })))).toEqual({ locationId: ["validation.invalid"] });
    await expectUnchanged(db, () => expect(receiveReturn(as.desk, { _key: newKey(), returnId, locationId: quarantine, toQuarantine: true })).rejects.toThrow("not allowed"));

    const [invoiceBefore] = await db.select().from(invoices).where(eq(invoices.id, o.invoiceId));
    const received = await receiveReturn(as.warehouse, { _key: newKey(), returnId, locationId: quarantine, toQuarantine: "on" });
    expect(received).toMatchObject({ status: "received", redLetterNumbers: [expect.stringMatching(/^HZ-\d{4}-\d{6}$/)] });
    // nothing is credited until the buyer confirms the red-letter request
    expect(await db.$count(invoices, eq(invoices.returnId, returnId))).toBe(0);
    const done = await confirmReturnCredit(db, returnId);
    expect(done.creditNoteNumber).toMatch(/^CN-\d{4}-\d{6}$/);

    const moves = await db.select().from(stockMoves).where(eq(stockMoves.referenceId, number));
    expect(moves.map((m) => [m.productId, m.quantity, m.reason, m.toLocationId]).sort()).toEqual(
      [[o.productIds[0], 3, "return", quarantine], [o.productIds[1], 1, "return", quarantine]].sort(),
    );
    expect(await levelOf(db, quarantine, o.productIds[0]!)).toEqual({ onHand: 3, reserved: 0 });
    const [serial] = await db.select().from(serialNumbers).where(eq(serialNumbers.serial, "SNR-B2"));
    expect(serial).toMatchObject({ status: "in_stock", locationId: quarantine });
    const lines = await db.select().from(orderLines).where(eq(orderLines.orderId, o.orderId)).orderBy(orderLines.lineNo);
    expect(lines.map((l) => l.quantityReturned)).toEqual([3, 1]);
    const events = await db.select().from(orderEvents).where(eq(orderEvents.orderId, o.orderId));
    expect(events.map((e) => e.action)).toContain("returned");

    // credit note: totals are the sums of the per-line rounded VAT
    const [note] = await db.select().from(invoices).where(eq(invoices.id, done.creditNoteId));
    const noteLines = await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, done.creditNoteId));
    const expected = [splitVat(300_003n), splitVat(33_333n)];
    expect(note).toMatchObject({
      kind: "credit_note",
      returnId,
      originalInvoiceId: o.invoiceId,
      totalFen: 333_336n,
      taxFen: expected[0]!.taxFen + expected[1]!.taxFen,
      netFen: expected[0]!.netFen + expected[1]!.netFen,
    });
    expect(noteLines.reduce((s, l) => s + l.taxFen, 0n)).toBe(note!.taxFen);
    expect(note!.taxFen).not.toBe(splitVat(333_336n).taxFen);
    // applied to the original invoice's outstanding first
    const [invoiceAfter] = await db.select().from(invoices).where(eq(invoices.id, o.invoiceId));
    expect(invoiceAfter!.settledFen - invoiceBefore!.settledFen).toBe(333_336n);
    expect(note!.settledFen).toBe(333_336n);
    const allocations = await db.select().from(paymentAllocations).where(eq(paymentAllocations.creditNoteId, done.creditNoteId));
    expect(allocations.map((x) => [x.invoiceId, x.amountFen])).toEqual([[o.invoiceId, 333_336n]]);

    // twice: refused, nothing moves
    const movesBefore = (await db.select({ n: count() }).from(stockMoves))[0]!.n;
    await expectUnchanged(db, () => expect(receiveReturn(as.warehouse, { _key: newKey(), returnId, locationId: quarantine, toQuarantine: true })).rejects.toBeInstanceOf(ConflictError));
    expect((await db.select({ n: count() }).from(stockMoves))[0]!.n).toBe(movesBefore);
    expect(await getReturn(as.dealer, returnId)).toMatchObject({ ret: { status: "received" }, creditNotes: [{ number: done.creditNoteNumber, totalFen: 333_336n }] });
    // all of line a is back: nothing more to return on it
    expect(await expectUnchanged(db, () => fieldErrorsOf(request(o.orderId, [{ orderLineId: a, quantity: 1 }])))).toEqual({ "lines.0.quantity": ["returns.validation.moreThanReturnable"] });
  });

  it("credits each invoice the returned lines were billed on with its own credit note", async () => {
    const o = await createShippedOrder(db, {
      lines: [
        { sku: sku(), quantity: 2, unitPriceFen: 12_345n },
        { sku: sku(), quantity: 3, ship: 0, unitPriceFen: 7_777n },
      ],
    });
    const [a, b] = o.lineIds as [string, string];
    const second = await shipOrder(as.warehouse, { _key: newKey(), orderId: o.orderId, fromLocationId: whBj, carrier: "顺丰", trackingNumber: "SF2", lines: [{ orderLineId: b, quantity: 3 }] });
    const { returnId } = await request(o.orderId, [
      { orderLineId: a, quantity: 1 },
      { orderLineId: b, quantity: 2 },
    ]);
    await approveReturn(as.desk, { returnId });
    expect((await receiveReturn(as.warehouse, { _key: newKey(), returnId, locationId: whBj })).redLetterIds).toHaveLength(2);
    const done = await confirmReturnCredit(db, returnId);
    expect(done.creditNoteIds).toHaveLength(2);
    const notes = await db.select().from(invoices).where(eq(invoices.returnId, returnId));
    expect(notes.map((n) => [n.originalInvoiceId, n.totalFen, n.settledFen]).sort()).toEqual(
      [
        [o.invoiceId, 12_345n, 12_345n],
        [second.invoiceId, 15_554n, 15_554n],
      ].sort(),
    );
    expect((await getReturn(as.dealer, returnId)).creditNotes).toHaveLength(2);
  });

  it("receives into a warehouse and keeps the rest of a credit beyond the open invoices as credit", async () => {
    const o = await createShippedOrder(db, { lines: [{ sku: sku(), quantity: 2, unitPriceFen: 20_000n }] });
    // the invoice is already fully paid: the credit note stays open as the buyer's credit
    // (every open invoice of the buyer is: the credit note stays open as the buyer's credit)
    await db.update(invoices).set({ settledFen: sql`total_fen` }).where(eq(invoices.kind, "invoice"));
    const { returnId } = await request(o.orderId, [{ orderLineId: o.lineIds[0]!, quantity: 1 }]);
    await approveReturn(as.desk, { returnId });
    await receiveReturn(as.warehouse, { _key: newKey(), returnId, locationId: whBj });
    const done = await confirmReturnCredit(db, returnId);
    const [note] = await db.select().from(invoices).where(eq(invoices.id, done.creditNoteId));
    expect(note).toMatchObject({ totalFen: 20_000n, settledFen: 0n });
    expect(await levelOf(db, whBj, o.productIds[0]!)).toEqual({ onHand: 1, reserved: 0 });
  });
});

it("rejects malformed input as validation errors", async () => {
  await expectUnchanged(db, () => expect(requestReturn(as.dealer, { _key: newKey(), orderId: "x", reason: "bogus", lines: [] })).rejects.toBeInstanceOf(ValidationError));
});

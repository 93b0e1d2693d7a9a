import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { invoiceLines, invoices, notifications, products, redLetterRequests, returnRequests, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import type { Ctx } from "../shared/context";
import { approveReturn } from "../returns/decide";
import { receiveReturn } from "../returns/receive";
import { requestReturn } from "../returns/request";
import { getReturn } from "../returns/get";
import { auditOf, ctxOf, newKey, orgByCode, seedDemoData } from "@cs/testing/demo";
import { expectDomainError } from "@cs/testing/billing";
import { fieldErrorsOf } from "@cs/testing/errors";
import { locationIdOf } from "@cs/testing/inventory";
import { createShippedOrder } from "@cs/testing/shipped-order";
import { expectUnchanged } from "@cs/testing/unchanged";
import { creditPosition } from "./credit";
import { confirmRedLetter, rejectRedLetter, requestRedLetter } from "./red-letter";
import { getRedLetter, listRedLetters, redLetterListQuery } from "./red-letter-queries";
import { splitVat } from "./vat";

let db: Database;
const as: Record<"dealer" | "dealer2" | "desk" | "warehouse" | "finance", Ctx> = {} as never;
let buyerId: string;
let seq = 0;

/** A shipped order of DL-0001 whose `quantity` units of one line come back: received, so a red-letter request waits. */
async function receivedReturn(unitPriceFen: bigint, quantity = 1) {
  const o = await createShippedOrder(db, { lines: [{ sku: `RL-${++seq}`, quantity: 2, unitPriceFen }] });
  const { returnId } = await requestReturn(as.dealer, { _key: newKey(), orderId: o.orderId, reason: "defective", note: "坏了", lines: [{ orderLineId: o.lineIds[0]!, quantity }] });
  await approveReturn(as.desk, { returnId });
  const received = await receiveReturn(as.warehouse, { _key: newKey(), returnId, locationId: await locationIdOf(db, "WH-BJ") });
  return { ...o, returnId, requestId: received.redLetterIds[0]! };
}
const statusOf = async (id: string) => (await db.select().from(redLetterRequests).where(eq(redLetterRequests.id, id)))[0]!;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  for (const [k, login] of [["dealer", "dealer@demo.cn"], ["dealer2", "dealer2@demo.cn"], ["desk", "orderdesk@demo.cn"], ["warehouse", "warehouse@demo.cn"], ["finance", "finance@demo.cn"]] as const)
    as[k] = await ctxOf(db, login);
  buyerId = (await orgByCode(db, "DL-0001")).id;
});

describe("red-letter requests from returns", () => {
  it("a received return raises a pending request priced as the credit note will be; nothing counts until the buyer confirms", async () => {
    const before = await creditPosition(db, buyerId);
    const r = await receivedReturn(12_345n);
    const request = await statusOf(r.requestId);
    const split = splitVat(12_345n);
    expect(request).toMatchObject({ status: "pending", source: "return", returnId: r.returnId, originalInvoiceId: r.invoiceId, totalFen: 12_345n, taxFen: split.taxFen, netFen: split.netFen, creditNoteId: null });
    expect(request.number).toMatch(/^HZ-\d{4}-\d{6}$/);
    expect(await db.$count(invoices, and(eq(invoices.kind, "credit_note"), eq(invoices.returnId, r.returnId)))).toBe(0);
    // the receivable did not move: the invoice is still open in full
    expect((await creditPosition(db, buyerId)).openReceivablesFen - before.openReceivablesFen).toBe(24_690n);
    expect(await db.$count(notifications, and(eq(notifications.kind, "red_letter.requested"), eq(notifications.entityId, r.requestId)))).toBeGreaterThan(0);
    expect((await getReturn(as.dealer, r.returnId)).redLetters).toMatchObject([{ id: r.requestId, status: "pending", totalFen: 12_345n }]);
    // the buyer and finance see it; another partner neither lists nor reads it
    expect((await listRedLetters(as.dealer, redLetterListQuery.parse({ status: "pending" }))).rows.map((x) => x.id)).toContain(r.requestId);
    expect((await listRedLetters(as.finance, redLetterListQuery.parse({}))).rows.map((x) => x.id)).toContain(r.requestId);
    expect((await listRedLetters(as.dealer2, redLetterListQuery.parse({}))).rows.map((x) => x.id)).not.toContain(r.requestId);
    await expectDomainError(getRedLetter(as.dealer2, r.requestId), { code: "errors.notFound" });
    expect((await getRedLetter(as.dealer, r.requestId)).lines).toMatchObject([{ quantity: 1, unitPriceFen: 12_345n, grossFen: 12_345n, taxRateBp: 1300 }]);
  });

  it("is refused to another partner, to staff and twice, changing nothing; the buyer's confirmation issues the credit note once", async () => {
    const r = await receivedReturn(20_000n);
    await expectUnchanged(db, async () => {
      await expectDomainError(confirmRedLetter(as.dealer2, { requestId: r.requestId, _key: newKey() }), { code: "errors.notFound" });
      await expectDomainError(rejectRedLetter(as.dealer2, { requestId: r.requestId, reason: "不是我们的", _key: newKey() }), { code: "errors.notFound" });
      await expectDomainError(confirmRedLetter(as.finance, { requestId: r.requestId, _key: newKey() }), { code: "errors.forbidden" });
      await expectDomainError(confirmRedLetter(as.dealer, { requestId: "not-a-uuid", _key: newKey() }), { code: "errors.notFound" });
      expect(await fieldErrorsOf(rejectRedLetter(as.dealer, { requestId: r.requestId, reason: "  ", _key: newKey() }))).toEqual({ reason: ["validation.required"] });
    });

    const before = await creditPosition(db, buyerId);
    const key = newKey();
    const done = await confirmRedLetter(as.dealer, { requestId: r.requestId, _key: key });
    expect(await confirmRedLetter(as.dealer, { requestId: r.requestId, _key: key })).toEqual(done); // a retry: the same answer
    const [note] = await db.select().from(invoices).where(eq(invoices.id, done.creditNoteId));
    expect(note).toMatchObject({ kind: "credit_note", originalInvoiceId: r.invoiceId, returnId: r.returnId, totalFen: 20_000n, settledFen: 20_000n, number: done.creditNoteNumber });
    expect(await statusOf(r.requestId)).toMatchObject({ status: "confirmed", creditNoteId: note!.id, decidedBy: as.dealer.actor.userId });
    expect((await db.select().from(returnRequests).where(eq(returnRequests.id, r.returnId)))[0]!.creditNoteId).toBe(note!.id);
    expect((await creditPosition(db, buyerId)).openReceivablesFen).toBe(before.openReceivablesFen - 20_000n);
    expect((await auditOf(db, r.requestId)).map((a) => a.action)).toEqual(["red_letter.request", "red_letter.confirm"]);
    expect(await db.$count(notifications, and(eq(notifications.kind, "red_letter.confirmed"), eq(notifications.entityId, r.requestId)))).toBeGreaterThan(0);

    // confirmed twice (a new key) or rejected afterwards: refused with a translated message, nothing changes
    await expectUnchanged(db, async () => {
      await expectDomainError(confirmRedLetter(as.dealer, { requestId: r.requestId, _key: newKey() }), { code: "invoicing.errors.alreadyDecided" });
      await expectDomainError(rejectRedLetter(as.dealer, { requestId: r.requestId, reason: "再看看", _key: newKey() }), { code: "invoicing.errors.alreadyDecided" });
    });
    expect(await db.$count(invoices, eq(invoices.returnId, r.returnId))).toBe(1);
  });

  it("a rejection keeps the reason, credits nothing and cannot be confirmed afterwards", async () => {
    const r = await receivedReturn(9_900n);
    await rejectRedLetter(as.dealer, { requestId: r.requestId, reason: "退货未收到", _key: newKey() });
    expect(await statusOf(r.requestId)).toMatchObject({ status: "rejected", rejectReason: "退货未收到", creditNoteId: null });
    expect(await db.$count(invoices, eq(invoices.returnId, r.returnId))).toBe(0);
    expect(await db.$count(notifications, and(eq(notifications.kind, "red_letter.rejected"), eq(notifications.entityId, r.requestId)))).toBeGreaterThan(0);
    await expectUnchanged(db, () => expectDomainError(confirmRedLetter(as.dealer, { requestId: r.requestId, _key: newKey() }), { code: "invoicing.errors.alreadyDecided" }));
    // the database keeps the states honest too
    await expect(db.update(redLetterRequests).set({ status: "confirmed" }).where(eq(redLetterRequests.id, r.requestId))).rejects.toThrow();
  });

  it("reserves what it would credit: pending requests and credit notes together never exceed the invoice", async () => {
    const r = await receivedReturn(5_000n);
    const [line] = await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, r.invoiceId));
    const more = (quantity: number) =>
      db.transaction((tx) =>
        requestRedLetter(tx, as.finance.actor, { source: "price_protection", originalInvoiceId: r.invoiceId, lines: [{ orderLineId: line!.orderLineId, productId: line!.productId, quantity, unitPriceFen: 5_000n }] }),
      );
    // 1 unit is pending: a second request for 2 more would credit 3 of the 2 invoiced
    await expectUnchanged(db, async () => expect(await fieldErrorsOf(more(2))).toEqual({ lines: ["billing.validation.creditNoteTooLarge"] }));
    const second = await more(1);
    expect(second).toMatchObject({ status: "pending", source: "price_protection", returnId: null, totalFen: 5_000n });
  });

  it("credits at the rate the original line was invoiced at, whatever the product master says now", async () => {
    const r = await receivedReturn(10_600n);
    await db.update(products).set({ taxRateBp: 600 }).where(eq(products.id, r.productIds[0]!));
    const done = await confirmRedLetter(as.dealer, { requestId: r.requestId, _key: newKey() });
    const [noteLine] = await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, done.creditNoteId));
    expect(noteLine).toMatchObject({ taxRateBp: 1300, taxFen: splitVat(10_600n, 1300).taxFen });
  });
});

import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, asc, eq, lt, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, invoices, notifications, paymentAllocations, paymentNotices, payments, users, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { ctxOf, newKey, orgByCode, seedDemoData } from "@cs/testing/demo";
import { createTestInvoice, expectDomainError } from "@cs/testing/billing";
import { createTestProduct } from "@cs/testing/inventory";
import { expectUnchanged } from "@cs/testing/unchanged";
import type { Ctx } from "../shared/context";
import { addDays, shanghaiToday } from "../shared/dates";
import type { UploadStore } from "../service/uploads";
import { confirmPaymentNotice, getPaymentNoticeReceipt, listPaymentNotices, notifyPayment, paymentNoticeListQuery, pendingPaymentNotices, rejectPaymentNotice } from "./payment-notices";

let db: Database;
let store: UploadStore;
let dealer: Ctx;
let dealer2: Ctx;
let buyer: Ctx;
let finance: Ctx;
let dealerId: string;
const today = shanghaiToday();
const all = paymentNoticeListQuery.parse({});
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const notice = (extra: Record<string, unknown> = {}) => ({ amount: "1,234.50", paidOn: today, reference: "招行回单 0001", payerAccount: "6222 0000 1111", _key: newKey(), ...extra });
const filesIn = async () => (await readdir(store.dir, { recursive: true, withFileTypes: true })).filter((d) => d.isFile()).length;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  store = { dir: await mkdtemp(path.join(tmpdir(), "notice-uploads-")) };
  [dealer, dealer2, buyer, finance] = (await Promise.all(["dealer@demo.cn", "dealer2@demo.cn", "buyer@demo.cn", "finance@demo.cn"].map((l) => ctxOf(db, l)))) as [Ctx, Ctx, Ctx, Ctx];
  dealerId = (await orgByCode(db, "DL-0001")).id;
});

afterAll(async () => {
  await rm(store.dir, { recursive: true, force: true });
});

describe("payment notices", () => {
  it("a dealer notifies a transfer with its receipt; finance hears of it; another dealer sees none of it", async () => {
    const sent = await notifyPayment(dealer, notice(), [{ name: "回单.png", bytes: png }], store);
    expect(sent.number).toMatch(/^PN-\d{4}-\d{6}$/);
    const [row] = await db.select().from(paymentNotices).where(eq(paymentNotices.id, sent.noticeId));
    expect(row).toMatchObject({ organizationId: dealerId, amountFen: 123_450n, paidOn: today, reference: "招行回单 0001", status: "pending", receiptMime: "image/png", paymentId: null });

    const mine = await listPaymentNotices(dealer, all);
    expect(mine.rows.map((r) => r.number)).toContain(sent.number);
    expect(await pendingPaymentNotices(dealer)).toMatchObject({ count: expect.any(Number) as number });
    expect((await pendingPaymentNotices(dealer)).amountFen).toBeGreaterThanOrEqual(123_450n);
    expect((await getPaymentNoticeReceipt(dealer, store, sent.noticeId)).mime).toBe("image/png");
    expect((await listPaymentNotices(finance, all)).rows.map((r) => r.number)).toContain(sent.number);

    // the other dealer: not in its list, not its receipt, nothing pending
    expect((await listPaymentNotices(dealer2, all)).rows.map((r) => r.number)).not.toContain(sent.number);
    await expectDomainError(getPaymentNoticeReceipt(dealer2, store, sent.noticeId), { code: "errors.notFound" });
    expect((await pendingPaymentNotices(dealer2)).count).toBe(0);

    const [financeUser] = await db.select({ id: users.id }).from(users).where(eq(users.login, "finance@demo.cn"));
    expect(await db.$count(notifications, and(eq(notifications.userId, financeUser!.id), eq(notifications.entityId, sent.noticeId)))).toBe(1);
    expect(await db.$count(auditLog, and(eq(auditLog.entityId, sent.noticeId), eq(auditLog.action, "payment_notice.create")))).toBe(1);
  });

  it("a retried notice is one notice and keeps one receipt", async () => {
    const input = notice({ reference: "RETRY-1" });
    const files = await filesIn();
    const first = await notifyPayment(dealer, input, [{ name: "a.png", bytes: png }], store);
    const again = await notifyPayment(dealer, input, [{ name: "a.png", bytes: png }], store);
    expect(again).toEqual(first);
    expect(await db.$count(paymentNotices, eq(paymentNotices.reference, "RETRY-1"))).toBe(1);
    expect(await filesIn()).toBe(files + 1);
  });

  it("refuses bad input with the field that is wrong and writes nothing, not even a file", async () => {
    const files = await filesIn();
    const refused = async (input: Record<string, unknown>, fields: Record<string, string[]>, receipt = [] as { name: string; bytes: Uint8Array }[]) =>
      expectUnchanged(db, () => expectDomainError(notifyPayment(dealer, notice(input), receipt, store), { fields }));
    await refused({ amount: "0" }, { amount: ["billing.notices.amountPositive"] });
    await refused({ amount: "-5" }, { amount: ["validation.money"] });
    await refused({ amount: "12.345" }, { amount: ["validation.money"] });
    await refused({ paidOn: addDays(today, 1) }, { paidOn: ["stock.validation.futureDate"] });
    await refused({ paidOn: addDays(today, -181) }, { paidOn: ["billing.notices.tooOld"] });
    await refused({ reference: "  " }, { reference: ["validation.required"] });
    await refused({}, { receipt: ["service.validation.fileType"] }, [{ name: "receipt.png", bytes: new TextEncoder().encode("%PDF-1.7 not an image") }]);
    await refused({}, { receipt: ["service.validation.tooManyFiles"] }, [{ name: "a.png", bytes: png }, { name: "b.png", bytes: png }]);
    expect(await filesIn()).toBe(files);
    // a buyer may read the account but not speak for it
    await expectUnchanged(db, () => expectDomainError(notifyPayment(buyer, notice(), [], store), { code: "errors.forbidden" }));
  });

  it("finance confirms a notice into one payment allocated oldest first, however often it is confirmed", async () => {
    const product = await createTestProduct(db, "PN-P");
    const old = await createTestInvoice(db, { organizationId: dealerId, productId: product, totalFen: 50_000n, issuedOn: addDays(today, -400), dueOn: addDays(today, -370) });
    const sent = await notifyPayment(dealer, notice({ amount: "300", reference: "CONFIRM-1" }), [], store);
    // what the payment must settle: the dealer's open invoices, oldest (by id, as the allocation locks them) first
    const open = await db
      .select({ id: invoices.id, open: sql<string>`(${invoices.totalFen} - ${invoices.settledFen})::text`, dueOn: invoices.dueOn })
      .from(invoices)
      .where(and(eq(invoices.organizationId, dealerId), eq(invoices.kind, "invoice"), lt(invoices.settledFen, invoices.totalFen)))
      .orderBy(asc(invoices.dueOn), asc(invoices.id));
    expect(open.map((i) => i.id)).toContain(old.id);

    const key = newKey();
    const [a, b] = await Promise.all([confirmPaymentNotice(finance, { noticeId: sent.noticeId, _key: key }), confirmPaymentNotice(finance, { noticeId: sent.noticeId, _key: key })]);
    expect(b).toEqual(a);
    expect(a.paymentNumber).toMatch(/^PAY-\d{4}-\d{6}$/);
    const [payment] = await db.select().from(payments).where(eq(payments.id, a.paymentId));
    expect(payment).toMatchObject({ organizationId: dealerId, amountFen: 30_000n, receivedOn: today, method: "bank_transfer", reference: "CONFIRM-1" });
    const allocated = await db.select({ fen: paymentAllocations.amountFen }).from(paymentAllocations).where(eq(paymentAllocations.paymentId, a.paymentId));
    expect(allocated.reduce((s, r) => s + r.fen, 0n) + payment!.unallocatedFen).toBe(30_000n);
    expect(await db.$count(payments, eq(payments.reference, "CONFIRM-1"))).toBe(1);
    const [after] = await db.select().from(paymentNotices).where(eq(paymentNotices.id, sent.noticeId));
    expect(after).toMatchObject({ status: "confirmed", paymentId: a.paymentId });
    expect((await listPaymentNotices(dealer, all)).rows.find((r) => r.id === sent.noticeId)?.paymentNumber).toBe(a.paymentNumber);

    // a second clerk (a new key) is told it is done, and nothing more is recorded
    await expectUnchanged(db, () => expectDomainError(confirmPaymentNotice(finance, { noticeId: sent.noticeId, _key: newKey() }), { code: "billing.notices.alreadyDecided" }));
    await expectUnchanged(db, () => expectDomainError(rejectPaymentNotice(finance, { noticeId: sent.noticeId, reason: "晚了", _key: newKey() }), { code: "billing.notices.alreadyDecided" }));
  });

  it("two clerks confirming at once record one payment", async () => {
    const sent = await notifyPayment(dealer, notice({ amount: "10", reference: "RACE-1" }), [], store);
    const results = await Promise.allSettled([confirmPaymentNotice(finance, { noticeId: sent.noticeId, _key: newKey() }), confirmPaymentNotice(finance, { noticeId: sent.noticeId, _key: newKey() })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.$count(payments, eq(payments.reference, "RACE-1"))).toBe(1);
  });

  it("finance returns a notice with a reason the dealer reads; no reason, no return", async () => {
    const sent = await notifyPayment(dealer, notice({ amount: "88", reference: "REJECT-1" }), [], store);
    await expectUnchanged(db, () => expectDomainError(rejectPaymentNotice(finance, { noticeId: sent.noticeId, reason: " ", _key: newKey() }), { fields: { reason: ["validation.required"] } }));
    await rejectPaymentNotice(finance, { noticeId: sent.noticeId, reason: "款项未到账", _key: newKey() });
    const row = (await listPaymentNotices(dealer, all)).rows.find((r) => r.id === sent.noticeId);
    expect(row).toMatchObject({ status: "rejected", rejectReason: "款项未到账", paymentNumber: null });
    expect(await db.$count(payments, eq(payments.reference, "REJECT-1"))).toBe(0);
  });

  it("nobody decides a notice outside their reach: a dealer, another tenant's id, a made-up id", async () => {
    const sent = await notifyPayment(dealer, notice({ amount: "5", reference: "REACH-1" }), [], store);
    await expectUnchanged(db, () => expectDomainError(confirmPaymentNotice(dealer, { noticeId: sent.noticeId, _key: newKey() }), { code: "errors.forbidden" }));
    await expectUnchanged(db, () => expectDomainError(confirmPaymentNotice(finance, { noticeId: "00000000-0000-4000-8000-000000000000", _key: newKey() }), { code: "errors.notFound" }));
    await expectUnchanged(db, () => expectDomainError(confirmPaymentNotice(finance, { noticeId: "not-a-uuid", _key: newKey() }), { code: "errors.notFound" }));
    expect((await db.select({ s: paymentNotices.status }).from(paymentNotices).where(eq(paymentNotices.id, sent.noticeId)))[0]!.s).toBe("pending");
  });
});

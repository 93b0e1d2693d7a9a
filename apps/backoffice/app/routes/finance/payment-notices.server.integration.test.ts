import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paymentNotices, payments, type Database } from "@cs/db";
import { notifyPayment, type Ctx, type UploadStore } from "@cs/domain";
import { ctxOf, newKey, seedDemoData } from "@cs/testing/demo";
import { expectUnchanged } from "@cs/testing/unchanged";
import { testDb } from "../../../../../tests/db";
import { form, outcome } from "../../../../../tests/route-outcome";
import { runPaymentNoticeAction } from "./payment-notices.server";

/** The payment-notice page's forms (confirm, return), posted to the dispatcher as the route hands them over. */

let db: Database;
let store: UploadStore;
let dealer: Ctx;
let finance: Ctx;
let seq = 0;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  store = { dir: await mkdtemp(path.join(tmpdir(), "notice-route-")) };
  [dealer, finance] = (await Promise.all(["dealer@demo.cn", "finance@demo.cn"].map((login) => ctxOf(db, login)))) as [Ctx, Ctx];
});

afterAll(async () => {
  await rm(store.dir, { recursive: true, force: true });
});

const pending = async () => (await notifyPayment(dealer, { _key: newKey(), amount: "66.60", paidOn: new Date().toISOString().slice(0, 10), reference: `ROUTE-${++seq}` }, [], store)).noticeId;
const status = async (id: string) => (await db.select({ s: paymentNotices.status, paymentId: paymentNotices.paymentId }).from(paymentNotices).where(eq(paymentNotices.id, id)))[0]!;

describe("runPaymentNoticeAction", () => {
  it("confirms the notice into a payment and comes back saying which", async () => {
    const id = await pending();
    const answer = await outcome(runPaymentNoticeAction(finance, form([["intent", "confirm"], ["noticeId", id], ["_key", newKey()]])));
    const after = await status(id);
    expect(after.s).toBe("confirmed");
    const [payment] = await db.select({ number: payments.number, amountFen: payments.amountFen }).from(payments).where(eq(payments.id, after.paymentId!));
    expect(payment?.amountFen).toBe(6_660n);
    expect(answer).toMatchObject({ status: 302 });
    expect(answer.location).toMatch(new RegExp(`^/finance/payment-notices\\?done=confirmed&number=PN-\\d{4}-\\d{6}&payment=${payment!.number}$`));
  });

  it("returns a notice with its reason, and refuses a return without one, keeping the notice pending", async () => {
    const id = await pending();
    const refused = await expectUnchanged(db, () => outcome(runPaymentNoticeAction(finance, form([["intent", "reject"], ["noticeId", id], ["reason", ""], ["_key", newKey()]]))));
    expect(refused).toMatchObject({ thrown: false, status: 400, data: { error: { reason: ["validation.required"] } } });
    expect((await status(id)).s).toBe("pending");
    const answer = await outcome(runPaymentNoticeAction(finance, form([["intent", "reject"], ["noticeId", id], ["reason", "未到账"], ["_key", newKey()]])));
    expect(answer).toMatchObject({ status: 302 });
    expect((await status(id)).s).toBe("rejected");
  });

  it("answers an unknown intent with nothing, a hostile field name with 400, and a dealer with 404, changing nothing", async () => {
    const id = await pending();
    expect(await expectUnchanged(db, () => outcome(runPaymentNoticeAction(finance, form([["intent", "approve"], ["noticeId", id]]))))).toMatchObject({ thrown: false, status: null });
    expect(await expectUnchanged(db, () => outcome(runPaymentNoticeAction(finance, form([["intent", "confirm"], ["noticeId", id], ["__proto__", "x"]]))))).toMatchObject({ thrown: true, status: 400, data: { messageKey: "errors.fieldName" } });
    expect(await expectUnchanged(db, () => outcome(runPaymentNoticeAction(dealer, form([["intent", "confirm"], ["noticeId", id], ["_key", newKey()]]))))).toMatchObject({ thrown: true, status: 404 });
    expect((await status(id)).s).toBe("pending");
  });
});

import { and, count, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { organizations, paymentNotices, payments, type PaymentNoticeStatus, type Transaction } from "@cs/db";
import type { Actor } from "../access/actor";
import { authorize, can } from "../access/authorize";
import { tenantScope } from "../access/scopes";
import { notify } from "../notifications/notify";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { addDays, shanghaiToday, yearOf } from "../shared/dates";
import { nextDocumentNumber } from "../shared/document-number";
import { NotFoundError, ValidationError } from "../shared/errors";
import { keyOf, once } from "../shared/idempotency";
import { listQuerySchema, type Page } from "../shared/list-query";
import { isUuid, parseInput } from "../shared/parse";
import { checkImages, resolveStored, storeFiles, type UploadStore, type UploadedFile } from "../service/uploads";
import { moneyField, optionalText, requiredText } from "../validation/fields";
import { insertPayment } from "./payments";

/** How far back a transfer may be dated: older money is a matter for the statement, not a notice. */
export const NOTICE_MAX_AGE_DAYS = 180;

const noticeScope = (actor: Actor) => tenantScope(actor, paymentNotices, { staff: "invoice:read", partner: "own_account:read" });

export const paymentNoticeInput = z.object({
  amount: moneyField,
  paidOn: z.iso.date({ error: "validation.date" }),
  reference: requiredText(100),
  payerAccount: optionalText(100),
  note: optionalText(500),
});

/**
 * A partner tells finance it has paid (付款通知): amount, transfer date, bank reference, optionally
 * the paying account and the receipt image (its type checked by its bytes). The notice moves no
 * balance; finance confirms it into a payment or rejects it, and is told of it.
 */
export async function notifyPayment(ctx: Ctx, raw: unknown, receipt: UploadedFile[], store: UploadStore) {
  authorize(ctx.actor, "own_payment:notify");
  const organizationId = ctx.actor.kind === "partner" ? ctx.actor.organizationId : null;
  if (!organizationId) throw new NotFoundError("organization");
  const input = parseInput(paymentNoticeInput, raw);
  if (input.amount <= 0n) throw new ValidationError({ amount: ["billing.notices.amountPositive"] });
  const today = shanghaiToday();
  if (input.paidOn > today) throw new ValidationError({ paidOn: ["stock.validation.futureDate"] });
  if (input.paidOn < addDays(today, -NOTICE_MAX_AGE_DAYS)) throw new ValidationError({ paidOn: ["billing.notices.tooOld"] });
  const [file] = checkImages(receipt, "receipt", 1);

  const files = file ? await storeFiles(store, `payment-notices/${organizationId}`, [file]) : null;
  try {
    const { result, replayed } = await inTransaction(ctx, (tx) =>
      once(tx, ctx.actor, keyOf(raw), { ...input, receipt: file?.bytes.length ?? 0 }, async () => {
        const [org] = await tx.select({ name: organizations.name, ownerBranchId: organizations.ownerBranchId }).from(organizations).where(eq(organizations.id, organizationId));
        if (!org) throw new NotFoundError("organization");
        const number = await nextDocumentNumber(tx, "PN", yearOf(today));
        const stored = files?.stored[0];
        const [notice] = await tx
          .insert(paymentNotices)
          .values({
            number,
            organizationId,
            ownerBranchId: org.ownerBranchId,
            amountFen: input.amount,
            paidOn: input.paidOn,
            reference: input.reference,
            payerAccount: input.payerAccount ?? null,
            note: input.note ?? null,
            receiptPath: stored?.storedPath ?? null,
            receiptMime: stored?.mime ?? null,
            receiptSize: stored?.sizeBytes ?? null,
            notifiedBy: ctx.actor.userId,
          })
          .returning({ id: paymentNotices.id });
        await recordAudit(tx, ctx.actor, {
          action: "payment_notice.create",
          entity: "payment_notice",
          entityId: notice!.id,
          after: { number, amountFen: input.amount, paidOn: input.paidOn, reference: input.reference, receipt: !!stored },
        });
        await notify(tx, {
          // finance works every branch (its role is all-scopes): all of it hears
          audiences: [{ staffRoles: ["finance"] }],
          kind: "payment_notice.created",
          entityType: "payment_notice",
          entityId: notice!.id,
          params: { number, partner: org.name },
          exceptUserId: ctx.actor.userId,
        });
        return { noticeId: notice!.id, number };
      }),
    );
    if (replayed) await files?.discard();
    return result;
  } catch (e) {
    await files?.discard();
    throw e;
  }
}

export const paymentNoticeListQuery = listQuerySchema(["createdAt"] as const, "createdAt").extend({
  dir: z.enum(["asc", "desc"]).catch("desc"),
  status: z.enum(["pending", "confirmed", "rejected", "all"]).catch("all"),
});
export type PaymentNoticeListQuery = z.output<typeof paymentNoticeListQuery>;

export type PaymentNoticeRow = {
  id: string;
  number: string;
  partner: string;
  partnerCode: string;
  amountFen: bigint;
  paidOn: string;
  reference: string;
  payerAccount: string | null;
  note: string | null;
  hasReceipt: boolean;
  status: PaymentNoticeStatus;
  rejectReason: string | null;
  paymentNumber: string | null;
  createdAt: Date;
};

/** Payment notices in the actor's scope (a partner's own; finance by branch), newest first. */
export async function listPaymentNotices(ctx: Ctx, query: PaymentNoticeListQuery): Promise<Page<PaymentNoticeRow>> {
  authorize(ctx.actor, ctx.actor.kind === "partner" ? "own_account:read" : "invoice:read");
  const where = and(noticeScope(ctx.actor), query.status === "all" ? undefined : eq(paymentNotices.status, query.status));
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        id: paymentNotices.id,
        number: paymentNotices.number,
        partner: organizations.name,
        partnerCode: organizations.code,
        amountFen: paymentNotices.amountFen,
        paidOn: paymentNotices.paidOn,
        reference: paymentNotices.reference,
        payerAccount: paymentNotices.payerAccount,
        note: paymentNotices.note,
        hasReceipt: sql<boolean>`${paymentNotices.receiptPath} is not null`,
        status: paymentNotices.status,
        rejectReason: paymentNotices.rejectReason,
        paymentNumber: payments.number,
        createdAt: paymentNotices.createdAt,
      })
      .from(paymentNotices)
      .innerJoin(organizations, eq(organizations.id, paymentNotices.organizationId))
      .leftJoin(payments, eq(payments.id, paymentNotices.paymentId))
      .where(where)
      .orderBy(query.dir === "asc" ? paymentNotices.createdAt : desc(paymentNotices.createdAt), desc(paymentNotices.number))
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    ctx.db.select({ n: count() }).from(paymentNotices).where(where),
  ]);
  return { rows, total: total?.n ?? 0, page: query.page, size: query.size };
}

/** What the partner has notified and finance has not yet decided: count and amount (for the statement). */
export async function pendingPaymentNotices(ctx: Ctx): Promise<{ count: number; amountFen: bigint }> {
  authorize(ctx.actor, ctx.actor.kind === "partner" ? "own_account:read" : "invoice:read");
  const [row] = await ctx.db
    .select({ n: sql<number>`count(*)::int`, fen: sql<string>`coalesce(sum(${paymentNotices.amountFen}), 0)::text` })
    .from(paymentNotices)
    .where(and(noticeScope(ctx.actor), eq(paymentNotices.status, "pending")));
  return { count: row?.n ?? 0, amountFen: BigInt(row?.fen ?? "0") };
}

/** The receipt image of a notice in the actor's scope (another tenant's: not found). */
export async function getPaymentNoticeReceipt(ctx: Ctx, store: UploadStore, noticeId: string) {
  authorize(ctx.actor, ctx.actor.kind === "partner" ? "own_account:read" : "invoice:read");
  if (!isUuid(noticeId)) throw new NotFoundError("payment_notice");
  const [row] = await ctx.db
    .select({ path: paymentNotices.receiptPath, mime: paymentNotices.receiptMime, size: paymentNotices.receiptSize })
    .from(paymentNotices)
    .where(and(eq(paymentNotices.id, noticeId), noticeScope(ctx.actor)));
  if (!row?.path || !row.mime || row.size === null) throw new NotFoundError("payment_notice");
  return { path: resolveStored(store, row.path), mime: row.mime, sizeBytes: row.size };
}

const decideInput = z.object({ noticeId: z.string() });
const rejectInput = decideInput.extend({ reason: requiredText(300) });

/** The pending notice in the actor's scope, locked for its decision. */
async function lockPending(tx: Transaction, actor: Actor, noticeId: string) {
  if (!isUuid(noticeId)) throw new NotFoundError("payment_notice");
  const [notice] = await tx
    .select()
    .from(paymentNotices)
    .where(and(eq(paymentNotices.id, noticeId), noticeScope(actor)))
    .for("update");
  if (!notice) throw new NotFoundError("payment_notice");
  if (notice.status !== "pending") throw new ValidationError({ form: ["billing.notices.alreadyDecided"] }, "billing.notices.alreadyDecided");
  return notice;
}

type Decision<R> = {
  status: "confirmed" | "rejected";
  /** The notice's columns this decision sets besides its status and who decided when. */
  set: Partial<typeof paymentNotices.$inferInsert>;
  /** What the audit entry and the partner's notice say beyond the status. */
  after: Record<string, unknown>;
  params: Record<string, string>;
  result: R;
};

/**
 * One decision on a pending notice, once under retries and under two clerks at once: the notice
 * locked in the actor's scope, the step's own writes, then the status, the audit entry and the
 * partner's notice that every decision records.
 */
async function decideNotice<S extends typeof decideInput, R extends Record<string, unknown>>(
  ctx: Ctx,
  raw: unknown,
  schema: S,
  step: (tx: Transaction, notice: typeof paymentNotices.$inferSelect, input: z.output<S>) => Promise<Decision<R>>,
): Promise<R> {
  authorize(ctx.actor, "payment:record");
  const input = parseInput(schema, raw);
  return inTransaction(ctx, async (tx) => {
    const { result } = await once(tx, ctx.actor, keyOf(raw), input, async () => {
      const notice = await lockPending(tx, ctx.actor, input.noticeId);
      const d = await step(tx, notice, input);
      await tx
        .update(paymentNotices)
        .set({ ...d.set, status: d.status, decidedBy: ctx.actor.userId, decidedAt: new Date() })
        .where(eq(paymentNotices.id, notice.id));
      await recordAudit(tx, ctx.actor, {
        action: d.status === "confirmed" ? "payment_notice.confirm" : "payment_notice.reject",
        entity: "payment_notice",
        entityId: notice.id,
        before: { status: "pending" },
        after: { status: d.status, ...d.after },
      });
      await notify(tx, {
        audiences: [{ organizationId: notice.organizationId, permission: "own_account:read" }],
        kind: d.status === "confirmed" ? "payment_notice.confirmed" : "payment_notice.rejected",
        entityType: "payment_notice",
        entityId: notice.id,
        params: { number: notice.number, ...d.params },
      });
      return d.result;
    });
    return result;
  });
}

/**
 * Finance confirms a notice: a bank-transfer payment on the notice's date and reference, allocated to
 * the partner's open invoices oldest first with any remainder kept as credit, and the notice linked
 * to it, in one transaction. Confirming twice (a retry, a second clerk) records one payment.
 */
export async function confirmPaymentNotice(ctx: Ctx, raw: unknown) {
  return decideNotice(ctx, raw, decideInput, async (tx, notice) => {
    const payment = await insertPayment(tx, ctx.actor, {
      organizationId: notice.organizationId,
      receivedOn: notice.paidOn,
      method: "bank_transfer",
      reference: notice.reference,
      note: notice.note ?? undefined,
      amount: notice.amountFen,
      allocations: [],
      keepRemainderAsCredit: true,
    });
    return {
      status: "confirmed",
      set: { paymentId: payment.paymentId },
      after: { payment: payment.number },
      params: { payment: payment.number },
      result: { paymentId: payment.paymentId, paymentNumber: payment.number, number: notice.number },
    };
  });
}

/** Finance rejects a notice with a reason the partner reads (money not arrived, wrong amount…). */
export async function rejectPaymentNotice(ctx: Ctx, raw: unknown) {
  return decideNotice(ctx, raw, rejectInput, async (_tx, notice, input) => ({
    status: "rejected",
    set: { rejectReason: input.reason },
    after: { reason: input.reason },
    params: { reason: input.reason },
    result: { number: notice.number },
  }));
}

/** The notify form's limits for an actor that may notify payments: the dates it accepts. */
export function paymentNoticeForm(ctx: Ctx) {
  authorize(ctx.actor, "own_payment:notify");
  const today = shanghaiToday();
  return { today, earliest: addDays(today, -NOTICE_MAX_AGE_DAYS) };
}

/** Whether the actor may notify payments (the portal offers the form only then). */
export const mayNotifyPayment = (actor: Actor) => can(actor, "own_payment:notify");

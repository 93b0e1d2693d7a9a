import { and, asc, eq, isNull, lt, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { invoices, organizations, paymentAllocations, paymentMethods, payments, type Transaction } from "@cs/db";
import type { Actor } from "../access/actor";
import { authorize } from "../access/authorize";
import { organizationScope } from "../access/scopes";
import { addAllocationStats, addPaymentStats } from "../channel/stats";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { nextDocumentNumber } from "../shared/document-number";
import { NotFoundError, ValidationError } from "../shared/errors";
import { keyOf, once } from "../shared/idempotency";
import { isUuid, parseInput } from "../shared/parse";
import { planAllocation, type Allocation, type OpenInvoice } from "./allocate";
import { shanghaiToday, yearOf } from "../shared/dates";
import { moneyField } from "../validation/fields";

/** The ways money arrives, for the record-payment form ("rebate" and "coupon" are made by checkout only). */
type ManualMethod = Exclude<(typeof paymentMethods)[number], "rebate" | "coupon">;
export const paymentMethodOptions = paymentMethods.filter((m): m is ManualMethod => m !== "rebate" && m !== "coupon") as [ManualMethod, ...ManualMethod[]];

const allocationsInput = z
  .array(z.object({ invoiceId: z.string(), amount: z.union([z.literal(""), moneyField]) }))
  .max(500, "validation.range")
  .default([])
  // the form lists every open invoice; a blank amount means "not this one"
  .transform((rows) => rows.filter((r): r is { invoiceId: string; amount: bigint } => r.amount !== ""));

const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

export const recordPaymentInput = z.object({
  organizationId: z.string(),
  receivedOn: z.iso.date({ error: "validation.date" }),
  method: z.enum(paymentMethodOptions, { error: "validation.required" }),
  reference: z.string().trim().max(100, "validation.tooLong").optional(),
  note: z.string().trim().max(500, "validation.tooLong").optional(),
  amount: moneyField,
  allocations: allocationsInput,
  keepRemainderAsCredit: checkbox.default(false),
});

/** A partner organization in the actor's scope, locked so its invoices settle one payment at a time. */
async function partnerInScope(tx: Transaction, actor: Actor, organizationId: string) {
  if (!isUuid(organizationId)) throw new ValidationError({ organizationId: ["validation.required"] });
  const [org] = await tx
    .select({ id: organizations.id, name: organizations.name, ownerBranchId: organizations.ownerBranchId })
    .from(organizations)
    .where(and(eq(organizations.id, organizationId), organizationScope(actor)))
    .for("update");
  if (!org) throw new NotFoundError("organization");
  return org;
}

/** The partner's open invoices, locked (in id order) for the allocation that follows. */
export async function lockOpenInvoices(tx: Transaction, organizationId: string): Promise<OpenInvoice[]> {
  const rows = await tx
    .select({ id: invoices.id, number: invoices.number, issuedOn: invoices.issuedOn, dueOn: invoices.dueOn, totalFen: invoices.totalFen, settledFen: invoices.settledFen })
    .from(invoices)
    .where(and(eq(invoices.organizationId, organizationId), eq(invoices.kind, "invoice"), lt(invoices.settledFen, invoices.totalFen)))
    .orderBy(asc(invoices.id))
    .for("update");
  return rows.map((r) => ({ id: r.id, number: r.number, issuedOn: r.issuedOn, dueOn: r.dueOn, outstandingFen: r.totalFen - r.settledFen }));
}

export async function settleInvoices(tx: Transaction, allocations: Allocation[]) {
  for (const a of allocations)
    await tx
      .update(invoices)
      .set({ settledFen: sql`${invoices.settledFen} + ${a.amountFen}` })
      .where(eq(invoices.id, a.invoiceId));
}

/**
 * Money received (回款): the payment, its allocations to invoices (the amounts the user chose, or
 * oldest first) and the invoices' settled amounts in one transaction with the invoices locked.
 * More than the allocations is refused unless the user keeps the rest as credit.
 */
export async function recordPayment(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "payment:record");
  const input = parseInput(recordPaymentInput, raw);
  return inTransaction(ctx, async (tx) => {
    const { result } = await once(tx, ctx.actor, keyOf(raw), input, async () => {
      const r = await insertPayment(tx, ctx.actor, input);
      // the idempotency record is JSON: amounts travel as decimal strings and come back as bigint below
      return { ...r, allocatedFen: String(r.allocatedFen), unallocatedFen: String(r.unallocatedFen) };
    });
    return { ...result, allocatedFen: BigInt(result.allocatedFen), unallocatedFen: BigInt(result.unallocatedFen) };
  });
}

/**
 * The payment itself inside the caller's transaction (recordPayment, and a confirmed payment
 * notice): the partner locked, its open invoices locked, the allocation planned, written and audited.
 */
export async function insertPayment(tx: Transaction, actor: Actor, input: z.output<typeof recordPaymentInput>) {
  authorize(actor, "payment:record");
  if (input.receivedOn > shanghaiToday()) throw new ValidationError({ receivedOn: ["stock.validation.futureDate"] });
  const org = await partnerInScope(tx, actor, input.organizationId);
  const open = await lockOpenInvoices(tx, org.id);
  const plan = planAllocation({
    amountFen: input.amount,
    invoices: open,
    explicit: input.allocations.map((a) => ({ invoiceId: a.invoiceId, amountFen: a.amount })),
    keepRemainderAsCredit: input.keepRemainderAsCredit,
  });
  const number = await nextDocumentNumber(tx, "PAY", yearOf(input.receivedOn));
  const [payment] = await tx
    .insert(payments)
    .values({
      number,
      organizationId: org.id,
      ownerBranchId: org.ownerBranchId,
      receivedOn: input.receivedOn,
      method: input.method,
      reference: input.reference || null,
      note: input.note || null,
      amountFen: input.amount,
      unallocatedFen: plan.unallocatedFen,
      recordedBy: actor.userId,
    })
    .returning();
  if (plan.allocations.length)
    await tx.insert(paymentAllocations).values(plan.allocations.map((a) => ({ invoiceId: a.invoiceId, paymentId: payment!.id, amountFen: a.amountFen, createdBy: actor.userId })));
  await settleInvoices(tx, plan.allocations);
  await addPaymentStats(tx, payment!.id);
  await recordAudit(tx, actor, {
    action: "payment.record",
    entity: "payment",
    entityId: payment!.id,
    after: { number, organization: org.name, amountFen: input.amount, allocations: plan.allocations, unallocatedFen: plan.unallocatedFen },
  });
  return { paymentId: payment!.id, number, allocatedFen: input.amount - plan.unallocatedFen, unallocatedFen: plan.unallocatedFen };
}

type CreditSource = { kind: "payment" | "credit_note"; id: string; availableFen: bigint };

/** What the partner has paid or been credited but not yet allocated, oldest first, locked. */
async function lockCreditSources(tx: Transaction, organizationId: string): Promise<CreditSource[]> {
  const paid = await tx
    .select({ id: payments.id, availableFen: payments.unallocatedFen })
    .from(payments)
        // a rebate payment waits for its own order's invoices (and returns to the balance if they never come)
    .where(and(eq(payments.organizationId, organizationId), ne(payments.unallocatedFen, 0n), isNull(payments.orderId)))
    .orderBy(asc(payments.receivedOn), asc(payments.number))
    .for("update");
  const credited = await tx
    .select({ id: invoices.id, totalFen: invoices.totalFen, settledFen: invoices.settledFen })
    .from(invoices)
    .where(and(eq(invoices.organizationId, organizationId), eq(invoices.kind, "credit_note"), lt(invoices.settledFen, invoices.totalFen)))
    .orderBy(asc(invoices.issuedOn), asc(invoices.number))
    .for("update");
  return [
    ...credited.map((c) => ({ kind: "credit_note" as const, id: c.id, availableFen: c.totalFen - c.settledFen })),
    ...paid.map((p) => ({ kind: "payment" as const, id: p.id, availableFen: p.availableFen })),
  ];
}

export const allocateCreditInput = z.object({ organizationId: z.string(), allocations: allocationsInput });

/**
 * Applies the partner's unallocated credit (credit notes first, then payments, oldest first) to
 * open invoices: the amounts chosen, or oldest invoice first up to what is available.
 */
export async function allocateCredit(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "payment:record");
  const input = parseInput(allocateCreditInput, raw);
  return inTransaction(ctx, async (tx) => {
    const { result } = await once(tx, ctx.actor, keyOf(raw), input, async () => {
      const org = await partnerInScope(tx, ctx.actor, input.organizationId);
      const open = await lockOpenInvoices(tx, org.id);
      const sources = await lockCreditSources(tx, org.id);
      const available = sources.reduce((s, c) => s + c.availableFen, 0n);
      if (available === 0n) throw new ValidationError({ form: ["billing.validation.noCredit"] }, "billing.validation.noCredit");
      const plan = planAllocation({
        amountFen: available,
        invoices: open,
        explicit: input.allocations.map((a) => ({ invoiceId: a.invoiceId, amountFen: a.amount })),
        keepRemainderAsCredit: true,
      });
      // pour the invoice allocations through the sources in order
      const rows: { invoiceId: string; paymentId: string | null; creditNoteId: string | null; amountFen: bigint }[] = [];
      const left = sources.map((s) => ({ ...s }));
      let k = 0;
      for (const a of plan.allocations) {
        let need = a.amountFen;
        while (need > 0n) {
          const s = left[k]!;
          const take = s.availableFen < need ? s.availableFen : need;
          if (take > 0n)
            rows.push({ invoiceId: a.invoiceId, paymentId: s.kind === "payment" ? s.id : null, creditNoteId: s.kind === "credit_note" ? s.id : null, amountFen: take });
          s.availableFen -= take;
          need -= take;
          if (s.availableFen === 0n) k++;
        }
      }
      const inserted = rows.length ? await tx.insert(paymentAllocations).values(rows.map((r) => ({ ...r, createdBy: ctx.actor.userId }))).returning({ id: paymentAllocations.id }) : [];
      await settleInvoices(tx, plan.allocations);
      await addAllocationStats(tx, inserted.map((r) => r.id));
      for (const s of left) {
        const used = sources.find((x) => x.id === s.id)!.availableFen - s.availableFen;
        if (used === 0n) continue;
        if (s.kind === "payment") await tx.update(payments).set({ unallocatedFen: sql`${payments.unallocatedFen} - ${used}` }).where(eq(payments.id, s.id));
        else await tx.update(invoices).set({ settledFen: sql`${invoices.settledFen} + ${used}` }).where(eq(invoices.id, s.id));
      }
      const allocatedFen = available - plan.unallocatedFen;
      await recordAudit(tx, ctx.actor, { action: "credit.allocate", entity: "organization", entityId: org.id, after: { allocations: rows } });
      return { allocatedFen: String(allocatedFen), remainingCreditFen: String(plan.unallocatedFen) };
    });
    return { allocatedFen: BigInt(result.allocatedFen), remainingCreditFen: BigInt(result.remainingCreditFen) };
  });
}


import { and, asc, eq, inArray, lt, ne, sql } from "drizzle-orm";
import { invoiceLines, invoices, paymentAllocations, type Transaction } from "@cs/db";
import type { Actor } from "../access/actor";
import { recordAudit } from "../shared/audit";
import { nextDocumentNumber } from "../shared/document-number";
import { shanghaiToday, yearOf } from "./dates";
import { priceInvoiceLines, type InvoiceLineInput } from "./invoice";

export type CreditNoteInput = {
  returnId: string;
  order: { id: string; organizationId: string; ownerBranchId: string | null };
  /** The invoices the returned goods were billed on, most relevant first: credited before any other. */
  originalInvoiceIds: string[];
  lines: InvoiceLineInput[];
};

/**
 * A credit note (红字发票) for received returned goods, in the receipt's transaction: a gap-free CN-
 * number, lines priced and VAT-split like an invoice (totals = sums of rounded lines), then applied
 * to what is still open — the original invoices first, then the buyer's other open invoices oldest
 * first. What cannot be applied stays on the credit note (settled < total) as the buyer's credit.
 */
export async function createCreditNote(tx: Transaction, actor: Actor, input: CreditNoteInput) {
  const issuedOn = shanghaiToday();
  const priced = priceInvoiceLines(input.lines);
  const number = await nextDocumentNumber(tx, "CN", yearOf(issuedOn));
  const [note] = await tx
    .insert(invoices)
    .values({
      kind: "credit_note",
      number,
      organizationId: input.order.organizationId,
      ownerBranchId: input.order.ownerBranchId,
      orderId: input.order.id,
      returnId: input.returnId,
      originalInvoiceId: input.originalInvoiceIds[0] ?? null,
      issuedOn,
      dueOn: issuedOn,
      netFen: priced.netFen,
      taxFen: priced.taxFen,
      totalFen: priced.totalFen,
      createdBy: actor.userId,
    })
    .returning();
  await tx.insert(invoiceLines).values(
    priced.lines.map((l) => ({
      invoiceId: note!.id,
      orderLineId: l.orderLineId,
      productId: l.productId,
      quantity: l.quantity,
      unitPriceFen: l.unitPriceFen,
      grossFen: l.grossFen,
      netFen: l.netFen,
      taxFen: l.taxFen,
      taxRateBp: l.taxRateBp,
    })),
  );

  const applied = await applyCredit(tx, actor, note!.id, input.order.organizationId, input.originalInvoiceIds, priced.totalFen);
  await recordAudit(tx, actor, {
    action: "credit_note.issue",
    entity: "invoice",
    entityId: note!.id,
    after: { number, totalFen: priced.totalFen, taxFen: priced.taxFen, returnId: input.returnId, applied },
  });
  return { ...note!, settledFen: applied.reduce((s, a) => s + a.amountFen, 0n), applied };
}

/** Settles open invoices from the credit note; rows are locked in id order so concurrent settlements cannot deadlock. */
async function applyCredit(tx: Transaction, actor: Actor, noteId: string, organizationId: string, firstIds: string[], amountFen: bigint) {
  const open = await tx
    .select({ id: invoices.id, totalFen: invoices.totalFen, settledFen: invoices.settledFen, dueOn: invoices.dueOn, issuedOn: invoices.issuedOn, number: invoices.number })
    .from(invoices)
    .where(and(eq(invoices.organizationId, organizationId), eq(invoices.kind, "invoice"), lt(invoices.settledFen, invoices.totalFen), ne(invoices.id, noteId)))
    .orderBy(asc(invoices.id))
    .for("update");
  const rank = (id: string) => (firstIds.includes(id) ? firstIds.indexOf(id) : firstIds.length);
  const key = (i: (typeof open)[number]) => `${i.dueOn}|${i.issuedOn}|${i.number}`;
  open.sort((a, b) => rank(a.id) - rank(b.id) || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

  const applied: { invoiceId: string; number: string; amountFen: bigint }[] = [];
  let left = amountFen;
  for (const invoice of open) {
    if (left === 0n) break;
    const outstanding = invoice.totalFen - invoice.settledFen;
    const take = outstanding < left ? outstanding : left;
    applied.push({ invoiceId: invoice.id, number: invoice.number, amountFen: take });
    left -= take;
  }
  if (applied.length === 0) return applied;
  await tx.insert(paymentAllocations).values(applied.map((a) => ({ invoiceId: a.invoiceId, creditNoteId: noteId, amountFen: a.amountFen, createdBy: actor.userId })));
  for (const a of applied) await tx.update(invoices).set({ settledFen: sql`${invoices.settledFen} + ${a.amountFen}` }).where(eq(invoices.id, a.invoiceId));
  await tx
    .update(invoices)
    .set({ settledFen: amountFen - left })
    .where(inArray(invoices.id, [noteId]));
  return applied;
}

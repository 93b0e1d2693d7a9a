import { and, eq, sql } from "drizzle-orm";
import { invoiceLines, invoices, paymentAllocations, type Transaction } from "@cs/db";
import type { Actor } from "../access/actor";
import { addCreditNoteStats } from "../channel/stats";
import { recordRebateAdjustmentsForCredit } from "../rebates/adjustments";
import { recordAudit } from "../shared/audit";
import { nextDocumentNumber } from "../shared/document-number";
import { ValidationError } from "../shared/errors";
import { shanghaiToday, yearOf } from "../shared/dates";
import { priceInvoiceLines, type InvoiceLineInput, type RatedInvoiceLine } from "./invoice";

/**
 * Each credited line at the rate its original invoice line carried (the order line's, else the
 * product's on that invoice): a red-letter invoice mirrors its blue one, whatever the product master
 * says today. A line the original does not hold is refused.
 */
export async function rateAsInvoiced(tx: Transaction, originalInvoiceId: string, lines: readonly InvoiceLineInput[]): Promise<RatedInvoiceLine[]> {
  const rows = await tx
    .select({ orderLineId: invoiceLines.orderLineId, productId: invoiceLines.productId, rate: invoiceLines.taxRateBp })
    .from(invoiceLines)
    .where(eq(invoiceLines.invoiceId, originalInvoiceId));
  return lines.map((l) => {
    const row = rows.find((r) => (l.orderLineId ? r.orderLineId === l.orderLineId : r.productId === l.productId)) ?? rows.find((r) => r.productId === l.productId);
    if (!row) throw new ValidationError({ lines: ["validation.invalid"] });
    return { ...l, taxRateBp: row.rate };
  });
}

/**
 * A credit note (红字发票) for returned goods, written in the caller's transaction (the returns
 * area calls it when a return is received). Amounts are positive, with VAT split per line like an
 * invoice. The credit first settles what is still open on the original invoice (an allocation from
 * the credit note); whatever is left stays on the credit note as the partner's available credit,
 * which allocateCredit() later applies to other invoices.
 *
 * How the receivable is computed from these rows (see creditPosition and the statement):
 *   receivable = Σ open invoices (total − settled)
 *              − Σ credit notes not yet given away (total − settled)
 *              − Σ unallocated payments
 * so a credit note reduces the receivable by its full total whether or not it was applied.
 */
export async function createCreditNote(
  tx: Transaction,
  actor: Actor,
  input: { originalInvoiceId: string; returnId?: string | null; lines: InvoiceLineInput[]; issuedOn?: string },
) {
  if (input.lines.length === 0) throw new ValidationError({ lines: ["billing.validation.nothingToShip"] });
  for (const l of input.lines)
    if (!Number.isSafeInteger(l.quantity) || l.quantity <= 0 || l.unitPriceFen < 0n) throw new ValidationError({ quantity: ["validation.quantityPositive"] });
  const [original] = await tx
    .select()
    .from(invoices)
    .where(and(eq(invoices.id, input.originalInvoiceId), eq(invoices.kind, "invoice")))
    .for("update");
  if (!original) throw new ValidationError({ originalInvoiceId: ["validation.invalid"] });
  const priced = priceInvoiceLines(await rateAsInvoiced(tx, original.id, input.lines));
  const [credited] = await tx.execute<{ total: string }>(sql`
    select coalesce(sum(total_fen), 0)::text as total from invoices where kind = 'credit_note' and original_invoice_id = ${original.id}`);
  if (BigInt(credited?.total ?? "0") + priced.totalFen > original.totalFen)
    throw new ValidationError({ lines: ["billing.validation.creditNoteTooLarge"] }, "billing.validation.creditNoteTooLarge");

  const issuedOn = input.issuedOn ?? shanghaiToday();
  const applied = original.totalFen - original.settledFen < priced.totalFen ? original.totalFen - original.settledFen : priced.totalFen;
  const number = await nextDocumentNumber(tx, "CN", yearOf(issuedOn));
  const [note] = await tx
    .insert(invoices)
    .values({
      kind: "credit_note",
      number,
      organizationId: original.organizationId,
      ownerBranchId: original.ownerBranchId,
      orderId: original.orderId,
      returnId: input.returnId ?? null,
      originalInvoiceId: original.id,
      issuedOn,
      dueOn: issuedOn,
      netFen: priced.netFen,
      taxFen: priced.taxFen,
      totalFen: priced.totalFen,
      settledFen: applied,
      buyerName: original.buyerName,
      buyerTaxId: original.buyerTaxId,
      createdBy: actor.userId,
    })
    .returning();
  await tx.insert(invoiceLines).values(
    priced.lines.map((l) => ({ invoiceId: note!.id, orderLineId: l.orderLineId, productId: l.productId, quantity: l.quantity, unitPriceFen: l.unitPriceFen, grossFen: l.grossFen, netFen: l.netFen, taxFen: l.taxFen, taxRateBp: l.taxRateBp, costFen: l.costFen, marginFen: l.marginFen })),
  );
  if (applied > 0n) {
    await tx.insert(paymentAllocations).values({ invoiceId: original.id, creditNoteId: note!.id, amountFen: applied, createdBy: actor.userId });
    await tx.update(invoices).set({ settledFen: sql`${invoices.settledFen} + ${applied}` }).where(eq(invoices.id, original.id));
  }
  await addCreditNoteStats(tx, note!.id);
  await recordRebateAdjustmentsForCredit(tx, actor, note!.id);
  await recordAudit(tx, actor, {
    action: "credit_note.issue",
    entity: "invoice",
    entityId: note!.id,
    after: { number, original: original.number, totalFen: priced.totalFen, appliedToOriginalFen: applied },
  });
  return { ...note!, appliedFen: applied, availableFen: priced.totalFen - applied };
}

import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { invoices, redLetterRequests, returnRequests, type RedLetterRequest, type RedLetterSource, type Transaction } from "@cs/db";
import type { Actor } from "../access/actor";
import { authorize, can } from "../access/authorize";
import { tenantScope } from "../access/scopes";
import { notify } from "../notifications/notify";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { shanghaiToday, yearOf } from "../shared/dates";
import { nextDocumentNumber } from "../shared/document-number";
import { NotFoundError, ValidationError } from "../shared/errors";
import { keyOf, once } from "../shared/idempotency";
import { isUuid, parseInput } from "../shared/parse";
import { requiredText } from "../validation/fields";
import { createCreditNote, rateAsInvoiced } from "./credit-notes";
import { priceInvoiceLines, type InvoiceLineInput } from "./invoice";

/** Staff see their branches' requests with invoice:read, a partner its own with own_account:read. */
export const redLetterScope = (actor: Actor) => tenantScope(actor, redLetterRequests, { staff: "invoice:read", partner: "own_account:read" });

type StoredLine = { orderLineId: string | null; productId: string; quantity: number; unitPriceFen: string; costFen: string | null };
const toStored = (l: InvoiceLineInput): StoredLine => ({ ...l, orderLineId: l.orderLineId, unitPriceFen: String(l.unitPriceFen), costFen: l.costFen == null ? null : String(l.costFen) });
const fromStored = (l: StoredLine): InvoiceLineInput => ({ ...l, unitPriceFen: BigInt(l.unitPriceFen), costFen: l.costFen === null ? null : BigInt(l.costFen) });

/**
 * A red-letter confirmation (红字确认单) for what a credit note against one issued invoice would
 * credit, written in the caller's transaction (a return's receipt calls it): priced at the original
 * lines' rates like the credit note will be, refused when it and every credit note and pending
 * request on the invoice would credit more than the invoice. Nothing counts until the buyer
 * confirms it (docs/decisions/034); the buyer's users hear of it.
 */
export async function requestRedLetter(
  tx: Transaction,
  actor: Actor,
  input: { source: RedLetterSource; originalInvoiceId: string; returnId?: string | null; lines: InvoiceLineInput[] },
): Promise<RedLetterRequest> {
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
  if (priced.totalFen <= 0n) throw new ValidationError({ lines: ["validation.quantityPositive"] });
  const [claimed] = await tx.execute<{ total: string }>(sql`
    select ((select coalesce(sum(total_fen), 0) from invoices where kind = 'credit_note' and original_invoice_id = ${original.id})
          + (select coalesce(sum(total_fen), 0) from red_letter_requests where status = 'pending' and original_invoice_id = ${original.id}))::text as total`);
  if (BigInt(claimed?.total ?? "0") + priced.totalFen > original.totalFen)
    throw new ValidationError({ lines: ["billing.validation.creditNoteTooLarge"] }, "billing.validation.creditNoteTooLarge");
  const number = await nextDocumentNumber(tx, "HZ", yearOf(shanghaiToday()));
  const [request] = await tx
    .insert(redLetterRequests)
    .values({
      number,
      organizationId: original.organizationId,
      ownerBranchId: original.ownerBranchId,
      originalInvoiceId: original.id,
      source: input.source,
      returnId: input.returnId ?? null,
      lines: input.lines.map(toStored),
      netFen: priced.netFen,
      taxFen: priced.taxFen,
      totalFen: priced.totalFen,
      requestedBy: actor.userId,
    })
    .returning();
  await recordAudit(tx, actor, {
    action: "red_letter.request",
    entity: "red_letter",
    entityId: request!.id,
    after: { number, source: input.source, invoice: original.number, totalFen: priced.totalFen, taxFen: priced.taxFen },
  });
  await notify(tx, {
    audiences: [{ organizationId: original.organizationId, permission: "own_statement:confirm" }],
    kind: "red_letter.requested",
    entityType: "red_letter",
    entityId: request!.id,
    params: { number, invoice: original.number },
  });
  return request!;
}

const decideInput = z.object({ requestId: z.string() });
const rejectInput = decideInput.extend({ reason: requiredText(500) });

/** The pending request in the actor's scope, locked; another partner's is not found, a decided one refused. */
async function lockPending(tx: Transaction, actor: Actor, requestId: string) {
  if (!isUuid(requestId)) throw new NotFoundError("red_letter");
  const [row] = await tx
    .select()
    .from(redLetterRequests)
    .where(and(eq(redLetterRequests.id, requestId), redLetterScope(actor)))
    .for("update");
  if (!row) throw new NotFoundError("red_letter");
  // only the buyer decides, whatever else the actor may see (a master distributor's sub-tree, say)
  if (row.organizationId !== actor.organizationId) throw new ValidationError({ form: ["invoicing.errors.notBuyer"] }, "invoicing.errors.notBuyer");
  if (row.status !== "pending") throw new ValidationError({ form: ["invoicing.errors.alreadyDecided"] }, "invoicing.errors.alreadyDecided");
  return row;
}

/**
 * The buyer confirms a red-letter request: only now does billing issue the credit note, which
 * counts against the receivable (and rebates) from then on; a return's credit note is linked to the
 * return. Once per `_key`: a retry answers the same, a second confirmation with a new key is refused.
 */
export async function confirmRedLetter(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "own_statement:confirm");
  const input = parseInput(decideInput, raw);
  return inTransaction(ctx, async (tx) => {
    const { result } = await once(tx, ctx.actor, keyOf(raw), input, async () => {
      const row = await lockPending(tx, ctx.actor, input.requestId);
      const note = await createCreditNote(tx, ctx.actor, {
        originalInvoiceId: row.originalInvoiceId,
        returnId: row.returnId,
        lines: (row.lines as StoredLine[]).map(fromStored),
      });
      const decidedAt = new Date();
      await tx.update(redLetterRequests).set({ status: "confirmed", creditNoteId: note.id, decidedBy: ctx.actor.userId, decidedAt }).where(eq(redLetterRequests.id, row.id));
      if (row.returnId)
        await tx.update(returnRequests).set({ creditNoteId: note.id }).where(and(eq(returnRequests.id, row.returnId), isNull(returnRequests.creditNoteId)));
      await recordAudit(tx, ctx.actor, {
        action: "red_letter.confirm",
        entity: "red_letter",
        entityId: row.id,
        before: { status: row.status },
        after: { status: "confirmed", number: row.number, creditNote: note.number, totalFen: note.totalFen },
      });
      await notifyStaff(tx, row, "red_letter.confirmed", { creditNote: note.number });
      return { requestId: row.id, status: "confirmed" as const, creditNoteId: note.id, creditNoteNumber: note.number };
    });
    return result;
  });
}

/** The buyer rejects a red-letter request with its reason: nothing is credited, finance hears why. */
export async function rejectRedLetter(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "own_statement:confirm");
  const input = parseInput(rejectInput, raw);
  return inTransaction(ctx, async (tx) => {
    const { result } = await once(tx, ctx.actor, keyOf(raw), input, async () => {
      const row = await lockPending(tx, ctx.actor, input.requestId);
      await tx
        .update(redLetterRequests)
        .set({ status: "rejected", rejectReason: input.reason, decidedBy: ctx.actor.userId, decidedAt: new Date() })
        .where(eq(redLetterRequests.id, row.id));
      await recordAudit(tx, ctx.actor, {
        action: "red_letter.reject",
        entity: "red_letter",
        entityId: row.id,
        before: { status: row.status },
        after: { status: "rejected", number: row.number, reason: input.reason },
      });
      await notifyStaff(tx, row, "red_letter.rejected", { reason: input.reason });
      return { requestId: row.id, status: "rejected" as const };
    });
    return result;
  });
}

function notifyStaff(tx: Transaction, row: RedLetterRequest, kind: string, params: Record<string, string>) {
  return notify(tx, { audiences: [{ staffRoles: ["finance"] }], kind, entityType: "red_letter", entityId: row.id, params: { number: row.number, ...params } });
}

/** Whether the actor may confirm or reject red-letter requests (the portal offers the buttons only then). */
export const mayDecideRedLetter = (actor: Actor) => can(actor, "own_statement:confirm");

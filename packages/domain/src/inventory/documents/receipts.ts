import { eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { products, stockDocumentLines, type Transaction } from "@cs/db";
import { authorize } from "../../access/authorize";
import { recordAudit } from "../../shared/audit";
import { inTransaction, type Ctx } from "../../shared/context";
import { ConflictError, ValidationError } from "../../shared/errors";
import { keyOf, once } from "../../shared/idempotency";
import { parseInput } from "../../shared/parse";
import { stockArrived } from "../arrivals";
import { applyMoves } from "../ledger";
import { findDocument, insertDocument, linesInput, resolveLines, setStatus, systemLocation, usableLocation } from "./common";
import { receiveSerials } from "./serials";
import { strictNumber } from "../../validation/fields";

export const receiptInput = z.object({
  toLocationId: z.string(),
  reference: z.string().trim().max(100).optional(),
  note: z.string().trim().max(500).optional(),
  lines: linesInput,
});

/** A receipt (入库) from a supplier: the expected lines; goods arrive with one or more postings. */
export async function createReceipt(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "stock:move");
  const input = parseInput(receiptInput, raw);
  return inTransaction(ctx, async (tx, tctx) => {
    const to = await usableLocation(tctx, input.toLocationId, "toLocationId", ["warehouse"]);
    const lines = await resolveLines(tx, input.lines, { serialsRequired: false });
    const supplier = await systemLocation(tx, "supplier");
    const { result } = await once(tx, ctx.actor, keyOf(raw), input, async () => {
      const doc = await insertDocument(
        tx,
        ctx.actor,
        { kind: "receipt", status: "open", fromLocationId: supplier.id, toLocationId: to.id, reason: input.reference ?? null, note: input.note ?? null },
        // no cost given: the goods arrive at the average cost they find (docs/decisions/023)
        lines.map((l) => ({ productId: l.productId, quantity: l.quantity, unitCostFen: l.unitCost ?? null })),
      );
      await recordAudit(tx, ctx.actor, { action: "receipt.create", entity: "stock_document", entityId: doc.id, after: { number: doc.number, lines: input.lines } });
      return { id: doc.id };
    });
    return result;
  });
}

export const receiptPostingInput = z.object({
  lines: z
    .array(
      z.object({
        lineId: z.string(),
        quantity: strictNumber(z.number().int({ error: "stock.validation.quantityInteger" }).min(0, { error: "stock.validation.quantityPositive" })),
        serials: z.array(z.string().trim().min(1).max(64)).default([]),
      }),
    )
    .min(1, { error: "stock.validation.noLines" }),
});

/**
 * Books what arrived: moves supplier → warehouse at the line's purchase cost (which moves the
 * product's average cost) and serials captured. Partial postings are fine;
 * more than was expected is refused, as is a posting on a closed receipt.
 */
export async function postReceipt(ctx: Ctx, id: string, raw: unknown) {
  authorize(ctx.actor, "stock:move");
  const input = parseInput(receiptPostingInput, raw);
  return inTransaction(ctx, async (tx, tctx) => {
    const { doc, lines } = await findDocument(tctx, id, { kind: "receipt", forUpdate: true });
    // A double-submitted or retried posting must not book the goods twice.
    const { result } = await once(tx, ctx.actor, keyOf(raw), { id, lines: input.lines }, () => postReceiptLines(tx, ctx, doc, lines, input));
    return result;
  });
}

async function postReceiptLines(
  tx: Transaction,
  ctx: Ctx,
  doc: Awaited<ReturnType<typeof findDocument>>["doc"],
  lines: Awaited<ReturnType<typeof findDocument>>["lines"],
  input: z.output<typeof receiptPostingInput>,
) {
  {
    if (doc.status !== "open" && doc.status !== "partially_received") throw new ConflictError("stock.validation.documentClosed");
    const errors: Record<string, string[]> = {};
    const moves = [];
    const serialized = await serializedSet(tx, lines.map((l) => l.productId));
    for (const [i, posted] of input.lines.entries()) {
      const line = lines.find((l) => l.id === posted.lineId);
      if (!line) throw new ValidationError({ [`lines.${i}.lineId`]: ["validation.invalid"] });
      if (posted.quantity === 0) continue;
      if (line.quantityDone + posted.quantity > line.quantity) {
        errors[`lines.${i}.quantity`] = ["stock.validation.moreThanExpected"];
        continue;
      }
      const serialError = serialCountError(serialized.has(line.productId), posted.quantity, posted.serials);
      if (serialError) {
        errors[`lines.${i}.serials`] = [serialError];
        continue;
      }
      const serialIds = await receiveSerials(tx, i, line.productId, posted.serials, doc.toLocationId!);
      await tx
        .update(stockDocumentLines)
        .set({ quantityDone: line.quantityDone + posted.quantity, serials: [...line.serials, ...posted.serials] })
        .where(eq(stockDocumentLines.id, line.id));
      line.quantityDone += posted.quantity;
      moves.push({
        productId: line.productId,
        quantity: posted.quantity,
        fromLocationId: doc.fromLocationId!,
        toLocationId: doc.toLocationId!,
        reason: "receipt" as const,
        referenceType: "stock_document",
        referenceId: doc.number,
        serialIds,
        unitCostFen: line.unitCostFen,
      });
    }
    if (Object.keys(errors).length) throw new ValidationError(errors);
    if (moves.length === 0) throw new ValidationError({ lines: ["stock.validation.nothingToPost"] });
    await applyMoves(tx, ctx.actor, moves);
    const complete = lines.every((l) => l.quantityDone >= l.quantity);
    await setStatus(tx, doc.id, complete ? "received" : "partially_received");
    await recordAudit(tx, ctx.actor, { action: "receipt.post", entity: "stock_document", entityId: doc.id, after: { lines: input.lines } });
    await stockArrived(tx, ctx.actor, moves.map((m) => m.productId));
    return { status: complete ? "received" : "partially_received" };
  }
}

/** Which of these products are tracked by serial number. */
export async function serializedSet(tx: Transaction, productIds: string[]) {
  if (productIds.length === 0) return new Set<string>();
  const rows = await tx.select({ id: products.id, serialized: products.serialized }).from(products).where(inArray(products.id, productIds));
  return new Set(rows.filter((r) => r.serialized).map((r) => r.id));
}

/** Serialized products carry exactly one serial per unit; others carry none. */
export function serialCountError(serialized: boolean, quantity: number, serials: string[]) {
  if (new Set(serials).size !== serials.length) return "stock.validation.serialDuplicate";
  if (serialized && serials.length !== quantity) return "stock.validation.serialCount";
  if (!serialized && serials.length > 0) return "stock.validation.notSerialized";
  return null;
}

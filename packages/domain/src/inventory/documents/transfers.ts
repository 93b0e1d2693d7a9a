import { eq } from "drizzle-orm";
import { z } from "zod";
import { stockDocumentLines, type Transaction } from "@cs/db";
import { authorize } from "../../access/authorize";
import { recordAudit } from "../../shared/audit";
import { inTransaction, type Ctx } from "../../shared/context";
import { ConflictError, ValidationError } from "../../shared/errors";
import { keyOf, once } from "../../shared/idempotency";
import { parseInput } from "../../shared/parse";
import { stockArrived } from "../arrivals";
import { applyMoves, type StockMoveInput } from "../ledger";
import { findDocument, insertDocument, linesInput, resolveLines, setStatus, systemLocation, usableLocation } from "./common";
import { serialCountError, serializedSet } from "./receipts";
import { pickSerials, placeSerials } from "./serials";
import { strictNumber } from "../../validation/fields";

export const transferInput = z.object({
  fromLocationId: z.string(),
  toLocationId: z.string(),
  note: z.string().trim().max(500).optional(),
  lines: linesInput,
});

/** A transfer (调拨) between two warehouses through transit: draft until it ships. */
export async function createTransfer(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "stock:move");
  const input = parseInput(transferInput, raw);
  return inTransaction(ctx, async (tx, tctx) => {
    const from = await usableLocation(tctx, input.fromLocationId, "fromLocationId", ["warehouse"]);
    const to = await usableLocation(tctx, input.toLocationId, "toLocationId", ["warehouse"]);
    if (from.id === to.id) throw new ValidationError({ toLocationId: ["stock.validation.sameLocation"] });
    const lines = await resolveLines(tx, input.lines, { serialsRequired: false });
    const { result } = await once(tx, ctx.actor, keyOf(raw), input, async () => {
      const doc = await insertDocument(
        tx,
        ctx.actor,
        { kind: "transfer", status: "draft", fromLocationId: from.id, toLocationId: to.id, note: input.note ?? null },
        lines.map((l) => ({ productId: l.productId, quantity: l.quantity })),
      );
      await recordAudit(tx, ctx.actor, { action: "transfer.create", entity: "stock_document", entityId: doc.id, after: { number: doc.number, lines: input.lines } });
      return { id: doc.id };
    });
    return result;
  });
}

const serialsByLine = z.object({ serials: z.record(z.string(), z.array(z.string().trim().min(1).max(64))).default({}) });

/**
 * Ships the whole transfer: every line leaves the source warehouse for transit, serials picked.
 * Shipping more than is free is refused; shipping twice is a no-op.
 */
export async function shipTransfer(ctx: Ctx, id: string, raw: unknown = {}) {
  authorize(ctx.actor, "stock:move");
  const input = parseInput(serialsByLine, raw);
  return inTransaction(ctx, async (tx, tctx) => {
    const { doc, lines } = await findDocument(tctx, id, { kind: "transfer", forUpdate: true });
    // Whoever ships must work at the source warehouse.
    await usableLocation(tctx, doc.fromLocationId ?? undefined, "fromLocationId", ["warehouse"]);
    if (doc.status === "shipped" || doc.status === "partially_received" || doc.status === "received") return { status: doc.status };
    if (doc.status !== "draft") throw new ConflictError("stock.validation.documentClosed");
    const transit = await systemLocation(tx, "transit");
    const serialized = await serializedSet(tx, lines.map((l) => l.productId));
    const moves: StockMoveInput[] = [];
    for (const [i, line] of lines.entries()) {
      const serials = input.serials[line.id] ?? [];
      const err = serialCountError(serialized.has(line.productId), line.quantity, serials);
      if (err) throw new ValidationError({ [`lines.${i}.serials`]: [err] });
      const serialIds = await pickSerials(tx, i, line.productId, serials, doc.fromLocationId!, null);
      await placeSerials(tx, serialIds, { status: "in_transit", locationId: transit.id });
      await tx.update(stockDocumentLines).set({ quantityDone: line.quantity, serials }).where(eq(stockDocumentLines.id, line.id));
      moves.push({
        productId: line.productId,
        quantity: line.quantity,
        fromLocationId: doc.fromLocationId!,
        toLocationId: transit.id,
        reason: "transfer_out",
        referenceType: "stock_document",
        referenceId: doc.number,
        serialIds,
      });
    }
    await applyMoves(tx, ctx.actor, moves);
    await setStatus(tx, doc.id, "shipped");
    await recordAudit(tx, ctx.actor, { action: "transfer.ship", entity: "stock_document", entityId: doc.id });
    return { status: "shipped" };
  });
}

export const transferReceiptInput = z.object({
  lines: z
    .array(
      z.object({
        lineId: z.string(),
        quantity: strictNumber(z.number().int({ error: "stock.validation.quantityInteger" }).min(0, { error: "stock.validation.quantityPositive" })),
      }),
    )
    .min(1, { error: "stock.validation.noLines" }),
  /** Close the transfer: whatever is still in transit is written off to loss with this explanation. */
  close: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()).default(false),
  note: z.string().trim().max(500).optional(),
});

/**
 * Receives at the destination, partially if need be. Receiving more than was shipped is refused.
 * Closing with a shortfall needs an explanation and books the missing units from transit to loss.
 */
export async function receiveTransfer(ctx: Ctx, id: string, raw: unknown) {
  authorize(ctx.actor, "stock:move");
  const input = parseInput(transferReceiptInput, raw);
  return inTransaction(ctx, async (tx, tctx) => {
    const { doc, lines } = await findDocument(tctx, id, { kind: "transfer", forUpdate: true });
    // Whoever receives must work at the destination warehouse.
    await usableLocation(tctx, doc.toLocationId ?? undefined, "toLocationId", ["warehouse"]);
    const { result } = await once(tx, ctx.actor, keyOf(raw), { id, input }, () => receiveLines(tx, ctx, doc, lines, input));
    return result;
  });
}

/** A double-submitted or retried receipt at the destination must not book the goods twice. */
async function receiveLines(
  tx: Transaction,
  ctx: Ctx,
  doc: Awaited<ReturnType<typeof findDocument>>["doc"],
  lines: Awaited<ReturnType<typeof findDocument>>["lines"],
  input: z.output<typeof transferReceiptInput>,
): Promise<{ status: string }> {
  {
    if (doc.status === "received") return { status: doc.status };
    if (doc.status !== "shipped" && doc.status !== "partially_received") throw new ConflictError("stock.validation.notShipped");
    const transit = await systemLocation(tx, "transit");
    const moves: StockMoveInput[] = [];
    for (const [i, got] of input.lines.entries()) {
      const line = lines.find((l) => l.id === got.lineId);
      if (!line) throw new ValidationError({ [`lines.${i}.lineId`]: ["validation.invalid"] });
      if (got.quantity === 0) continue;
      if (line.quantityReceived + got.quantity > line.quantityDone)
        throw new ValidationError({ [`lines.${i}.quantity`]: ["stock.validation.moreThanShipped"] });
      // Serials travel with the first units received; a partial receipt of serialized goods takes them in shipped order.
      const already = line.quantityReceived;
      const serials = line.serials.slice(already, already + got.quantity);
      const serialIds = await pickSerials(tx, i, line.productId, serials, transit.id, null, "in_transit");
      await placeSerials(tx, serialIds, { status: "in_stock", locationId: doc.toLocationId });
      line.quantityReceived += got.quantity;
      await tx.update(stockDocumentLines).set({ quantityReceived: line.quantityReceived }).where(eq(stockDocumentLines.id, line.id));
      moves.push({
        productId: line.productId,
        quantity: got.quantity,
        fromLocationId: transit.id,
        toLocationId: doc.toLocationId!,
        reason: "transfer_in",
        referenceType: "stock_document",
        referenceId: doc.number,
        serialIds,
      });
    }
    const short = lines.filter((l) => l.quantityReceived < l.quantityDone);
    if (input.close && short.length) {
      if (!input.note) throw new ValidationError({ note: ["stock.validation.explainDiscrepancy"] });
      const loss = await systemLocation(tx, "loss");
      for (const line of short) {
        const missing = line.quantityDone - line.quantityReceived;
        const lost = line.serials.slice(line.quantityReceived);
        const serialIds = await pickSerials(tx, 0, line.productId, lost, transit.id, null, "in_transit");
        await placeSerials(tx, serialIds, { status: "scrapped", locationId: loss.id });
        await tx.update(stockDocumentLines).set({ note: input.note }).where(eq(stockDocumentLines.id, line.id));
        moves.push({
          productId: line.productId,
          quantity: missing,
          fromLocationId: transit.id,
          toLocationId: loss.id,
          reason: "adjustment",
          referenceType: "stock_document",
          referenceId: doc.number,
          serialIds,
        });
      }
    }
    if (moves.length === 0) throw new ValidationError({ lines: ["stock.validation.nothingToPost"] });
    await applyMoves(tx, ctx.actor, moves);
    const done = input.close || short.length === 0;
    await setStatus(tx, doc.id, done ? "received" : "partially_received", input.note ? { note: input.note } : {});
    await recordAudit(tx, ctx.actor, { action: "transfer.receive", entity: "stock_document", entityId: doc.id, after: { lines: input.lines, close: input.close, note: input.note } });
    const arrived = moves.filter((m) => m.toLocationId === doc.toLocationId).map((m) => m.productId);
    await stockArrived(tx, ctx.actor, arrived);
    return { status: done ? "received" : "partially_received" };
  }
}

/** Only a transfer that has not shipped can be cancelled; cancelling twice is a no-op. */
export async function cancelTransfer(ctx: Ctx, id: string) {
  authorize(ctx.actor, "stock:move");
  return inTransaction(ctx, async (tx, tctx) => {
    const { doc } = await findDocument(tctx, id, { kind: "transfer", forUpdate: true });
    if (doc.status === "cancelled") return { status: doc.status };
    if (doc.status !== "draft") throw new ConflictError("stock.validation.alreadyShipped");
    await setStatus(tx, doc.id, "cancelled");
    await recordAudit(tx, ctx.actor, { action: "transfer.cancel", entity: "stock_document", entityId: doc.id });
    return { status: "cancelled" };
  });
}

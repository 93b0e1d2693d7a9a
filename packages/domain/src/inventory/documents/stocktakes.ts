import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { DISTRIBUTOR_OWNER, products, stockDocumentLines, stockValuations, type Transaction } from "@cs/db";
import type { Actor } from "../../access/actor";
import { authorize } from "../../access/authorize";
import { recordAudit } from "../../shared/audit";
import { inTransaction, type Ctx } from "../../shared/context";
import { ConflictError, ValidationError } from "../../shared/errors";
import { keyOf, once } from "../../shared/idempotency";
import { parseInput } from "../../shared/parse";
import { applyMoves, type StockMoveInput } from "../ledger";
import { findDocument, insertDocument, needsApproval, setStatus, systemLocation, usableLocation } from "./common";
import { strictNumber } from "../../validation/fields";

export const openStocktakeInput = z.object({
  locationId: z.string(),
  productLineId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid({ error: "validation.invalid" }).optional()),
  note: z.string().trim().max(500).optional(),
});

/**
 * Opens a count (盘点) for a location, all products or one product line, snapshotting the expected
 * quantities of our own stock there: variances are measured against this snapshot.
 */
export async function openStocktake(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "stock:count");
  const input = parseInput(openStocktakeInput, raw);
  return inTransaction(ctx, async (tx, tctx) => {
    const location = await usableLocation(tctx, input.locationId, "locationId", ["warehouse", "station_parts", "partner_consignment"]);
    const { result } = await once(tx, ctx.actor, keyOf(raw), input, async () => {
      const expected = await tx.execute<{ product_id: string; on_hand: number }>(sql`
        select p.id as product_id, coalesce(s.on_hand, 0)::int as on_hand
          from products p
          left join stock_levels s on s.product_id = p.id and s.location_id = ${location.id} and s.owner_id = ${DISTRIBUTOR_OWNER}::uuid
         where p.active and (s.on_hand > 0 or ${input.productLineId ?? null}::uuid is not null)
           and (${input.productLineId ?? null}::uuid is null or p.product_line_id = ${input.productLineId ?? null}::uuid)
         order by p.sku`);
      const doc = await insertDocument(
        tx,
        ctx.actor,
        { kind: "stocktake", status: "counting", fromLocationId: location.id, toLocationId: location.id, reason: input.productLineId ?? null, note: input.note ?? null },
        expected.map((e) => ({ productId: e.product_id, quantity: Number(e.on_hand) })),
      );
      await recordAudit(tx, ctx.actor, { action: "stocktake.open", entity: "stock_document", entityId: doc.id, after: { number: doc.number, lines: expected.length } });
      return { id: doc.id };
    });
    return result;
  });
}

export const countsInput = z.object({
  counts: z
    .array(
      z.object({
        sku: z.string().trim().min(1, { error: "validation.required" }).max(64),
        counted: strictNumber(z
          .number({ error: "stock.validation.quantityInteger" })
          .int({ error: "stock.validation.quantityInteger" })
          .min(0, { error: "stock.validation.countNegative" })
          .max(1_000_000, { error: "stock.validation.quantityTooLarge" })),
      }),
    )
    .min(1, { error: "stock.validation.noLines" })
    .max(20_000),
});

/**
 * Records counts by SKU, from the screen or an uploaded sheet: every row is checked and errors come
 * back per row (`counts.<row>.sku`), nothing saved unless all rows are good. A SKU not in the
 * snapshot is added with an expected quantity of 0 (found stock).
 */
export async function enterCounts(ctx: Ctx, id: string, raw: unknown) {
  authorize(ctx.actor, "stock:count");
  const input = parseInput(countsInput, raw);
  return inTransaction(ctx, async (tx, tctx) => {
    const { doc, lines } = await findDocument(tctx, id, { kind: "stocktake", forUpdate: true });
    if (doc.status !== "counting") throw new ConflictError("stock.validation.stocktakePosted");
    const skus = await tx.select({ id: products.id, sku: products.sku }).from(products).where(eq(products.active, true));
    const bySku = new Map(skus.map((p) => [p.sku.toUpperCase(), p.id]));
    const errors: Record<string, string[]> = {};
    const seen = new Set<string>();
    const updates: { productId: string; counted: number }[] = [];
    input.counts.forEach((row, i) => {
      const productId = bySku.get(row.sku.toUpperCase());
      if (!productId) errors[`counts.${i}.sku`] = ["stock.validation.unknownSku"];
      else if (seen.has(productId)) errors[`counts.${i}.sku`] = ["stock.validation.duplicateRow"];
      else {
        seen.add(productId);
        updates.push({ productId, counted: row.counted });
      }
    });
    if (Object.keys(errors).length) throw new ValidationError(errors);
    for (const u of updates) {
      const line = lines.find((l) => l.productId === u.productId);
      if (line) await tx.update(stockDocumentLines).set({ counted: u.counted }).where(eq(stockDocumentLines.id, line.id));
      else await tx.insert(stockDocumentLines).values({ documentId: doc.id, productId: u.productId, quantity: 0, counted: u.counted });
    }
    await recordAudit(tx, ctx.actor, { action: "stocktake.count", entity: "stock_document", entityId: doc.id, after: { rows: updates.length } });
    return { counted: updates.length };
  });
}

/**
 * Variance per line against the opening snapshot, valued at the moving-average cost (the ledger
 * values the adjustment moves at that average when they post). The count describes the shelf at
 * the snapshot, so counted − snapshot is the true discrepancy, and adding it to today's ledger stays
 * right whatever moved while the count was open. Uncounted lines are taken as counted = expected.
 */
export async function stocktakeVariances(tx: Transaction | Ctx["db"], documentId: string) {
  const rows = await tx
    .select({ lineId: stockDocumentLines.id, productId: stockDocumentLines.productId, expected: stockDocumentLines.quantity, counted: stockDocumentLines.counted, costFen: sql<string>`coalesce(${stockValuations.averageCostFen}, ${products.costFen})::text` })
    .from(stockDocumentLines)
    .innerJoin(products, eq(products.id, stockDocumentLines.productId))
    .leftJoin(stockValuations, eq(stockValuations.productId, stockDocumentLines.productId))
    .where(and(eq(stockDocumentLines.documentId, documentId)));
  return rows.map((r) => {
    const variance = (r.counted ?? r.expected) - r.expected;
    const costFen = BigInt(r.costFen);
    return { ...r, costFen, variance, valueFen: costFen * BigInt(variance) };
  });
}

/**
 * Posts the adjustments (location ↔ loss). Above the approval threshold (absolute variance value)
 * it waits for stock:approve. A posted stocktake is read-only.
 */
export async function postStocktake(ctx: Ctx, id: string) {
  authorize(ctx.actor, "stock:count");
  return inTransaction(ctx, async (tx, tctx) => {
    const { doc } = await findDocument(tctx, id, { kind: "stocktake", forUpdate: true });
    if (doc.status === "posted" || doc.status === "pending_approval") return { status: doc.status };
    if (doc.status !== "counting") throw new ConflictError("stock.validation.stocktakePosted");
    const variances = await stocktakeVariances(tx, doc.id);
    const value = variances.reduce((s, v) => s + (v.valueFen < 0n ? -v.valueFen : v.valueFen), 0n);
    if (needsApproval(ctx.actor, value)) {
      await setStatus(tx, doc.id, "pending_approval", { valueFen: value });
      await recordAudit(tx, ctx.actor, { action: "stocktake.submit", entity: "stock_document", entityId: doc.id, after: { value } });
      return { status: "pending_approval" };
    }
    await postAdjustments(tx, ctx.actor, doc.id, doc.number, doc.fromLocationId!);
    await setStatus(tx, doc.id, "posted", { valueFen: value });
    await recordAudit(tx, ctx.actor, { action: "stocktake.post", entity: "stock_document", entityId: doc.id, after: { value } });
    return { status: "posted" };
  });
}

export async function approveStocktake(ctx: Ctx, id: string) {
  authorize(ctx.actor, "stock:approve");
  return inTransaction(ctx, async (tx, tctx) => {
    const { doc } = await findDocument(tctx, id, { kind: "stocktake", forUpdate: true });
    if (doc.status === "posted") return { status: doc.status };
    if (doc.status !== "pending_approval") throw new ConflictError("stock.validation.documentClosed");
    await postAdjustments(tx, ctx.actor, doc.id, doc.number, doc.fromLocationId!);
    await setStatus(tx, doc.id, "posted", { approvedBy: ctx.actor.userId });
    await recordAudit(tx, ctx.actor, { action: "stocktake.approve", entity: "stock_document", entityId: doc.id });
    return { status: "posted" };
  });
}

async function postAdjustments(tx: Transaction, actor: Actor, id: string, number: string, locationId: string) {
  const loss = await systemLocation(tx, "loss");
  const moves: StockMoveInput[] = (await stocktakeVariances(tx, id))
    .filter((v) => v.variance !== 0)
    .map((v) => ({
      productId: v.productId,
      quantity: Math.abs(v.variance),
      fromLocationId: v.variance > 0 ? loss.id : locationId,
      toLocationId: v.variance > 0 ? locationId : loss.id,
      reason: "adjustment",
      referenceType: "stock_document",
      referenceId: number,
    }));
  await applyMoves(tx, actor, moves);
}

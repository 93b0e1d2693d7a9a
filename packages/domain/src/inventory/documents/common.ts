import { and, asc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import {
  products,
  stockValuations,
  stockDocumentLines,
  stockDocuments,
  stockLocations,
  type DatabaseOrTransaction,
  type StockDocumentKind,
  type Transaction,
} from "@cs/db";
import type { Actor } from "../../access/actor";
import { can } from "../../access/authorize";
import { roles, stockApprovalLimit } from "../../access/permissions";
import { stockLocationScope, stockProductScope } from "../../access/scopes";
import { nextDocumentNumber } from "../../shared/document-number";
import { NotFoundError, ValidationError } from "../../shared/errors";
import { isUuid } from "../../shared/parse";
import type { Ctx } from "../../shared/context";
import { strictNumber, yuanToFenField } from "../../validation/fields";
import { shanghaiYear } from "../../shared/dates";

export const prefixes: Record<StockDocumentKind, string> = {
  receipt: "RC",
  transfer: "TR",
  issue: "OI",
  stocktake: "ST",
  call_off: "CO",
  sell_out: "SL",
};

const quantity = strictNumber(z
  .number({ error: "stock.validation.quantity" })
  .refine((n) => Number.isInteger(n), { error: "stock.validation.quantityInteger" })
  .refine((n) => n > 0, { error: "stock.validation.quantityPositive" })
  .refine((n) => n <= 1_000_000, { error: "stock.validation.quantityTooLarge" }));

export const lineInput = z.object({
  sku: z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(64),
  quantity,
  serials: z.array(z.string().trim().min(1).max(64)).max(10_000).default([]),
  /** A receipt line's purchase cost per unit, yuan as typed (before VAT, like the product's cost). */
  unitCost: yuanToFenField,
});
export type LineInput = z.output<typeof lineInput>;

export const linesInput = z.array(lineInput, { error: "stock.validation.noLines" }).min(1, { error: "stock.validation.noLines" }).max(500);

export type ResolvedLine = LineInput & { productId: string; serialized: boolean; costFen: bigint };

/**
 * SKUs to products, with an error on the exact line that names an unknown SKU or a bad serial count.
 * `costFen` is the product's moving-average cost (its static cost until it has a valuation): what
 * approval thresholds weigh an issue at.
 */
export async function resolveLines(db: DatabaseOrTransaction, lines: LineInput[], options: { serialsRequired: boolean }): Promise<ResolvedLine[]> {
  const skus = [...new Set(lines.map((l) => l.sku.toUpperCase()))];
  const found = await db
    .select({ id: products.id, sku: products.sku, serialized: products.serialized, costFen: sql<string>`coalesce(${stockValuations.averageCostFen}, ${products.costFen})::text` })
    .from(products)
    .leftJoin(stockValuations, eq(stockValuations.productId, products.id))
    .where(and(inArray(sql`upper(${products.sku})`, skus), eq(products.active, true)));
  const bySku = new Map(found.map((p) => [p.sku.toUpperCase(), p]));
  const errors: Record<string, string[]> = {};
  const resolved = lines.map((l, i) => {
    const p = bySku.get(l.sku.toUpperCase());
    if (!p) {
      errors[`lines.${i}.sku`] = ["stock.validation.unknownSku"];
      return null;
    }
    const serials = [...new Set(l.serials)];
    if (serials.length !== l.serials.length) errors[`lines.${i}.serials`] = ["stock.validation.serialDuplicate"];
    else if (p.serialized && options.serialsRequired && serials.length !== l.quantity) errors[`lines.${i}.serials`] = ["stock.validation.serialCount"];
    else if (!p.serialized && serials.length > 0) errors[`lines.${i}.serials`] = ["stock.validation.notSerialized"];
    return { ...l, productId: p.id, serialized: p.serialized, costFen: BigInt(p.costFen) };
  });
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return resolved as ResolvedLine[];
}

export function valueOf(lines: { costFen: bigint; quantity: number }[]) {
  return lines.reduce((sum, l) => sum + l.costFen * BigInt(l.quantity), 0n);
}

/** The warehouse role's limit (see roles in access/permissions.ts); tests size their values by it. */
export const APPROVAL_THRESHOLD_FEN = roles.warehouse.stockApprovalLimitFen;

/** Above the actor's role limit an issue or stocktake adjustment waits for someone with stock:approve. */
export function needsApproval(actor: Actor, valueFen: bigint) {
  const limit = stockApprovalLimit(actor.roles, can(actor, "stock:approve"));
  return limit !== null && valueFen > limit;
}

/** A location this actor may use, of one of the expected kinds, else a field error (never a hint). */
export async function usableLocation(ctx: Ctx, id: string | undefined, field: string, kinds: string[]) {
  if (!id || !isUuid(id)) throw new ValidationError({ [field]: ["validation.required"] });
  const [row] = await ctx.db
    .select()
    .from(stockLocations)
    .where(and(eq(stockLocations.id, id), stockLocationScope(ctx.actor)));
  if (!row || !kinds.includes(row.kind) || !row.active) throw new ValidationError({ [field]: ["validation.invalid"] });
  return row;
}

/** The single location of a kind that the ledger uses as the outside world (supplier, customer, loss, transit). */
export async function systemLocation(db: DatabaseOrTransaction, kind: "supplier" | "customer" | "loss" | "transit") {
  const [row] = await db.select().from(stockLocations).where(and(eq(stockLocations.kind, kind), eq(stockLocations.active, true))).limit(1);
  if (!row) throw new Error(`no ${kind} location configured`);
  return row;
}

export async function insertDocument(
  tx: Transaction,
  actor: Actor,
  doc: Omit<typeof stockDocuments.$inferInsert, "number" | "createdBy">,
  lines: { productId: string; quantity: number; serials?: string[]; note?: string | null; unitCostFen?: bigint | null }[],
) {
  const number = await nextDocumentNumber(tx, prefixes[doc.kind], shanghaiYear());
  const [created] = await tx.insert(stockDocuments).values({ ...doc, number, createdBy: actor.userId }).returning();
  if (lines.length)
    await tx.insert(stockDocumentLines).values(
      lines.map((l) => ({ documentId: created!.id, productId: l.productId, quantity: l.quantity, serials: l.serials ?? [], note: l.note ?? null, unitCostFen: l.unitCostFen ?? null })),
    );
  return created!;
}


/**
 * Staff see a document by the stock locations of ours it touches. The outside world (supplier,
 * customer, loss) and transit belong to no branch, so they would make every receipt, issue and
 * call-off visible (and actionable) to all warehouse staff: they do not count.
 */
export function staffDocumentScope(actor: Actor): SQL {
  const visible = sql`(select id from stock_locations where ${stockLocationScope(actor)} and ${stockLocations.kind} not in ('supplier', 'customer', 'loss', 'transit'))`;
  const byPlace = or(sql`${stockDocuments.fromLocationId} in ${visible}`, sql`${stockDocuments.toLocationId} in ${visible}`)!;
  const line = stockProductScope(actor, sql`dl.product_id`);
  if (!line) return byPlace;
  // Limited to divisions: a document with a line of their divisions' products (a mixed one is of several).
  return and(byPlace, sql`exists (select 1 from stock_document_lines dl where dl.document_id = ${stockDocuments.id} and ${line})`)!;
}

/**
 * Lines carry no position and their ids are random, so "line i" in an error (`lines.<i>.serials`)
 * means the i-th line in this order, the one getDocument shows: by SKU, then id.
 */
export const lineOrder = [asc(sql`(select p.sku from products p where p.id = ${stockDocumentLines.productId})`), asc(stockDocumentLines.id)];

/**
 * A document this actor may see: staff when one of its locations is in their scope, a partner when
 * it belongs to its organization. Anything else is "not found".
 */
export async function findDocument(ctx: Ctx, id: string, options: { kind?: StockDocumentKind; forUpdate?: boolean } = {}) {
  if (!isUuid(id)) throw new NotFoundError("stock document");
  const visible =
    ctx.actor.kind === "partner"
      ? eq(stockDocuments.organizationId, ctx.actor.organizationId ?? "00000000-0000-0000-0000-000000000000")
      : ctx.actor.kind === "staff" && can(ctx.actor, "stock:read")
        ? staffDocumentScope(ctx.actor)
        : sql`false`;
  const q = ctx.db
    .select()
    .from(stockDocuments)
    .where(and(eq(stockDocuments.id, id), options.kind ? eq(stockDocuments.kind, options.kind) : undefined, visible));
  const [doc] = options.forUpdate ? await q.for("update") : await q;
  if (!doc) throw new NotFoundError("stock document");
  const lines = await ctx.db.select().from(stockDocumentLines).where(eq(stockDocumentLines.documentId, id)).orderBy(...lineOrder);
  return { doc, lines };
}

export async function setStatus(tx: Transaction, id: string, status: string, extra: Partial<typeof stockDocuments.$inferInsert> = {}) {
  await tx
    .update(stockDocuments)
    .set({ ...extra, status, updatedAt: new Date() })
    .where(eq(stockDocuments.id, id));
}

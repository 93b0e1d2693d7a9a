import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { organizations, products, stockDocumentKinds, stockDocumentLines, stockDocuments, stockLocations } from "@cs/db";
import { can } from "../../access/authorize";
import type { Ctx } from "../../shared/context";
import { likePattern, listQuerySchema, type Page } from "../../shared/list-query";
import { findDocument, lineOrder, staffDocumentScope } from "./common";
import { stocktakeVariances } from "./stocktakes";

export const documentSortKeys = ["createdAt", "number", "status"] as const;

export const documentListQuery = listQuerySchema(documentSortKeys, "createdAt").extend({
  kind: z.enum(stockDocumentKinds).optional().catch(undefined),
  status: z.string().trim().max(30).optional().catch(undefined),
});
export type DocumentListQuery = z.output<typeof documentListQuery>;

/** Staff see documents touching their locations; a partner its own call-offs and sell-outs. */
function documentScope(ctx: Ctx): SQL {
  if (ctx.actor.kind === "partner" && ctx.actor.organizationId) return eq(stockDocuments.organizationId, ctx.actor.organizationId);
  if (ctx.actor.kind !== "staff" || !can(ctx.actor, "stock:read")) return sql`false`;
  return staffDocumentScope(ctx.actor);
}

const fromLoc = alias(stockLocations, "from_loc");
const toLoc = alias(stockLocations, "to_loc");

export async function listDocuments(ctx: Ctx, query: DocumentListQuery) {
  const where = and(
    documentScope(ctx),
    query.kind ? eq(stockDocuments.kind, query.kind) : undefined,
    query.status ? eq(stockDocuments.status, query.status) : undefined,
    query.q ? or(ilike(stockDocuments.number, likePattern(query.q)), ilike(stockDocuments.note, likePattern(query.q))) : undefined,
  );
  const order = query.dir === "desc" ? desc : asc;
  const sortColumn = { createdAt: stockDocuments.createdAt, number: stockDocuments.number, status: stockDocuments.status }[query.sort];
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        id: stockDocuments.id,
        kind: stockDocuments.kind,
        number: stockDocuments.number,
        status: stockDocuments.status,
        fromZh: fromLoc.nameZh,
        fromEn: fromLoc.nameEn,
        toZh: toLoc.nameZh,
        toEn: toLoc.nameEn,
        partner: organizations.name,
        valueFen: stockDocuments.valueFen,
        createdAt: stockDocuments.createdAt,
        lines: sql<number>`(select count(*)::int from stock_document_lines l where l.document_id = ${stockDocuments.id})`,
      })
      .from(stockDocuments)
      .leftJoin(fromLoc, eq(fromLoc.id, stockDocuments.fromLocationId))
      .leftJoin(toLoc, eq(toLoc.id, stockDocuments.toLocationId))
      .leftJoin(organizations, eq(organizations.id, stockDocuments.organizationId))
      .where(where)
      .orderBy(order(sortColumn), desc(stockDocuments.id))
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    ctx.db.select({ n: count() }).from(stockDocuments).where(where),
  ]);
  return { rows, total: total?.n ?? 0, page: query.page, size: query.size } satisfies Page<unknown>;
}

/** One document with its lines (product names and SKUs) and, for stocktakes, the variances. */
export async function getDocument(ctx: Ctx, id: string) {
  const { doc } = await findDocument(ctx, id);
  const [lines, locations, variances] = await Promise.all([
    ctx.db
      .select({
        id: stockDocumentLines.id,
        productId: stockDocumentLines.productId,
        sku: products.sku,
        nameZh: products.nameZh,
        nameEn: products.nameEn,
        serialized: products.serialized,
        quantity: stockDocumentLines.quantity,
        quantityDone: stockDocumentLines.quantityDone,
        quantityReceived: stockDocumentLines.quantityReceived,
        counted: stockDocumentLines.counted,
        serials: stockDocumentLines.serials,
        note: stockDocumentLines.note,
      })
      .from(stockDocumentLines)
      .innerJoin(products, eq(products.id, stockDocumentLines.productId))
      .where(eq(stockDocumentLines.documentId, id))
      .orderBy(...lineOrder),
    ctx.db
      .select({ id: stockLocations.id, code: stockLocations.code, nameZh: stockLocations.nameZh, nameEn: stockLocations.nameEn })
      .from(stockLocations)
      .where(or(eq(stockLocations.id, doc.fromLocationId ?? doc.id), eq(stockLocations.id, doc.toLocationId ?? doc.id))),
    doc.kind === "stocktake" && ctx.actor.kind === "staff" ? stocktakeVariances(ctx.db, id) : Promise.resolve([]),
  ]);
  const loc = (lid: string | null) => locations.find((l) => l.id === lid) ?? null;
  const costVisible = ctx.actor.kind === "staff";
  return {
    document: { ...doc, valueFen: costVisible ? doc.valueFen : null },
    from: loc(doc.fromLocationId),
    to: loc(doc.toLocationId),
    lines,
    variances: variances.map((v) => ({ lineId: v.lineId, variance: v.variance, valueFen: v.valueFen })),
  };
}

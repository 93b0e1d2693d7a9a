import { and, asc, count, desc, eq, ilike, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { invoiceLines, invoices, organizations, products, redLetterRequests, returnRequests, users, type RedLetterStatus } from "@cs/db";
import type { Ctx } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { likePattern, listQuerySchema, type Page } from "../shared/list-query";
import { isUuid } from "../shared/parse";
import { authorizeAccount } from "./finance-queries";
import { redLetterScope } from "./red-letter";

export const redLetterListQuery = listQuerySchema(["createdAt", "number", "totalFen"] as const, "createdAt").extend({
  dir: z.enum(["asc", "desc"]).catch("desc"),
  status: z.enum(["pending", "confirmed", "rejected", "all"]).catch("all"),
});
export type RedLetterListQuery = z.output<typeof redLetterListQuery>;

const original = alias(invoices, "original");
const creditNote = alias(invoices, "credit_note");

const rowFields = {
  id: redLetterRequests.id,
  number: redLetterRequests.number,
  partner: organizations.name,
  partnerCode: organizations.code,
  source: redLetterRequests.source,
  status: redLetterRequests.status,
  invoiceNumber: original.number,
  totalFen: redLetterRequests.totalFen,
  taxFen: redLetterRequests.taxFen,
  createdAt: redLetterRequests.createdAt,
  decidedAt: redLetterRequests.decidedAt,
};

export type RedLetterRow = { id: string; number: string; partner: string; partnerCode: string; source: string; status: RedLetterStatus; invoiceNumber: string; totalFen: bigint; taxFen: bigint; createdAt: Date; decidedAt: Date | null };

/** Red-letter requests the actor may see: finance its branches', a partner its own (to confirm). */
export async function listRedLetters(ctx: Ctx, query: RedLetterListQuery): Promise<Page<RedLetterRow>> {
  authorizeAccount(ctx.actor);
  const where = and(
    redLetterScope(ctx.actor),
    query.status === "all" ? undefined : eq(redLetterRequests.status, query.status),
    query.q ? or(ilike(redLetterRequests.number, likePattern(query.q)), ilike(original.number, likePattern(query.q)), ilike(organizations.name, likePattern(query.q))) : undefined,
  );
  const order = query.dir === "desc" ? desc : asc;
  const col = { createdAt: redLetterRequests.createdAt, number: redLetterRequests.number, totalFen: redLetterRequests.totalFen }[query.sort];
  const from = () =>
    ctx.db
      .select(rowFields)
      .from(redLetterRequests)
      .innerJoin(organizations, eq(organizations.id, redLetterRequests.organizationId))
      .innerJoin(original, eq(original.id, redLetterRequests.originalInvoiceId));
  const [rows, [total]] = await Promise.all([
    from().where(where).orderBy(order(col), desc(redLetterRequests.number)).limit(query.size).offset((query.page - 1) * query.size),
    ctx.db
      .select({ n: count() })
      .from(redLetterRequests)
      .innerJoin(organizations, eq(organizations.id, redLetterRequests.organizationId))
      .innerJoin(original, eq(original.id, redLetterRequests.originalInvoiceId))
      .where(where),
  ]);
  return { rows, total: total?.n ?? 0, page: query.page, size: query.size };
}

/** One request with its lines as they would be credited, its invoice, return and, once confirmed, its credit note. */
export async function getRedLetter(ctx: Ctx, id: string) {
  authorizeAccount(ctx.actor);
  if (!isUuid(id)) throw new NotFoundError("red_letter");
  const decider = alias(users, "decider");
  const [row] = await ctx.db
    .select({
      ...rowFields,
      netFen: redLetterRequests.netFen,
      originalInvoiceId: redLetterRequests.originalInvoiceId,
      rejectReason: redLetterRequests.rejectReason,
      returnNumber: returnRequests.number,
      returnId: redLetterRequests.returnId,
      creditNoteId: redLetterRequests.creditNoteId,
      creditNoteNumber: creditNote.number,
      decidedBy: decider.displayName,
      lines: redLetterRequests.lines,
    })
    .from(redLetterRequests)
    .innerJoin(organizations, eq(organizations.id, redLetterRequests.organizationId))
    .innerJoin(original, eq(original.id, redLetterRequests.originalInvoiceId))
    .leftJoin(returnRequests, eq(returnRequests.id, redLetterRequests.returnId))
    .leftJoin(creditNote, eq(creditNote.id, redLetterRequests.creditNoteId))
    .leftJoin(decider, eq(decider.id, redLetterRequests.decidedBy))
    .where(and(eq(redLetterRequests.id, id), redLetterScope(ctx.actor)));
  if (!row) throw new NotFoundError("red_letter");
  // the products and rates of the original invoice's lines, which the credit note will mirror
  const invoiced = await ctx.db
    .select({ orderLineId: invoiceLines.orderLineId, productId: invoiceLines.productId, sku: products.sku, nameZh: products.nameZh, nameEn: products.nameEn, taxRateBp: invoiceLines.taxRateBp })
    .from(invoiceLines)
    .innerJoin(products, eq(products.id, invoiceLines.productId))
    .where(eq(invoiceLines.invoiceId, row.originalInvoiceId));
  const stored = row.lines as { orderLineId: string | null; productId: string; quantity: number; unitPriceFen: string }[];
  const lines = stored.map((l, i) => {
    const inv = invoiced.find((x) => (l.orderLineId ? x.orderLineId === l.orderLineId : x.productId === l.productId)) ?? invoiced.find((x) => x.productId === l.productId);
    const unitPriceFen = BigInt(l.unitPriceFen);
    return { key: String(i), sku: inv?.sku ?? "", nameZh: inv?.nameZh ?? "", nameEn: inv?.nameEn ?? "", quantity: l.quantity, unitPriceFen, grossFen: unitPriceFen * BigInt(l.quantity), taxRateBp: inv?.taxRateBp ?? 0 };
  });
  const { lines: _stored, ...request } = row;
  return { request, lines };
}

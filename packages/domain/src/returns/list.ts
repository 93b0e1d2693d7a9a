import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { invoices, orders, organizations, returnRequests, returnStatuses } from "@cs/db";
import type { Ctx } from "../shared/context";
import { likePattern, listQuerySchema, type Page } from "../shared/list-query";
import { returnScope } from "./inputs";

export const returnSortKeys = ["createdAt", "number", "status"] as const;

export const returnListQuery = listQuerySchema(returnSortKeys, "createdAt").extend({
  status: z
    .preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()))
    .transform((list) => list.filter((x): x is (typeof returnStatuses)[number] => (returnStatuses as readonly string[]).includes(x))),
  dir: z.enum(["asc", "desc"]).catch("desc"),
});
export type ReturnListQuery = z.output<typeof returnListQuery>;

const creditNote = alias(invoices, "credit_note");

const columns = {
  id: returnRequests.id,
  number: returnRequests.number,
  status: returnRequests.status,
  reason: returnRequests.reason,
  createdAt: returnRequests.createdAt,
  toQuarantine: returnRequests.toQuarantine,
  orderId: returnRequests.orderId,
  orderNumber: orders.number,
  organizationName: organizations.name,
  creditNoteNumber: creditNote.number,
  creditNoteTotalFen: creditNote.totalFen,
  quantity: sql<number>`(select coalesce(sum(quantity), 0)::int from return_lines rl where rl.return_id = ${returnRequests.id})`,
};

const sortColumns = { createdAt: returnRequests.createdAt, number: returnRequests.number, status: returnRequests.status } satisfies Record<
  (typeof returnSortKeys)[number],
  unknown
>;

/**
 * Returns the actor may see, newest first by default: a partner its own, staff their branches' —
 * the back-office queue filters on status (requested to decide, approved to receive).
 */
export async function listReturns(ctx: Ctx, q: ReturnListQuery): Promise<Page<Awaited<ReturnType<typeof page>>[number]>> {
  const where = filters(ctx, q);
  const [rows, [total]] = await Promise.all([page(ctx, q, where), ctx.db.select({ n: count() }).from(returnRequests).innerJoin(orders, eq(orders.id, returnRequests.orderId)).where(where)]);
  return { rows, total: total?.n ?? 0, page: q.page, size: q.size };
}

function filters(ctx: Ctx, q: ReturnListQuery): SQL | undefined {
  const conditions: (SQL | undefined)[] = [returnScope(ctx.actor)];
  if (q.status.length) conditions.push(inArray(returnRequests.status, q.status));
  if (q.q) {
    const p = likePattern(q.q);
    conditions.push(or(ilike(returnRequests.number, p), ilike(orders.number, p)));
  }
  return and(...conditions);
}

function page(ctx: Ctx, q: ReturnListQuery, where: SQL | undefined) {
  const order = q.dir === "asc" ? asc : desc;
  return ctx.db
    .select(columns)
    .from(returnRequests)
    .innerJoin(orders, eq(orders.id, returnRequests.orderId))
    .innerJoin(organizations, eq(organizations.id, returnRequests.organizationId))
    .leftJoin(creditNote, eq(creditNote.id, returnRequests.creditNoteId))
    .where(where)
    .orderBy(order(sortColumns[q.sort]), order(returnRequests.id))
    .limit(q.size)
    .offset((q.page - 1) * q.size);
}

import { and, asc, count, desc, eq, ilike, or } from "drizzle-orm";
import { z } from "zod";
import { orders, orderStatuses, organizations } from "@cs/db";
import { orderScope } from "../access/scopes";
import type { Ctx } from "../shared/context";
import { likePattern, listQuerySchema, type Page } from "../shared/list-query";

export const listOrdersQuery = listQuerySchema(["submittedAt", "number", "total"], "submittedAt").extend({
  /** Newest first unless the user asks otherwise. */
  dir: z.enum(["asc", "desc"]).catch("desc"),
  status: z.enum(orderStatuses).optional().catch(undefined),
});
export type ListOrdersQuery = z.output<typeof listOrdersQuery>;

const sortColumns = { submittedAt: orders.submittedAt, number: orders.number, total: orders.totalFen } as const;

/**
 * The orders this actor may see (a partner: its own and those it supplies), filtered by status
 * and searched by order number or PO number, one page sorted in SQL. The buyer's index
 * (organization_id, submitted_at) serves a partner's list.
 */
export async function listOrders(ctx: Ctx, query: ListOrdersQuery): Promise<Page<ListedOrder>> {
  const conditions = [orderScope(ctx.actor), query.status ? eq(orders.status, query.status) : undefined];
  if (query.q) conditions.push(or(eq(orders.number, query.q.toUpperCase()), ilike(orders.poNumber, likePattern(query.q))));
  const where = and(...conditions);
  const order = query.dir === "asc" ? asc : desc;
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        id: orders.id,
        number: orders.number,
        status: orders.status,
        approvalReasons: orders.approvalReasons,
        poNumber: orders.poNumber,
        submittedAt: orders.submittedAt,
        requestedDate: orders.requestedDate,
        totalFen: orders.totalFen,
        currency: orders.currency,
        buyerId: orders.organizationId,
        buyerName: organizations.name,
        supplierId: orders.supplierId,
      })
      .from(orders)
      .innerJoin(organizations, eq(organizations.id, orders.organizationId))
      .where(where)
      .orderBy(order(sortColumns[query.sort]), order(orders.id))
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    ctx.db.select({ n: count() }).from(orders).where(where),
  ]);
  return { rows, total: total?.n ?? 0, page: query.page, size: query.size };
}

export type ListedOrder = {
  id: string;
  number: string;
  status: (typeof orderStatuses)[number];
  approvalReasons: string[];
  poNumber: string | null;
  submittedAt: Date;
  requestedDate: string | null;
  totalFen: bigint;
  currency: string;
  buyerId: string;
  buyerName: string;
  supplierId: string | null;
};

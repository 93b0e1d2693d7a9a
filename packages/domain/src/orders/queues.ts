import { and, asc, desc, eq, gte, ilike, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { DISTRIBUTOR_OWNER, orderLines, orders, orderStatuses, organizations, type OrderStatus } from "@cs/db";
import { orderScope } from "../access/scopes";
import { shanghaiDayEnd, shanghaiDayStart, shanghaiToday } from "../shared/dates";
import type { Ctx } from "../shared/context";
import { likePattern, listQuerySchema, type Page } from "../shared/list-query";

/**
 * The order desk's work queues. Each is a condition on `orders` that an index serves: the status
 * ones ride (owner_branch_id, status, submitted_at) or (status, submitted_at); the line-based ones
 * narrow to open statuses first and probe order_lines per order (backorders via the partial index).
 */
export const orderQueues = ["pending_approval", "to_allocate", "backorders", "to_ship", "overdue", "all"] as const;
export type OrderQueue = (typeof orderQueues)[number];

/** Every order status, for the desk's status filter. */
export const orderStatusList = orderStatuses;

/** Orders still on their way: they may be edited, shipped, allocated or be late. */
export const openStatuses = ["submitted", "pending_approval", "confirmed", "partially_shipped"] as const satisfies readonly OrderStatus[];
const shippingStatuses = ["confirmed", "partially_shipped"] as const satisfies readonly OrderStatus[];

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)))
  .optional()
  .catch(undefined);

export const orderQueueQuery = listQuerySchema(["submittedAt"], "submittedAt").extend({
  queue: z.enum(orderQueues).catch("all"),
  /** Newest first unless the user asks otherwise. */
  dir: z.enum(["asc", "desc"]).catch("desc"),
  status: z.enum(orderStatuses).optional().catch(undefined),
  branch: z.uuid().optional().catch(undefined),
  /** Submitted on or after / on or before, calendar days in Asia/Shanghai. */
  from: date,
  to: date,
});
export type OrderQueueQuery = z.output<typeof orderQueueQuery>;

const line = alias(orderLines, "ql");

const hasBackorder = sql`exists (select 1 from ${orderLines} ql where ql.order_id = ${orders.id} and ql.quantity_backordered > 0)`;

/**
 * A backordered line whose product now has free stock where this order is served from: the
 * distributor's warehouses, or the supplying master distributor's own locations.
 */
const canAllocate = sql`exists (
  select 1 from ${orderLines} ql
    join stock_levels s on s.product_id = ql.product_id and s.on_hand > s.reserved
    join stock_locations loc on loc.id = s.location_id
   where ql.order_id = ${orders.id} and ql.quantity_backordered > 0
     and case when ${orders.supplierId} is null
              then s.owner_id = ${DISTRIBUTOR_OWNER}::uuid and loc.kind = 'warehouse'
              else s.owner_id = ${orders.supplierId} and loc.organization_id = ${orders.supplierId} end)`;

const hasReserved = sql`exists (select 1 from ${orderLines} ql where ql.order_id = ${orders.id} and ql.quantity_reserved > 0)`;

/** The condition of one queue; `today` is the Shanghai calendar day that decides "overdue". */
export function queueCondition(queue: OrderQueue, today = shanghaiToday()): SQL | undefined {
  switch (queue) {
    case "pending_approval":
      return eq(orders.status, "pending_approval");
    case "to_allocate":
      return and(inArray(orders.status, shippingStatuses), canAllocate);
    case "backorders":
      return and(inArray(orders.status, shippingStatuses), hasBackorder);
    case "to_ship":
      return and(inArray(orders.status, shippingStatuses), hasReserved);
    case "overdue":
      return and(inArray(orders.status, openStatuses), lt(orders.requestedDate, today));
    case "all":
      return undefined;
  }
}

/** Midnight of a Shanghai calendar day as an instant. */

/** `suppliedBy`: only the orders this master distributor supplies (its fulfilment list). */
export type QueueOptions = { suppliedBy?: string };

function filters(ctx: Ctx, q: OrderQueueQuery, options: QueueOptions = {}): SQL | undefined {
  const conditions: (SQL | undefined)[] = [orderScope(ctx.actor), queueCondition(q.queue)];
  if (options.suppliedBy) conditions.push(eq(orders.supplierId, options.suppliedBy));
  if (q.status) conditions.push(eq(orders.status, q.status));
  if (q.branch) conditions.push(eq(orders.ownerBranchId, q.branch));
  if (q.from) conditions.push(gte(orders.submittedAt, shanghaiDayStart(q.from)));
  if (q.to) conditions.push(lt(orders.submittedAt, shanghaiDayEnd(q.to)));
  if (q.q) {
    // An order number, or a buyer by name or code. Written as one OR with an IN (subquery), the
    // buyers become a hashed set checked while walking the date index newest first: 60–80 ms for a
    // word half the buyers share on 1M orders (the = any(array(…)) form took 1.3 s, a semi-join 3.6 s).
    const p = likePattern(q.q);
    conditions.push(
      or(
        eq(orders.number, q.q.toUpperCase()),
        sql`${orders.organizationId} in (select id from ${organizations} where ${or(ilike(organizations.name, p), ilike(organizations.code, p))})`,
      ),
    );
  }
  return and(...conditions);
}

const buyer = alias(organizations, "buyer");
const branch = alias(organizations, "branch");
const supplier = alias(organizations, "supplier");

function pageQuery(ctx: Ctx) {
  return ctx.db
    .select({
      id: orders.id,
      number: orders.number,
      status: orders.status,
      approvalReasons: orders.approvalReasons,
      submittedAt: orders.submittedAt,
      requestedDate: orders.requestedDate,
      poNumber: orders.poNumber,
      currency: orders.currency,
      totalFen: orders.totalFen,
      buyerId: orders.organizationId,
      buyerCode: buyer.code,
      buyerName: buyer.name,
      branchName: branch.name,
      supplierName: supplier.name,
    })
    .from(orders)
    .innerJoin(buyer, eq(buyer.id, orders.organizationId))
    .leftJoin(branch, eq(branch.id, orders.ownerBranchId))
    .leftJoin(supplier, eq(supplier.id, orders.supplierId));
}

type QueueRowBase = Awaited<ReturnType<ReturnType<typeof pageQuery>["execute"]>>[number];
export type OrderQueueRow = QueueRowBase & { lines: number; reserved: number; backordered: number; shipped: number };

/**
 * Totals stop at this many orders ("10,000+"): counting a quarter of a million matching rows costs
 * more than the page itself, and nobody pages that deep instead of filtering (docs/decisions).
 */
export const TOTAL_CAP = 10_000;

async function countUpTo(ctx: Ctx, where: SQL | undefined, cap: number) {
  const [row] = await ctx.db.execute<{ n: number }>(
    sql`select count(*)::int as n from (select 1 from ${orders} where ${where ?? sql`true`} limit ${cap + 1}) capped`,
  );
  return Number(row?.n ?? 0);
}

/**
 * One page of an order desk queue, newest first by default, with the total for the pager. The
 * line quantities of the page's orders come from one grouped query over just those ids.
 */
export async function listOrderQueue(
  ctx: Ctx,
  query: OrderQueueQuery,
  options: QueueOptions = {},
): Promise<Page<OrderQueueRow> & { totalCapped: boolean }> {
  const where = filters(ctx, query, options);
  const order = query.dir === "asc" ? asc : desc;
  const [rows, total] = await Promise.all([
    pageQuery(ctx)
      .where(where)
      .orderBy(order(orders.submittedAt), order(orders.id))
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    countUpTo(ctx, where, TOTAL_CAP),
  ]);
  const sums = new Map<string, { lines: number; reserved: number; backordered: number; shipped: number }>();
  if (rows.length > 0) {
    const grouped = await ctx.db
      .select({
        orderId: line.orderId,
        lines: sql<number>`count(*)::int`,
        reserved: sql<number>`sum(${line.quantityReserved})::int`,
        backordered: sql<number>`sum(${line.quantityBackordered})::int`,
        shipped: sql<number>`sum(${line.quantityShipped})::int`,
      })
      .from(line)
      .where(inArray(line.orderId, rows.map((r) => r.id)))
      .groupBy(line.orderId);
    for (const g of grouped) sums.set(g.orderId, g);
  }
  return {
    rows: rows.map((r) => ({ ...r, ...(sums.get(r.id) ?? { lines: 0, reserved: 0, backordered: 0, shipped: 0 }) })),
    total: Math.min(total, TOTAL_CAP),
    totalCapped: total > TOTAL_CAP,
    page: query.page,
    size: query.size,
  };
}

/** The working queues' sizes for the tabs (not "all": counting every order helps nobody). */
export type OrderQueueCounts = Record<Exclude<OrderQueue, "all">, number>;

/**
 * How many orders wait in each working queue for this actor (optionally one branch): one
 * statement of scalar counts, each served by its own index.
 */
export async function countOrderQueues(ctx: Ctx, options: QueueOptions & { branch?: string } = {}): Promise<OrderQueueCounts> {
  const today = shanghaiToday();
  const base = and(
    orderScope(ctx.actor),
    options.branch ? eq(orders.ownerBranchId, options.branch) : undefined,
    options.suppliedBy ? eq(orders.supplierId, options.suppliedBy) : undefined,
  );
  const countOf = (queue: OrderQueue) => sql`(select count(*)::int from ${orders} where ${and(base, queueCondition(queue, today))})`;
  const [row] = await ctx.db.execute<Record<string, number>>(sql`
    select ${countOf("pending_approval")} as pending_approval, ${countOf("to_allocate")} as to_allocate,
           ${countOf("backorders")} as backorders, ${countOf("to_ship")} as to_ship, ${countOf("overdue")} as overdue`);
  return {
    pending_approval: Number(row?.pending_approval ?? 0),
    to_allocate: Number(row?.to_allocate ?? 0),
    backorders: Number(row?.backorders ?? 0),
    to_ship: Number(row?.to_ship ?? 0),
    overdue: Number(row?.overdue ?? 0),
  };
}

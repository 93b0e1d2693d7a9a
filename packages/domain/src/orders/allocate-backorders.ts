import { and, asc, eq, gt, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { orderLines, orders, organizations, type Transaction } from "@cs/db";
import type { Actor } from "../access/actor";
import { authorize } from "../access/authorize";
import { orderScope } from "../access/scopes";
import { warehousesServing } from "../inventory/availability";
import { reserve } from "../inventory/reservation";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { ForbiddenError } from "../shared/errors";
import { isUuid, parseInput } from "../shared/parse";
import { recordOrderEvent } from "../notifications/order-events";
import { orderRef } from "./reserve-lines";

const allocateInput = z.object({
  productIds: z.array(z.string().refine(isUuid, "validation.invalid")).max(500).optional(),
  /** Orders looked at per call, oldest first; the desk calls again for the rest. */
  limit: z.number().int().min(1).max(1000).default(200),
});

export type AllocationResult = { orders: number; units: number; allocated: { orderId: string; productId: string; quantity: number }[] };

/**
 * Reserves arrived stock for backordered lines, first come first served by submission time: each
 * order (the distributor's, confirmed or partly shipped, buyer not on credit hold, in the actor's
 * scope) takes what its warehouses have before the next order gets a turn. Master distributors
 * allocate their own orders from their own stock.
 */
export async function allocateBackorders(ctx: Ctx, raw: { productIds?: string[]; limit?: number } = {}): Promise<AllocationResult> {
  authorize(ctx.actor, "order:manage");
  if (ctx.actor.kind !== "staff") throw new ForbiddenError("order:manage");
  const input = parseInput(allocateInput, raw);
  return inTransaction(ctx, (tx) => allocateIn(tx, ctx.actor, orderScope(ctx.actor), input));
}

/**
 * Stock has just arrived (a receipt or transfer posted in `tx`): the distributor's backorders for
 * those products take it, first come first served, whoever booked the goods. Runs in the posting's
 * transaction, so arrival and allocation commit together; orders another transaction holds are
 * skipped and stay in the desk's to-allocate queue.
 */
export async function allocateArrivedStock(tx: Transaction, actor: Actor, productIds: string[]): Promise<AllocationResult> {
  const unique = [...new Set(productIds)].filter(isUuid);
  if (unique.length === 0) return { orders: 0, units: 0, allocated: [] };
  return allocateIn(tx, actor, sql`true`, { productIds: unique, limit: 200 });
}

async function allocateIn(tx: Transaction, actor: Actor, scope: SQL, input: { productIds?: string[]; limit: number }): Promise<AllocationResult> {
  const waiting = await tx
    .select({ id: orders.id, ownerBranchId: orders.ownerBranchId, status: orders.status })
    .from(orders)
    .innerJoin(organizations, eq(organizations.id, orders.organizationId))
    .where(
      and(
        scope,
        inArray(orders.status, ["confirmed", "partially_shipped"]),
        isNull(orders.supplierId),
        eq(organizations.creditHold, false),
        sql`exists (select 1 from ${orderLines} bl where bl.order_id = ${orders.id} and bl.quantity_backordered > 0
                    ${input.productIds?.length ? sql`and bl.product_id = any(${`{${input.productIds.join(",")}}`}::uuid[])` : sql``})`,
      ),
    )
    .orderBy(asc(orders.submittedAt), asc(orders.id))
    .limit(input.limit)
    .for("update", { of: orders, skipLocked: true });
  const result: AllocationResult = { orders: 0, units: 0, allocated: [] };
  const warehouses = new Map<string | null, string[]>();
  for (const order of waiting) {
    const lines = await tx
      .select({ id: orderLines.id, productId: orderLines.productId, backordered: orderLines.quantityBackordered })
      .from(orderLines)
      .where(
        and(
          eq(orderLines.orderId, order.id),
          gt(orderLines.quantityBackordered, 0),
          input.productIds?.length ? inArray(orderLines.productId, input.productIds) : undefined,
        ),
      );
    if (!warehouses.has(order.ownerBranchId)) warehouses.set(order.ownerBranchId, await warehousesServing(tx, order.ownerBranchId));
    const got = await reserve(tx, orderRef(order.id), lines.map((l) => ({ productId: l.productId, quantity: l.backordered })), warehouses.get(order.ownerBranchId)!);
    const taken = new Map(got.filter((g) => g.reserved > 0).map((g) => [g.productId, g.reserved]));
    if (taken.size === 0) continue;
    const rows = lines.filter((l) => taken.has(l.productId)).map((l) => ({ id: l.id, q: taken.get(l.productId)! }));
    await tx.execute(sql`
      update order_lines l set quantity_reserved = l.quantity_reserved + v.q, quantity_backordered = l.quantity_backordered - v.q
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id uuid, q int) where l.id = v.id`);
    const allocated = lines.filter((l) => taken.has(l.productId)).map((l) => ({ orderId: order.id, productId: l.productId, quantity: taken.get(l.productId)! }));
    await recordOrderEvent(tx, { orderId: order.id, action: "allocated", fromStatus: order.status, toStatus: order.status, actorId: actor.userId, details: { allocated } });
    result.orders += 1;
    result.units += allocated.reduce((s, a) => s + a.quantity, 0);
    result.allocated.push(...allocated);
  }
  if (result.orders > 0)
    await recordAudit(tx, actor, { action: "order.allocate", entity: "order_allocation", entityId: actor.userId, after: { orders: result.orders, units: result.units, allocated: result.allocated } });
  return result;
}

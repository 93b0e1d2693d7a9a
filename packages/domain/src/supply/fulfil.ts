import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { orderLines, orders, organizations, stockLevels, stockLocations, type Transaction } from "@cs/db";
import type { Actor } from "../access/actor";
import { authorize } from "../access/authorize";
import { reserve } from "../inventory/reservation";
import { recordOrderEvent } from "../notifications/order-events";
import { getOrder } from "../orders/get-order";
import { lockOrder } from "../orders/load";
import { countOrderQueues, listOrderQueue, type OrderQueueQuery } from "../orders/queues";
import { orderRef } from "../orders/reserve-lines";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { ConflictError, ForbiddenError, NotFoundError } from "../shared/errors";
import { keyOf, once } from "../shared/idempotency";
import { parseInput } from "../shared/parse";
import { strictNumber } from "../validation/fields";

/** The master distributor acting, or ForbiddenError: only a partner with supplied_order:fulfil fulfils. */
function supplierOf(actor: Actor): string {
  authorize(actor, "supplied_order:fulfil");
  if (actor.kind !== "partner" || !actor.organizationId) throw new ForbiddenError("supplied_order:fulfil");
  return actor.organizationId;
}

/** The orders this master distributor supplies, as a queue page (backorders = to confirm, to_ship, all). */
export async function listSuppliedOrders(ctx: Ctx, query: OrderQueueQuery) {
  const suppliedBy = supplierOf(ctx.actor);
  const [page, counts] = await Promise.all([listOrderQueue(ctx, query, { suppliedBy }), countOrderQueues(ctx, { suppliedBy })]);
  return { page, counts };
}

/** Where a master distributor's own goods are: its virtual stock location(s). */
async function ownLocations(db: Ctx["db"], supplierId: string) {
  return db
    .select({ id: stockLocations.id, code: stockLocations.code, nameZh: stockLocations.nameZh, nameEn: stockLocations.nameEn })
    .from(stockLocations)
    .where(and(eq(stockLocations.organizationId, supplierId), eq(stockLocations.kind, "partner_virtual"), eq(stockLocations.active, true)))
    .orderBy(asc(stockLocations.code));
}

/**
 * One supplied order for its supplier: the order (getOrder, scoped), the supplier's locations and
 * its free own stock of the order's products there, so the page can say what it can confirm.
 */
export async function getSuppliedOrder(ctx: Ctx, orderId: string) {
  const supplierId = supplierOf(ctx.actor);
  const detail = await getOrder(ctx, orderId);
  if (detail.order.supplierId !== supplierId) throw new NotFoundError("order");
  const locations = await ownLocations(ctx.db, supplierId);
  const productIds = [...new Set(detail.lines.map((l) => l.productId))];
  const free =
    locations.length && productIds.length
      ? await ctx.db
          .select({ productId: stockLevels.productId, free: sql<number>`sum(${stockLevels.onHand} - ${stockLevels.reserved})::int` })
          .from(stockLevels)
          .where(
            and(
              eq(stockLevels.ownerId, supplierId),
              inArray(stockLevels.locationId, locations.map((l) => l.id)),
              inArray(stockLevels.productId, productIds),
            ),
          )
          .groupBy(stockLevels.productId)
      : [];
  return { ...detail, locations, freeByProduct: Object.fromEntries(free.map((f) => [f.productId, Number(f.free)])) as Record<string, number> };
}

const confirmInput = z.object({
  orderId: z.string(),
  version: strictNumber(z.number({ error: "validation.invalid" }).int()),
});

export type SupplierConfirmation = { reserved: number; backordered: number; cancelled: number; version: number };

/**
 * The master distributor confirms a supplied order from its own stock: each backordered quantity is
 * reserved from the goods it owns at its virtual stock location(s) through the shared reserve()
 * (owner = the supplier, same single locking statement). What it cannot cover stays backordered,
 * or is cancelled when the buyer takes partial deliveries ('ship_available'). A retry after success
 * finds nothing backordered and changes nothing; a stale page (other version) with work left is a
 * conflict. Orders still waiting for the distributor (approval, credit hold) are not its to confirm.
 */
export async function confirmSuppliedOrder(ctx: Ctx, raw: { orderId: string; version: unknown; _key?: unknown }): Promise<SupplierConfirmation> {
  const supplierId = supplierOf(ctx.actor);
  const input = parseInput(confirmInput, raw);
  return inTransaction(ctx, async (tx) => {
    const { result } = await once(tx, ctx.actor, keyOf(raw), input, () => confirmOnce(tx, ctx.actor, input, supplierId));
    return result;
  });
}

async function confirmOnce(tx: Transaction, actor: Actor, input: z.output<typeof confirmInput>, supplierId: string): Promise<SupplierConfirmation> {
  const order = await lockOrder(tx, actor, input.orderId);
  if (order.supplierId !== supplierId) throw new NotFoundError("order");
  if (order.status !== "confirmed" && order.status !== "partially_shipped") throw new ConflictError("supply.errors.notConfirmable");
  const lines = await tx
    .select({ id: orderLines.id, productId: orderLines.productId, backordered: orderLines.quantityBackordered })
    .from(orderLines)
    .where(and(eq(orderLines.orderId, order.id), gt(orderLines.quantityBackordered, 0)))
    .orderBy(asc(orderLines.lineNo));
  if (lines.length === 0) return { reserved: 0, backordered: 0, cancelled: 0, version: order.version };
  if (order.version !== input.version) throw new ConflictError("errors.staleEdit");
  const [buyer] = await tx
    .select({ creditHold: organizations.creditHold, policy: organizations.backorderPolicy })
    .from(organizations)
    .where(eq(organizations.id, order.organizationId));
  if (buyer?.creditHold) throw new ConflictError("supply.errors.creditHold");
  return confirmFromStock(tx, actor, order, lines, supplierId, buyer?.policy === "ship_available");
}

async function confirmFromStock(
  tx: Transaction,
  actor: Actor,
  order: { id: string; status: "confirmed" | "partially_shipped" | string; version: number },
  lines: { id: string; productId: string; backordered: number }[],
  supplierId: string,
  cancelShort: boolean,
): Promise<SupplierConfirmation> {
  const locationIds = (await ownLocations(tx, supplierId)).map((l) => l.id);
  const got = locationIds.length
    ? await reserve(tx, orderRef(order.id), lines.map((l) => ({ productId: l.productId, quantity: l.backordered })), locationIds, supplierId)
    : [];
  // Several lines of one product share what reserve() took for it, first line first.
  const left = new Map(got.map((g) => [g.productId, g.reserved]));
  const rows = lines.map((l) => {
    const take = Math.min(l.backordered, left.get(l.productId) ?? 0);
    left.set(l.productId, (left.get(l.productId) ?? 0) - take);
    const short = l.backordered - take;
    return { id: l.id, productId: l.productId, r: take, b: cancelShort ? 0 : short, c: cancelShort ? short : 0 };
  });
  await tx.execute(sql`
    update order_lines l
       set quantity_reserved = l.quantity_reserved + v.r, quantity_backordered = v.b, quantity_cancelled = l.quantity_cancelled + v.c
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id uuid, r int, b int, c int)
     where l.id = v.id`);
  const [updated] = await tx
    .update(orders)
    .set({ updatedAt: new Date(), version: sql`${orders.version} + 1` })
    .where(eq(orders.id, order.id))
    .returning({ version: orders.version });
  const sum = (k: "r" | "b" | "c") => rows.reduce((s, r) => s + r[k], 0);
  const result = { reserved: sum("r"), backordered: sum("b"), cancelled: sum("c"), version: updated!.version };
  const details = { supplierId, lines: rows.map((r) => ({ productId: r.productId, reserved: r.r, backordered: r.b, cancelled: r.c })) };
  const status = order.status as "confirmed" | "partially_shipped";
  await recordOrderEvent(tx, { orderId: order.id, action: "allocated", fromStatus: status, toStatus: status, actorId: actor.userId, details });
  await recordAudit(tx, actor, { action: "order.supplier_confirm", entity: "order", entityId: order.id, after: { ...result, ...details } });
  return result;
}

/** Whether to offer "orders to fulfil": a partner with supplied_order:fulfil whose organization is a master distributor. */
export async function mayFulfil(ctx: Ctx): Promise<boolean> {
  const a = ctx.actor;
  if (a.kind !== "partner" || !a.organizationId || !a.permissions.has("supplied_order:fulfil")) return false;
  const [row] = await ctx.db.select({ kind: organizations.kind }).from(organizations).where(eq(organizations.id, a.organizationId));
  return row?.kind === "master_distributor";
}

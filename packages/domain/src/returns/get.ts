import { and, asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { invoices, orderLines, orders, organizations, products, redLetterRequests, returnLines, returnRequests, stockLocations, users } from "@cs/db";
import { can } from "../access/authorize";
import { orderScope, stockLocationScope } from "../access/scopes";
import { locationOption } from "../inventory/views/locations";
import type { Ctx } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { isUuid } from "../shared/parse";
import { returnScope } from "./inputs";
import { returnableLines } from "./returnable";

const requester = alias(users, "requester");
const decider = alias(users, "decider");
const original = alias(invoices, "original");

/** One return with its lines, who asked and decided, where it went and its credit note; 404 out of scope. */
export async function getReturn(ctx: Ctx, returnId: string) {
  if (!isUuid(returnId)) throw new NotFoundError("return");
  const [row] = await ctx.db
    .select({
      ret: returnRequests,
      orderNumber: orders.number,
      organizationName: organizations.name,
      requestedByName: requester.displayName,
      decidedByName: decider.displayName,
      locationCode: stockLocations.code,
      locationNameZh: stockLocations.nameZh,
      locationNameEn: stockLocations.nameEn,
    })
    .from(returnRequests)
    .innerJoin(orders, eq(orders.id, returnRequests.orderId))
    .innerJoin(organizations, eq(organizations.id, returnRequests.organizationId))
    .leftJoin(requester, eq(requester.id, returnRequests.requestedBy))
    .leftJoin(decider, eq(decider.id, returnRequests.decidedBy))
    .leftJoin(stockLocations, eq(stockLocations.id, returnRequests.receivedLocationId))
    .where(and(eq(returnRequests.id, returnId), returnScope(ctx.actor)));
  if (!row) throw new NotFoundError("return");
  const lines = await ctx.db
    .select({
      id: returnLines.id,
      lineNo: orderLines.lineNo,
      sku: products.sku,
      nameZh: products.nameZh,
      nameEn: products.nameEn,
      quantity: returnLines.quantity,
      serials: returnLines.serials,
      unitPriceFen: orderLines.unitPriceFen,
      invoiceNumber: original.number,
    })
    .from(returnLines)
    .innerJoin(orderLines, eq(orderLines.id, returnLines.orderLineId))
    .innerJoin(products, eq(products.id, returnLines.productId))
    .leftJoin(original, eq(original.id, returnLines.invoiceId))
    .where(eq(returnLines.returnId, row.ret.id))
    .orderBy(asc(orderLines.lineNo));
  // one credit note per invoice the returned lines were billed on
  const creditNotes = await ctx.db
    .select({ id: invoices.id, number: invoices.number, netFen: invoices.netFen, taxFen: invoices.taxFen, totalFen: invoices.totalFen, settledFen: invoices.settledFen })
    .from(invoices)
    .where(and(eq(invoices.kind, "credit_note"), eq(invoices.returnId, row.ret.id), eq(invoices.organizationId, row.ret.organizationId)))
    .orderBy(asc(invoices.number));
  // the red-letter requests the receipt raised, waiting for (or decided by) the buyer
  const redLetters = await ctx.db
    .select({ id: redLetterRequests.id, number: redLetterRequests.number, status: redLetterRequests.status, totalFen: redLetterRequests.totalFen, taxFen: redLetterRequests.taxFen })
    .from(redLetterRequests)
    .where(and(eq(redLetterRequests.returnId, row.ret.id), eq(redLetterRequests.organizationId, row.ret.organizationId)))
    .orderBy(asc(redLetterRequests.number));
  return { ...row, lines, creditNotes, redLetters };
}

/** What the portal's request form needs: the buyer's own order and its lines that can still come back. */
export async function getReturnForm(ctx: Ctx, orderId: string) {
  if (!isUuid(orderId) || !ctx.actor.organizationId || !can(ctx.actor, "own_return:request")) throw new NotFoundError("order");
  const [order] = await ctx.db
    .select({ id: orders.id, number: orders.number, status: orders.status, submittedAt: orders.submittedAt })
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.organizationId, ctx.actor.organizationId), orderScope(ctx.actor)));
  if (!order) throw new NotFoundError("order");
  return { order, lines: await returnableLines(ctx.db, order.id) };
}

/** The buyer's orders with something still returnable, newest first, for the portal's "return goods" picker. */
export async function listReturnableOrders(ctx: Ctx, limit = 50) {
  if (!ctx.actor.organizationId || !can(ctx.actor, "own_return:request")) return [];
  return ctx.db
    .select({ id: orders.id, number: orders.number, status: orders.status, submittedAt: orders.submittedAt })
    .from(orders)
    .where(
      and(
        eq(orders.organizationId, ctx.actor.organizationId),
        orderScope(ctx.actor),
        sql`exists (select 1 from order_lines l join products p on p.id = l.product_id
                     where l.order_id = ${orders.id} and l.quantity_shipped > l.quantity_returned and p.extended_warranty_months is null)`,
      ),
    )
    .orderBy(sql`${orders.submittedAt} desc`)
    .limit(limit);
}

/** Where the warehouse may receive returns: our warehouses and quarantine locations in its scope. */
export async function listReturnDestinations(ctx: Ctx) {
  if (!can(ctx.actor, "stock:move")) return [];
  return ctx.db
    .select(locationOption)
    .from(stockLocations)
    .where(
      and(
        sql`${stockLocations.kind} in ('warehouse', 'quarantine')`,
        sql`${stockLocations.organizationId} is null`,
        eq(stockLocations.active, true),
        stockLocationScope(ctx.actor),
      ),
    )
    .orderBy(stockLocations.kind, stockLocations.code);
}

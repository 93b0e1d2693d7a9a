import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { couponRedemptions, coupons, dealRegistrations, invoices, orderEvents, orderLines, orders, orderSubmissions, organizations, products, shipmentLines, shipments, users } from "@cs/db";
import { orderScope, tenantScope } from "../access/scopes";
import type { Ctx } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { isUuid } from "../shared/parse";

const buyer = alias(organizations, "buyer");
const supplier = alias(organizations, "supplier");

/**
 * One order as its buyer, its supplying master distributor or the order desk sees it: lines with
 * the price reason and quantity buckets, the timeline with who did what, and the shipments (with
 * tracking) and invoices made so far. Out of scope answers NotFoundError.
 */
export async function getOrder(ctx: Ctx, orderId: string) {
  if (!isUuid(orderId)) throw new NotFoundError("order");
  const [row] = await ctx.db
    .select({
      order: orders,
      buyerName: buyer.name,
      buyerCode: buyer.code,
      supplierName: supplier.name,
      placedByName: users.displayName,
      dealNumber: dealRegistrations.number,
      dealCustomer: dealRegistrations.customerName,
    })
    .from(orders)
    .innerJoin(buyer, eq(buyer.id, orders.organizationId))
    .leftJoin(supplier, eq(supplier.id, orders.supplierId))
    .leftJoin(users, eq(users.id, orders.placedBy))
    // the registration is the buyer's own (checkoutDeal), so whoever sees the order may see which one it is
    .leftJoin(dealRegistrations, eq(dealRegistrations.id, orders.dealRegistrationId))
    .where(and(eq(orders.id, orderId), orderScope(ctx.actor)));
  if (!row) throw new NotFoundError("order");
  const [lines, events, shipped, invoiced, siblings] = await Promise.all([
    ctx.db
      .select({ line: orderLines, sku: products.sku, nameZh: products.nameZh, nameEn: products.nameEn, unit: products.unit })
      .from(orderLines)
      .innerJoin(products, eq(products.id, orderLines.productId))
      .where(eq(orderLines.orderId, orderId))
      .orderBy(asc(orderLines.lineNo)),
    ctx.db
      .select({
        id: orderEvents.id,
        action: orderEvents.action,
        fromStatus: orderEvents.fromStatus,
        toStatus: orderEvents.toStatus,
        comment: orderEvents.comment,
        details: orderEvents.details,
        createdAt: orderEvents.createdAt,
        actorName: users.displayName,
        actorKind: users.kind,
      })
      .from(orderEvents)
      .leftJoin(users, eq(users.id, orderEvents.actorId))
      .where(eq(orderEvents.orderId, orderId))
      .orderBy(asc(orderEvents.id)),
    ctx.db
      .select({
        id: shipments.id,
        number: shipments.number,
        status: shipments.status,
        carrier: shipments.carrier,
        trackingNumber: shipments.trackingNumber,
        shippedAt: shipments.shippedAt,
        deliveredAt: shipments.deliveredAt,
      })
      .from(shipments)
      .where(and(eq(shipments.orderId, orderId), tenantScope(ctx.actor, shipments, { staff: "order:read", partner: "own_order:read" })))
      .orderBy(asc(shipments.shippedAt)),
    ctx.db
      .select({
        id: invoices.id,
        kind: invoices.kind,
        number: invoices.number,
        issuedOn: invoices.issuedOn,
        dueOn: invoices.dueOn,
        totalFen: invoices.totalFen,
        taxFen: invoices.taxFen,
        settledFen: invoices.settledFen,
        shipmentId: invoices.shipmentId,
      })
      .from(invoices)
      .where(and(eq(invoices.orderId, orderId), tenantScope(ctx.actor, invoices, { staff: "invoice:read", partner: "own_order:read" })))
      .orderBy(asc(invoices.issuedOn), asc(invoices.number)),
    // The other orders the same checkout made (split per supplier).
    ctx.db
      .select({ id: orders.id, number: orders.number })
      .from(orderSubmissions)
      .innerJoin(orders, sql`${orders.id} = any(${orderSubmissions.orderIds})`)
      .where(
        and(
          eq(orderSubmissions.organizationId, row.order.organizationId),
          sql`${orderId}::uuid = any(${orderSubmissions.orderIds})`,
          ne(orders.id, orderId),
          orderScope(ctx.actor),
        ),
      )
      .orderBy(asc(orders.number)),
  ]);
  // The coupon that discounted the order: its code and description are the discount's reason.
  const [coupon] =
    row.order.couponDiscountFen > 0n
      ? await ctx.db
          .select({ code: coupons.code, description: coupons.description, releasedAt: couponRedemptions.releasedAt })
          .from(couponRedemptions)
          .innerJoin(coupons, eq(coupons.id, couponRedemptions.couponId))
          .where(eq(couponRedemptions.orderId, orderId))
      : [];
  const shipmentIds = shipped.map((s) => s.id);
  const shippedLines = shipmentIds.length
    ? await ctx.db
        .select({ shipmentId: shipmentLines.shipmentId, sku: products.sku, quantity: shipmentLines.quantity, serials: shipmentLines.serials })
        .from(shipmentLines)
        .innerJoin(products, eq(products.id, shipmentLines.productId))
        .where(inArray(shipmentLines.shipmentId, shipmentIds))
    : [];
  return {
    order: row.order,
    buyer: { name: row.buyerName, code: row.buyerCode },
    supplierName: row.supplierName,
    placedByName: row.placedByName,
    deal: row.order.dealRegistrationId && row.dealNumber ? { id: row.order.dealRegistrationId, number: row.dealNumber, customerName: row.dealCustomer ?? "" } : null,
    lines: lines.map((l) => ({ ...l.line, sku: l.sku, nameZh: l.nameZh, nameEn: l.nameEn, unit: l.unit })),
    events,
    shipments: shipped.map((s) => ({ ...s, lines: shippedLines.filter((l) => l.shipmentId === s.id) })),
    invoices: invoiced,
    siblings,
    coupon: coupon ?? null,
  };
}

export type OrderDetail = Awaited<ReturnType<typeof getOrder>>;

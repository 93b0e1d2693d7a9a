import { and, asc, count, desc, eq, ilike, inArray, isNull, or, sql } from "drizzle-orm";
import { z } from "zod";
import { invoices, orderLines, orders, organizations, products, serialNumbers, shipmentLines, shipments, stockLocations } from "@cs/db";
import { authorize, can } from "../access/authorize";
import { orderScope, stockLocationScope, tenantScope } from "../access/scopes";
import type { Ctx } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { likePattern, listQuerySchema, type Page } from "../shared/list-query";
import { isUuid } from "../shared/parse";

export const toShipQuery = listQuerySchema(["submittedAt", "number"] as const, "submittedAt");
export type ToShipQuery = z.output<typeof toShipQuery>;

/** The warehouse queue: our confirmed or partly shipped orders in the actor's branches with units still reserved. */
export async function listOrdersToShip(ctx: Ctx, query: ToShipQuery) {
  authorize(ctx.actor, "shipment:create");
  const where = and(
    orderScope(ctx.actor),
    inArray(orders.status, ["confirmed", "partially_shipped"]),
    isNull(orders.supplierId),
    sql`exists (select 1 from order_lines l where l.order_id = ${orders.id} and l.quantity_reserved > 0)`,
    query.q ? or(ilike(orders.number, likePattern(query.q)), ilike(organizations.name, likePattern(query.q))) : undefined,
  );
  const order = query.dir === "desc" ? desc : asc;
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        id: orders.id,
        number: orders.number,
        status: orders.status,
        buyer: organizations.name,
        buyerCode: organizations.code,
        creditHold: organizations.creditHold,
        submittedAt: orders.submittedAt,
        requestedDate: orders.requestedDate,
        reserved: sql<number>`(select coalesce(sum(l.quantity_reserved), 0)::int from order_lines l where l.order_id = ${orders.id})`,
        backordered: sql<number>`(select coalesce(sum(l.quantity_backordered), 0)::int from order_lines l where l.order_id = ${orders.id})`,
      })
      .from(orders)
      .innerJoin(organizations, eq(organizations.id, orders.organizationId))
      .where(where)
      .orderBy(order(query.sort === "number" ? orders.number : orders.submittedAt), desc(orders.id))
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    ctx.db.select({ n: count() }).from(orders).innerJoin(organizations, eq(organizations.id, orders.organizationId)).where(where),
  ]);
  return { rows, total: total?.n ?? 0, page: query.page, size: query.size } satisfies Page<unknown>;
}

/**
 * What the shipment form needs: the order, its lines, and per location the units the order holds
 * there (only locations the actor may ship from), with the serials in stock for serialized lines.
 */
export async function shipmentForm(ctx: Ctx, orderId: string) {
  const supplier = ctx.actor.kind === "partner";
  authorize(ctx.actor, supplier ? "supplied_order:fulfil" : "shipment:create");
  if (!isUuid(orderId)) throw new NotFoundError("order");
  const [order] = await ctx.db
    .select({ order: orders, buyer: organizations.name, creditHold: organizations.creditHold })
    .from(orders)
    .innerJoin(organizations, eq(organizations.id, orders.organizationId))
    .where(and(eq(orders.id, orderId), orderScope(ctx.actor), supplier ? eq(orders.supplierId, ctx.actor.organizationId!) : isNull(orders.supplierId)));
  if (!order) throw new NotFoundError("order");
  const lines = await ctx.db
    .select({
      id: orderLines.id,
      lineNo: orderLines.lineNo,
      productId: orderLines.productId,
      sku: products.sku,
      nameZh: products.nameZh,
      nameEn: products.nameEn,
      serialized: products.serialized,
      /** An extended warranty (decision 006): shipped without stock, from any location the shipper may use. */
      service: sql<boolean>`${products.extendedWarrantyMonths} is not null`,
      coveredSerials: orderLines.coveredSerials,
      quantity: orderLines.quantity,
      reserved: orderLines.quantityReserved,
      shipped: orderLines.quantityShipped,
      backordered: orderLines.quantityBackordered,
      unitPriceFen: orderLines.unitPriceFen,
    })
    .from(orderLines)
    .innerJoin(products, eq(products.id, orderLines.productId))
    .where(eq(orderLines.orderId, orderId))
    .orderBy(orderLines.lineNo);
  const held = await ctx.db.execute<{ location_id: string; product_id: string; q: number }>(sql`
    select location_id, product_id, sum(quantity)::int as q from stock_reservations
     where reference_type = 'order' and reference_id = ${orderId} group by 1, 2`);
  const locationIds = [...new Set(held.map((h) => h.location_id))];
  const services = lines.filter((l) => l.service && l.reserved > 0);
  const shipFrom = supplier
    ? and(eq(stockLocations.organizationId, ctx.actor.organizationId!), inArray(stockLocations.kind, ["partner_virtual", "partner_consignment", "warehouse"]))
    : and(eq(stockLocations.kind, "warehouse"), stockLocationScope(ctx.actor));
  // An order of services only holds no stock anywhere: any location the shipper may ship from will do.
  const locations =
    locationIds.length || services.length
      ? await ctx.db
          .select({ id: stockLocations.id, code: stockLocations.code, nameZh: stockLocations.nameZh, nameEn: stockLocations.nameEn })
          .from(stockLocations)
          .where(and(locationIds.length ? inArray(stockLocations.id, locationIds) : eq(stockLocations.active, true), shipFrom))
          .orderBy(stockLocations.code)
      : [];
  const serializedIds = lines.filter((l) => l.serialized && l.reserved > 0).map((l) => l.productId);
  const serials =
    serializedIds.length && locations.length
      ? await ctx.db
          .select({ productId: serialNumbers.productId, locationId: serialNumbers.locationId, serial: serialNumbers.serial })
          .from(serialNumbers)
          .where(
            and(
              inArray(serialNumbers.productId, serializedIds),
              inArray(serialNumbers.locationId, locations.map((l) => l.id)),
              eq(serialNumbers.status, "in_stock"),
              supplier ? eq(serialNumbers.ownerId, ctx.actor.organizationId!) : isNull(serialNumbers.ownerId),
            ),
          )
          .orderBy(serialNumbers.receivedAt, serialNumbers.serial)
          .limit(2000)
      : [];
  const reservedAt = Object.fromEntries(
    locations.map((l) => [
      l.id,
      Object.fromEntries([...held.filter((h) => h.location_id === l.id).map((h) => [h.product_id, Number(h.q)]), ...services.map((s) => [s.productId, s.reserved])]),
    ]),
  );
  return { order: order.order, buyer: order.buyer, creditHold: order.creditHold, lines, locations, reservedAt, serials };
}

const shipmentScope = (ctx: Ctx) => tenantScope(ctx.actor, shipments, { staff: "order:read", partner: "own_order:read" });

/** One shipment with its lines, its order and its invoice; out of scope is "not found". */
export async function getShipment(ctx: Ctx, id: string) {
  if (!isUuid(id)) throw new NotFoundError("shipment");
  const [row] = await ctx.db
    .select({
      shipment: shipments,
      orderNumber: orders.number,
      buyer: organizations.name,
      from: { code: stockLocations.code, nameZh: stockLocations.nameZh, nameEn: stockLocations.nameEn },
      invoiceId: invoices.id,
      invoiceNumber: invoices.number,
    })
    .from(shipments)
    .innerJoin(orders, eq(orders.id, shipments.orderId))
    .innerJoin(organizations, eq(organizations.id, shipments.organizationId))
    .innerJoin(stockLocations, eq(stockLocations.id, shipments.fromLocationId))
    .leftJoin(invoices, and(eq(invoices.shipmentId, shipments.id), eq(invoices.kind, "invoice")))
    .where(and(eq(shipments.id, id), shipmentScope(ctx)));
  if (!row) throw new NotFoundError("shipment");
  const lines = await ctx.db
    .select({ id: shipmentLines.id, sku: products.sku, nameZh: products.nameZh, nameEn: products.nameEn, quantity: shipmentLines.quantity, serials: shipmentLines.serials })
    .from(shipmentLines)
    .innerJoin(products, eq(products.id, shipmentLines.productId))
    .where(eq(shipmentLines.shipmentId, id))
    .orderBy(products.sku);
  const canDeliver = row.shipment.status === "shipped" && (ctx.actor.kind === "staff" ? can(ctx.actor, "shipment:create") : row.shipment.supplierId === ctx.actor.organizationId);
  return { ...row, lines, canDeliver };
}

export const shipmentListQuery = listQuerySchema(["shippedAt", "number"] as const, "shippedAt").extend({ dir: z.enum(["asc", "desc"]).catch("desc") });
export type ShipmentListQuery = z.output<typeof shipmentListQuery>;

/** Shipments in scope (a partner's own; staff by branch), newest first, optionally of one order. */
export async function listShipments(ctx: Ctx, query: ShipmentListQuery & { orderId?: string }) {
  const where = and(
    shipmentScope(ctx),
    query.orderId && isUuid(query.orderId) ? eq(shipments.orderId, query.orderId) : undefined,
    query.q ? or(ilike(shipments.number, likePattern(query.q)), ilike(shipments.trackingNumber, likePattern(query.q)), ilike(orders.number, likePattern(query.q))) : undefined,
  );
  const order = query.dir === "desc" ? desc : asc;
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        id: shipments.id,
        number: shipments.number,
        orderId: shipments.orderId,
        orderNumber: orders.number,
        buyer: organizations.name,
        status: shipments.status,
        carrier: shipments.carrier,
        trackingNumber: shipments.trackingNumber,
        shippedAt: shipments.shippedAt,
        deliveredAt: shipments.deliveredAt,
        units: sql<number>`(select coalesce(sum(quantity), 0)::int from shipment_lines sl where sl.shipment_id = ${shipments.id})`,
      })
      .from(shipments)
      .innerJoin(orders, eq(orders.id, shipments.orderId))
      .innerJoin(organizations, eq(organizations.id, shipments.organizationId))
      .where(where)
      .orderBy(order(query.sort === "number" ? shipments.number : shipments.shippedAt), desc(shipments.id))
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    ctx.db.select({ n: count() }).from(shipments).innerJoin(orders, eq(orders.id, shipments.orderId)).where(where),
  ]);
  return { rows, total: total?.n ?? 0, page: query.page, size: query.size } satisfies Page<unknown>;
}


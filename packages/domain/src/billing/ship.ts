import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { DISTRIBUTOR_OWNER, orderLines, orders, organizations, products, serialNumbers, shipmentLines, shipments, stockLocations, type Transaction } from "@cs/db";
import type { Actor } from "../access/actor";
import { can } from "../access/authorize";
import { orderScope, stockLocationScope } from "../access/scopes";
import { systemLocation } from "../inventory/documents/common";
import { pickSerials } from "../inventory/documents/serials";
import type { PostedMove } from "../inventory/ledger";
import { fulfilPart, NotReservedError } from "../inventory/reservation";
import { costOfShippedLines } from "./cost";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { nextDocumentNumber } from "../shared/document-number";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldErrors } from "../shared/errors";
import { keyOf, once } from "../shared/idempotency";
import { isUuid, parseInput } from "../shared/parse";
import { shanghaiNoon, shanghaiToday, yearOf } from "../shared/dates";
import { issueShipmentInvoice } from "./invoice";
import { recordShipmentEvent } from "./order-progress";
import { createExtendedWarrantyContracts } from "../service/network/extended-warranty";
import { orderLineQuantities } from "../validation/fields";

export const shipOrderInput = z.object({
  orderId: z.string(),
  fromLocationId: z.string({ error: "validation.required" }).min(1, "validation.required"),
  carrier: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(100, "validation.tooLong"),
  trackingNumber: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(100, "validation.tooLong"),
  lines: orderLineQuantities,
});
export type ShipOrderInput = z.input<typeof shipOrderInput>;

/** Who ships: our warehouse (shipment:create) for our orders, a master distributor for orders it supplies. */
function shipper(actor: Actor) {
  if (actor.kind === "staff" && can(actor, "shipment:create")) return { kind: "distributor" as const, ownerId: DISTRIBUTOR_OWNER };
  if (actor.kind === "partner" && actor.organizationId && can(actor, "supplied_order:fulfil"))
    return { kind: "supplier" as const, ownerId: actor.organizationId };
  throw new ForbiddenError("shipment:create");
}

async function shippableOrder(tx: Transaction, actor: Actor, orderId: string, who: ReturnType<typeof shipper>) {
  if (!isUuid(orderId)) throw new NotFoundError("order");
  const [order] = await tx
    .select()
    .from(orders)
    .where(and(eq(orders.id, orderId), orderScope(actor)))
    .for("update");
  if (!order) throw new NotFoundError("order");
  // A master distributor ships only what it supplies; our warehouse only what we supply.
  if (who.kind === "supplier" ? order.supplierId !== who.ownerId : order.supplierId !== null) throw new NotFoundError("order");
  if (order.status !== "confirmed" && order.status !== "partially_shipped") throw new ConflictError("billing.validation.orderNotShippable");
  const [buyer] = await tx.select({ creditHold: organizations.creditHold }).from(organizations).where(eq(organizations.id, order.organizationId));
  if (buyer?.creditHold) throw new ConflictError("billing.validation.creditHold");
  return order;
}

/** Our warehouse in the actor's branch scope, or a location the master distributor owns. */
async function shipFrom(tx: Transaction, actor: Actor, locationId: string, who: ReturnType<typeof shipper>) {
  const invalid = new ValidationError({ fromLocationId: ["validation.invalid"] });
  if (!isUuid(locationId)) throw invalid;
  const [location] = await tx
    .select()
    .from(stockLocations)
    .where(
      and(
        eq(stockLocations.id, locationId),
        eq(stockLocations.active, true),
        who.kind === "distributor"
          ? and(eq(stockLocations.kind, "warehouse"), stockLocationScope(actor))
          : and(eq(stockLocations.organizationId, who.ownerId), inArray(stockLocations.kind, ["partner_virtual", "partner_consignment", "warehouse"])),
      ),
    );
  if (!location) throw invalid;
  return location;
}

/** What the order's reservations hold at one location, per product. */
async function reservedAt(tx: Transaction, orderId: string, locationId: string, ownerId: string) {
  const rows = await tx.execute<{ product_id: string; q: number }>(sql`
    select product_id, sum(quantity)::int as q from stock_reservations
     where reference_type = 'order' and reference_id = ${orderId} and location_id = ${locationId} and owner_id = ${ownerId}
     group by product_id`);
  return new Map(rows.map((r) => [r.product_id, Number(r.q)]));
}

/**
 * Ships part or all of a confirmed order from one location: reserved units leave the warehouse
 * for the customer location as ledger moves (docs/decisions/005), the order lines move from
 * reserved to shipped, the order becomes partially_shipped or shipped, and the shipment's invoice
 * is issued — all in one transaction, once per `_key`.
 */
export async function shipOrder(ctx: Ctx, raw: unknown) {
  const who = shipper(ctx.actor);
  const input = parseInput(shipOrderInput, raw);
  return inTransaction(ctx, async (tx) => {
    const { result } = await once(tx, ctx.actor, keyOf(raw), input, async () => {
      const order = await shippableOrder(tx, ctx.actor, input.orderId, who);
      const from = await shipFrom(tx, ctx.actor, input.fromLocationId, who);
      const lines = await tx.select().from(orderLines).where(eq(orderLines.orderId, order.id)).orderBy(orderLines.lineNo).for("update");
      const held = await reservedAt(tx, order.id, from.id, who.ownerId);
      const kinds = await tx
        .select({ id: products.id, serialized: products.serialized, months: products.extendedWarrantyMonths, costFen: products.costFen })
        .from(products)
        .where(inArray(products.id, lines.map((l) => l.productId)));
      const serialized = new Set(kinds.filter((p) => p.serialized).map((p) => p.id));
      // Extended warranties are services (decision 006): no stock is held, moved or picked for them.
      const service = new Set(kinds.filter((p) => p.months !== null).map((p) => p.id));
      // services hold no stock: their cost is the product's standard cost, and only on our own shipments
      const standardCosts = new Map(who.kind === "distributor" ? kinds.map((p) => [p.id, p.costFen] as const) : []);

      const errors: FieldErrors = {};
      const asked = new Map<string, number>();
      const picked: { line: (typeof lines)[number]; quantity: number; serials: string[]; index: number }[] = [];
      const seenLines = new Set<string>();
      input.lines.forEach((posted, i) => {
        const line = lines.find((l) => l.id === posted.orderLineId);
        if (!line || seenLines.has(line.id)) return void (errors[`lines.${i}.orderLineId`] = ["validation.invalid"]);
        seenLines.add(line.id);
        if (posted.quantity === 0) {
          if (posted.serials.length) errors[`lines.${i}.serials`] = ["billing.validation.serialCount"];
          return;
        }
        if (service.has(line.productId)) {
          if (posted.quantity > line.quantityReserved) return void (errors[`lines.${i}.quantity`] = ["validation.notReserved"]);
          if (posted.serials.length) return void (errors[`lines.${i}.serials`] = ["stock.validation.notSerialized"]);
          return void picked.push({ line, quantity: posted.quantity, serials: [], index: i });
        }
        asked.set(line.productId, (asked.get(line.productId) ?? 0) + posted.quantity);
        if (posted.quantity > line.quantityReserved || asked.get(line.productId)! > (held.get(line.productId) ?? 0))
          return void (errors[`lines.${i}.quantity`] = ["validation.notReserved"]);
        if (serialized.has(line.productId)) {
          if (new Set(posted.serials).size !== posted.quantity || posted.serials.length !== posted.quantity)
            return void (errors[`lines.${i}.serials`] = ["billing.validation.serialCount"]);
        } else if (posted.serials.length) return void (errors[`lines.${i}.serials`] = ["stock.validation.notSerialized"]);
        picked.push({ line, quantity: posted.quantity, serials: posted.serials, index: i });
      });
      if (Object.keys(errors).length) throw new ValidationError(errors);
      if (picked.length === 0) throw new ValidationError({ lines: ["billing.validation.nothingToShip"] });

      const goods = picked.filter((p) => !service.has(p.line.productId));
      const serialIds = new Map<string, string[]>();
      for (const p of goods) {
        const ownerId = who.ownerId === DISTRIBUTOR_OWNER ? null : who.ownerId;
        serialIds.set(p.line.id, await pickSerials(tx, p.index, p.line.productId, p.serials, from.id, ownerId));
      }

      const number = await nextDocumentNumber(tx, "SH", yearOf(shanghaiToday()));
      const customer = await systemLocation(tx, "customer");
      let posted: PostedMove[] = [];
      try {
        if (goods.length)
          posted = await fulfilPart(
            tx,
            ctx.actor,
            { referenceType: "order", referenceId: order.id },
            goods.map((p) => ({ productId: p.line.productId, locationId: from.id, quantity: p.quantity, ownerId: who.ownerId, serialIds: serialIds.get(p.line.id) })),
            customer.id,
            { referenceType: "shipment", referenceId: number },
          );
      } catch (error) {
        if (!(error instanceof NotReservedError)) throw error;
        const p = goods.find((x) => x.line.productId === error.productId);
        throw new ValidationError({ [`lines.${p?.index ?? 0}.quantity`]: ["validation.notReserved"] });
      }
      // cost of goods at this moment: what the ledger valued our goods leaving at, by line
      const costs = costOfShippedLines(
        picked.map((p) => ({ key: p.line.id, productId: p.line.productId, quantity: p.quantity, service: service.has(p.line.productId) })),
        posted,
        standardCosts,
      );
      const [shipment] = await tx
        .insert(shipments)
        .values({
          number,
          orderId: order.id,
          organizationId: order.organizationId,
          ownerBranchId: order.ownerBranchId,
          supplierId: order.supplierId,
          fromLocationId: from.id,
          carrier: input.carrier,
          trackingNumber: input.trackingNumber,
          shippedBy: ctx.actor.userId,
        })
        .returning();
      await tx.insert(shipmentLines).values(
        picked.map((p) => ({
          shipmentId: shipment!.id,
          orderLineId: p.line.id,
          productId: p.line.productId,
          quantity: p.quantity,
          serials: p.serials,
          unitCostFen: costs.get(p.line.id)?.unitCostFen ?? null,
          costFen: costs.get(p.line.id)?.costFen ?? null,
        })),
      );
      // extended-warranty service lines become warranty contracts for the serials they name (decision 006)
      await createExtendedWarrantyContracts(tx, shipment!.id);

      const allSerials = [...serialIds.values()].flat();
      if (allSerials.length)
        await tx
          .update(serialNumbers)
          .set({ status: "shipped", locationId: customer.id, soldReference: order.number })
          .where(inArray(serialNumbers.id, allSerials));

      for (const p of picked)
        await tx
          .update(orderLines)
          .set({ quantityReserved: sql`${orderLines.quantityReserved} - ${p.quantity}`, quantityShipped: sql`${orderLines.quantityShipped} + ${p.quantity}` })
          .where(eq(orderLines.id, p.line.id));
      const shippedNow = new Map(picked.map((p) => [p.line.id, p.quantity]));
      const complete = lines.every((l) => l.quantityShipped + (shippedNow.get(l.id) ?? 0) + l.quantityCancelled >= l.quantity);
      const toStatus = complete ? "shipped" : "partially_shipped";
      await recordShipmentEvent(tx, {
        orderId: order.id,
        action: complete ? "shipped" : "partially_shipped",
        fromStatus: order.status,
        toStatus,
        actorId: ctx.actor.userId,
        details: { shipment: number, carrier: input.carrier, trackingNumber: input.trackingNumber },
      });

      const invoice = await issueShipmentInvoice(tx, ctx.actor, {
        order,
        shipmentId: shipment!.id,
        lines: picked.map((p) => ({
          orderLineId: p.line.id,
          productId: p.line.productId,
          quantity: p.quantity,
          unitPriceFen: p.line.unitPriceFen,
          costFen: costs.get(p.line.id)?.costFen ?? null,
        })),
      });
      await recordAudit(tx, ctx.actor, {
        action: "shipment.create",
        entity: "shipment",
        entityId: shipment!.id,
        after: { number, order: order.number, from: from.code, carrier: input.carrier, trackingNumber: input.trackingNumber, lines: picked.map((p) => ({ line: p.line.lineNo, quantity: p.quantity, serials: p.serials })) },
      });
      return { shipmentId: shipment!.id, number, invoiceId: invoice.id, invoiceNumber: invoice.number, orderStatus: toStatus };
    });
    return result;
  });
}

/** The buyer received the goods: recorded once; a second confirmation changes nothing. */
export async function confirmDelivery(ctx: Ctx, raw: unknown) {
  const who = shipper(ctx.actor);
  const input = parseInput(z.object({ shipmentId: z.string(), deliveredOn: z.iso.date({ error: "validation.date" }).optional() }), raw);
  if (!isUuid(input.shipmentId)) throw new NotFoundError("shipment");
  const today = shanghaiToday();
  if (input.deliveredOn && input.deliveredOn > today) throw new ValidationError({ deliveredOn: ["stock.validation.futureDate"] });
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx
      .select({ shipment: shipments, order: orders })
      .from(shipments)
      .innerJoin(orders, eq(orders.id, shipments.orderId))
      .where(and(eq(shipments.id, input.shipmentId), orderScope(ctx.actor)))
      .for("update", { of: shipments });
    if (!row || (who.kind === "supplier" ? row.shipment.supplierId !== who.ownerId : row.shipment.supplierId !== null)) throw new NotFoundError("shipment");
    if (row.shipment.status === "delivered") return { status: "delivered" as const, deliveredAt: row.shipment.deliveredAt };
    const deliveredAt = input.deliveredOn && input.deliveredOn !== today ? shanghaiNoon(input.deliveredOn) : new Date();
    await tx.update(shipments).set({ status: "delivered", deliveredAt }).where(eq(shipments.id, row.shipment.id));
    await recordShipmentEvent(tx, {
      orderId: row.order.id,
      action: "delivered",
      fromStatus: row.order.status,
      toStatus: row.order.status,
      actorId: ctx.actor.userId,
      details: { shipment: row.shipment.number },
    });
    await recordAudit(tx, ctx.actor, { action: "shipment.deliver", entity: "shipment", entityId: row.shipment.id, after: { deliveredAt } });
    return { status: "delivered" as const, deliveredAt };
  });
}

import { and, eq, inArray, sql } from "drizzle-orm";
import { invoices, orderLines, orders, returnLines, returnRequests, serialNumbers, shipmentLines, stockLocations, type Transaction } from "@cs/db";
import { authorize } from "../access/authorize";
import { stockLocationScope } from "../access/scopes";
import { requestRedLetter } from "../billing/red-letter";
import { systemLocation } from "../inventory/documents/common";
import { applyMoves } from "../inventory/ledger";
import { recordOrderEvent } from "../notifications/order-events";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { ConflictError, ValidationError } from "../shared/errors";
import { keyOf, once } from "../shared/idempotency";
import { isUuid, parseInput } from "../shared/parse";
import { lockReturn } from "./decide";
import { receiveReturnInput } from "./inputs";

/** A warehouse or quarantine location of ours the actor works with. */
async function destination(tx: Transaction, ctx: Ctx, locationId: string, toQuarantine: boolean) {
  const invalid = new ValidationError({ locationId: ["validation.invalid"] });
  if (!isUuid(locationId)) throw invalid;
  const [location] = await tx
    .select()
    .from(stockLocations)
    .where(
      and(
        eq(stockLocations.id, locationId),
        eq(stockLocations.active, true),
        eq(stockLocations.kind, toQuarantine ? "quarantine" : "warehouse"),
        sql`${stockLocations.organizationId} is null`,
        stockLocationScope(ctx.actor),
      ),
    );
  if (!location) throw invalid;
  return location;
}

/**
 * The warehouse receives an approved return: the goods move back in the ledger (reason `return`)
 * into a warehouse or a quarantine location at the cost their shipment line recorded, serials go back into stock there, the order lines
 * count them as returned, and a red-letter request for the returned lines at their invoiced prices
 * goes to the buyer, whose confirmation issues the credit note that reduces its receivable
 * (docs/decisions/034). One transaction, once per `_key`; a second receipt is refused.
 */
export async function receiveReturn(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "stock:move");
  const input = parseInput(receiveReturnInput, raw);
  return inTransaction(ctx, async (tx) => {
    const { result } = await once(tx, ctx.actor, keyOf(raw), input, async () => {
      const ret = await lockReturn(tx, ctx, input.returnId);
      if (ret.status !== "approved") throw new ConflictError(ret.status === "received" ? "returns.validation.alreadyReceived" : "returns.validation.notApproved");
      const to = await destination(tx, ctx, input.locationId, input.toQuarantine);
      const [order] = await tx.select().from(orders).where(eq(orders.id, ret.orderId)).for("update");
      const lines = await tx
        .select({ line: returnLines, unitPriceFen: orderLines.unitPriceFen, unitCostFen: shipmentLines.unitCostFen })
        .from(returnLines)
        .innerJoin(orderLines, eq(orderLines.id, returnLines.orderLineId))
        // the shipment the returned units left on (its invoice's), for the cost they left at
        .leftJoin(invoices, eq(invoices.id, returnLines.invoiceId))
        .leftJoin(shipmentLines, and(eq(shipmentLines.shipmentId, invoices.shipmentId), eq(shipmentLines.orderLineId, returnLines.orderLineId)))
        .where(eq(returnLines.returnId, ret.id))
        .orderBy(returnLines.id);
      const customer = await systemLocation(tx, "customer");

      const serialIds = new Map<string, string[]>();
      for (const { line } of lines) {
        if (line.serials.length === 0) continue;
        const rows = await tx
          .select({ id: serialNumbers.id })
          .from(serialNumbers)
          .where(and(eq(serialNumbers.productId, line.productId), inArray(serialNumbers.serial, line.serials), eq(serialNumbers.status, "shipped")))
          .for("update");
        if (rows.length !== line.serials.length) throw new ConflictError("returns.validation.serialNotOut");
        serialIds.set(line.id, rows.map((r) => r.id));
      }
      await applyMoves(
        tx,
        ctx.actor,
        lines.map(({ line, unitCostFen }) => ({
          productId: line.productId,
          // back into our stock at the cost they shipped at (the average when that is unknown)
          unitCostFen,
          quantity: line.quantity,
          // our shipments and a master distributor's alike leave for the customer location (docs/decisions/005)
          fromLocationId: customer.id,
          toLocationId: to.id,
          reason: "return" as const,
          referenceType: "return",
          referenceId: ret.number,
          serialIds: serialIds.get(line.id),
        })),
      );
      const allSerials = [...serialIds.values()].flat();
      if (allSerials.length)
        await tx.update(serialNumbers).set({ status: "in_stock", locationId: to.id, ownerId: null }).where(inArray(serialNumbers.id, allSerials));
      for (const { line } of lines)
        await tx
          .update(orderLines)
          .set({ quantityReturned: sql`${orderLines.quantityReturned} + ${line.quantity}` })
          .where(eq(orderLines.id, line.orderLineId));

      const requests = await requestReturnedCredit(
        tx,
        ctx,
        ret.id,
        lines.map(({ line, unitPriceFen, unitCostFen }) => ({ ...line, unitPriceFen, costFen: unitCostFen === null ? null : unitCostFen * BigInt(line.quantity) })),
      );
      const now = new Date();
      await tx
        .update(returnRequests)
        .set({ status: "received", receivedLocationId: to.id, toQuarantine: input.toQuarantine, updatedAt: now })
        .where(eq(returnRequests.id, ret.id));
      // The order's timeline shows the return (and the buyer and the desk hear of it); the status stays what shipping made it.
      await recordOrderEvent(tx, {
        orderId: ret.orderId,
        action: "returned",
        fromStatus: order!.status,
        toStatus: order!.status,
        actorId: ctx.actor.userId,
        details: { return: ret.number, redLetters: requests.map((r) => r.number), location: to.code },
      });
      await recordAudit(tx, ctx.actor, {
        action: "return.receive",
        entity: "return",
        entityId: ret.id,
        before: { status: ret.status },
        after: { status: "received", location: to.code, toQuarantine: input.toQuarantine, redLetters: requests.map((r) => ({ number: r.number, totalFen: r.totalFen })) },
      });
      return { returnId: ret.id, status: "received" as const, redLetterIds: requests.map((r) => r.id), redLetterNumbers: requests.map((r) => r.number) };
    });
    return result;
  });
}

/**
 * One red-letter request per invoice the returned lines were billed on (each becomes one credit note
 * against that invoice when the buyer confirms it). Lines are priced as they were invoiced: the
 * order line's tax-inclusive unit price; their cost is the cost of goods the shipment recorded, so
 * the credit note takes back revenue and margin alike.
 */
async function requestReturnedCredit(
  tx: Transaction,
  ctx: Ctx,
  returnId: string,
  lines: { orderLineId: string; productId: string; quantity: number; invoiceId: string | null; unitPriceFen: bigint; costFen: bigint | null }[],
) {
  const byInvoice = new Map<string, typeof lines>();
  for (const l of lines) {
    // every shipment is invoiced when it ships; a line without one cannot be credited
    if (!l.invoiceId) throw new ConflictError("returns.validation.notInvoiced");
    byInvoice.set(l.invoiceId, [...(byInvoice.get(l.invoiceId) ?? []), l]);
  }
  const requests = [];
  for (const [originalInvoiceId, group] of byInvoice)
    requests.push(
      await requestRedLetter(tx, ctx.actor, {
        source: "return",
        originalInvoiceId,
        returnId,
        lines: group.map((l) => ({ orderLineId: l.orderLineId, productId: l.productId, quantity: l.quantity, unitPriceFen: l.unitPriceFen, costFen: l.costFen })),
      }),
    );
  return requests;
}

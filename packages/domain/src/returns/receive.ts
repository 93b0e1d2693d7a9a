import { and, eq, inArray, sql } from "drizzle-orm";
import { orderEvents, orderLines, orders, returnLines, returnRequests, serialNumbers, stockLocations, type Transaction } from "@cs/db";
import { authorize } from "../access/authorize";
import { stockLocationScope } from "../access/scopes";
import { createCreditNote } from "../billing/credit-note";
import { systemLocation } from "../inventory/documents/common";
import { applyMoves } from "../inventory/ledger";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { ConflictError, ValidationError } from "../shared/errors";
import { keyOf, once } from "../shared/idempotency";
import { isUuid, parseInput } from "../shared/parse";
import { lockReturn } from "./decide";
import { receiveReturnInput } from "./inputs";
import { announce } from "./request";

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
 * into a warehouse or a quarantine location, serials go back into stock there, the order lines
 * count them as returned, and a credit note for the returned lines at their invoiced prices
 * reduces the buyer's receivable. One transaction, once per `_key`; a second receipt is refused.
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
        .select({ line: returnLines, unitPriceFen: orderLines.unitPriceFen })
        .from(returnLines)
        .innerJoin(orderLines, eq(orderLines.id, returnLines.orderLineId))
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
        lines.map(({ line }) => ({
          productId: line.productId,
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

      const note = await createCreditNote(tx, ctx.actor, {
        returnId: ret.id,
        order: { id: ret.orderId, organizationId: ret.organizationId, ownerBranchId: ret.ownerBranchId },
        originalInvoiceIds: [...new Set(lines.map((l) => l.line.invoiceId).filter((id): id is string => !!id))],
        lines: lines.map(({ line, unitPriceFen }) => ({ orderLineId: line.orderLineId, productId: line.productId, quantity: line.quantity, unitPriceFen })),
      });
      const now = new Date();
      await tx
        .update(returnRequests)
        .set({ status: "received", receivedLocationId: to.id, toQuarantine: input.toQuarantine, creditNoteId: note.id, updatedAt: now })
        .where(eq(returnRequests.id, ret.id));
      // The order's timeline shows the return; its status stays what shipping made it.
      await tx.insert(orderEvents).values({
        orderId: ret.orderId,
        action: "returned",
        fromStatus: order!.status,
        toStatus: order!.status,
        actorId: ctx.actor.userId,
        details: { return: ret.number, creditNote: note.number, location: to.code },
      });
      await recordAudit(tx, ctx.actor, {
        action: "return.receive",
        entity: "return",
        entityId: ret.id,
        before: { status: ret.status },
        after: { status: "received", location: to.code, toQuarantine: input.toQuarantine, creditNote: note.number, totalFen: note.totalFen },
      });
      await announce(tx, ret, "received", ctx.actor.userId, { creditNote: note.number });
      return { returnId: ret.id, status: "received" as const, creditNoteId: note.id, creditNoteNumber: note.number, totalFen: String(note.totalFen) };
    });
    return result;
  });
}

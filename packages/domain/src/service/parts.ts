import { and, eq, gt, inArray, sql } from "drizzle-orm";
import { DISTRIBUTOR_OWNER, products, repairParts, serialNumbers, stockLevels, stockLocations } from "@cs/db";
import { authorize } from "../access/authorize";
import { systemLocation } from "../inventory/documents/common";
import { applyMoves } from "../inventory/ledger";
import { recordAudit } from "../shared/audit";
import type { Ctx } from "../shared/context";
import { ValidationError } from "../shared/errors";
import { isUuid, parseInput } from "../shared/parse";
import { lockRepairRequest, mutateOnce, recordRepairEvent } from "./events";
import { usePartInput } from "./inputs";
import { audiencesOf } from "./workflow";

const partsStatuses = ["diagnosing", "awaiting_parts", "repairing"];

/** The station's spare-parts location (备件库). */
export async function stationPartsLocation(db: Ctx["db"], stationId: string) {
  const [loc] = await db
    .select({ id: stockLocations.id })
    .from(stockLocations)
    .where(and(eq(stockLocations.organizationId, stationId), eq(stockLocations.kind, "station_parts"), eq(stockLocations.active, true)));
  return loc ?? null;
}

/**
 * The assigned station uses parts on a request: one ledger move per use out of its station_parts
 * location to the customer (reason parts_use, referencing the request), in the request's
 * transaction. A swap records the faulty serial taken out and the replacement serial put in; a
 * serialized part must name its replacement serial, which must lie in the station's stock.
 */
export async function useParts(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "station_service:work");
  const input = parseInput(usePartInput, raw);
  if (!isUuid(input.productId)) throw new ValidationError({ productId: ["validation.invalid"] });
  return mutateOnce(ctx, raw, input, async (tx) => {
    const req = await lockRepairRequest(tx, ctx, input.requestId);
    if (!audiencesOf(ctx.actor, req).includes("station") || !partsStatuses.includes(req.status))
      throw new ValidationError({ form: ["service.validation.partsNotNow"] }, "service.validation.partsNotNow");
    const stationId = req.stationId!;
    const [product] = await tx.select().from(products).where(eq(products.id, input.productId));
    if (!product) throw new ValidationError({ productId: ["validation.invalid"] });
    const location = await stationPartsLocation(tx, stationId);
    if (!location) throw new ValidationError({ productId: ["service.validation.noPartsLocation"] }, "service.validation.noPartsLocation");

    let serialIds: string[] = [];
    if (product.serialized) {
      if (!input.replacementSerial || input.quantity !== 1) throw new ValidationError({ replacementSerial: ["service.validation.replacementSerial"] });
      const [sn] = await tx
        .select({ id: serialNumbers.id, ownerId: serialNumbers.ownerId })
        .from(serialNumbers)
        .where(and(eq(serialNumbers.productId, product.id), eq(serialNumbers.serial, input.replacementSerial), eq(serialNumbers.locationId, location.id), eq(serialNumbers.status, "in_stock")))
        .for("update");
      if (!sn) throw new ValidationError({ replacementSerial: ["service.validation.replacementNotInStock"] });
      serialIds = [sn.id];
    }
    // whose goods: the station's own parts first, else the distributor's consigned to it
    const owners = await tx
      .select({ ownerId: stockLevels.ownerId })
      .from(stockLevels)
      .where(
        and(
          eq(stockLevels.locationId, location.id),
          eq(stockLevels.productId, product.id),
          inArray(stockLevels.ownerId, [stationId, DISTRIBUTOR_OWNER]),
          gt(sql`${stockLevels.onHand} - ${stockLevels.reserved}`, input.quantity - 1),
        ),
      );
    const owner = owners.find((o) => o.ownerId === stationId)?.ownerId ?? owners[0]?.ownerId;
    if (!owner) throw new ValidationError({ quantity: ["validation.insufficientStock"] }, "validation.insufficientStock");
    const customer = await systemLocation(tx, "customer");
    const [moveId] = await applyMoves(tx, ctx.actor, [
      {
        productId: product.id,
        quantity: input.quantity,
        fromLocationId: location.id,
        toLocationId: customer.id,
        ownerId: owner === DISTRIBUTOR_OWNER ? null : owner,
        reason: "parts_use",
        referenceType: "repair_request",
        referenceId: req.number,
        serialIds,
      },
    ]);
    if (serialIds.length) await tx.update(serialNumbers).set({ status: "sold", locationId: customer.id, soldReference: req.number, soldAt: new Date() }).where(inArray(serialNumbers.id, serialIds));
    const [part] = await tx
      .insert(repairParts)
      .values({
        requestId: req.id,
        stationId,
        productId: product.id,
        quantity: input.quantity,
        stockMoveId: moveId!,
        unitCostFen: product.costFen,
        faultySerial: input.faultySerial ?? null,
        replacementSerial: input.replacementSerial ?? null,
        createdBy: ctx.actor.userId,
      })
      .returning({ id: repairParts.id });
    const details = { sku: product.sku, quantity: input.quantity, faultySerial: input.faultySerial ?? null, replacementSerial: input.replacementSerial ?? null, moveId: moveId!.toString() };
    await recordRepairEvent(tx, { requestId: req.id, action: "part_used", actorId: ctx.actor.userId, details });
    await recordAudit(tx, ctx.actor, { action: "repair.part_used", entity: "repair_request", entityId: req.id, after: details });
    return { partId: part!.id, moveId: moveId!.toString() };
  });
}

/** What the actor's station holds in its parts store (free quantity per product), for the parts form. */
export async function stationPartsStock(ctx: Ctx) {
  authorize(ctx.actor, "station_service:work");
  const stationId = ctx.actor.organizationId;
  if (!stationId) return [];
  const location = await stationPartsLocation(ctx.db, stationId);
  if (!location) return [];
  return ctx.db
    .select({ productId: products.id, sku: products.sku, nameZh: products.nameZh, nameEn: products.nameEn, serialized: products.serialized, free: sql<number>`sum(${stockLevels.onHand} - ${stockLevels.reserved})::int` })
    .from(stockLevels)
    .innerJoin(products, eq(products.id, stockLevels.productId))
    .where(and(eq(stockLevels.locationId, location.id), inArray(stockLevels.ownerId, [stationId, DISTRIBUTOR_OWNER]), gt(stockLevels.onHand, stockLevels.reserved)))
    .groupBy(products.id)
    .orderBy(products.sku);
}

import { and, asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { organizations, products, repairAttachments, repairEvents, repairParts, repairRequests, surveys, users } from "@cs/db";
import { serviceScope } from "../access/scopes";
import type { Ctx } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { isUuid } from "../shared/parse";
import { listClaims } from "./claims";
import { isPaidRepair } from "./transition";
import { resolveStored, type UploadStore } from "./uploads";
import { allowedTransitions, audiencesOf } from "./workflow";

const station = alias(organizations, "station");
const filingOrg = alias(organizations, "filing_org");
const partProduct = alias(products, "part_product");

/**
 * One request as its viewer may see it: the device, warranty and reason, SLA, timeline, photos,
 * parts, claims, and the steps this actor may take next (from the one workflow table).
 */
export async function getRepairRequest(ctx: Ctx, requestId: string) {
  if (!isUuid(requestId)) throw new NotFoundError("repair_request");
  const [row] = await ctx.db
    .select({
      request: repairRequests,
      sku: products.sku,
      productNameZh: products.nameZh,
      productNameEn: products.nameEn,
      stationName: station.name,
      filingOrgName: filingOrg.name,
      // the repair survey's answer (docs/decisions/038); a station does not see it (row-level security)
      rating: surveys.score,
      ratingComment: surveys.comment,
    })
    .from(repairRequests)
    .innerJoin(products, eq(products.id, repairRequests.productId))
    .leftJoin(station, eq(station.id, repairRequests.stationId))
    .leftJoin(filingOrg, eq(filingOrg.id, repairRequests.organizationId))
    .leftJoin(surveys, and(eq(surveys.kind, "repair"), eq(surveys.subjectId, repairRequests.id)))
    .where(and(eq(repairRequests.id, requestId), serviceScope(ctx.actor)));
  if (!row) throw new NotFoundError("repair_request");
  const req = { ...row.request, rating: row.rating, ratingComment: row.ratingComment };
  const [events, attachments, parts, claims] = await Promise.all([
    ctx.db
      .select({ id: repairEvents.id, action: repairEvents.action, fromStatus: repairEvents.fromStatus, toStatus: repairEvents.toStatus, comment: repairEvents.comment, details: repairEvents.details, createdAt: repairEvents.createdAt, actorName: users.displayName })
      .from(repairEvents)
      .leftJoin(users, eq(users.id, repairEvents.actorId))
      .where(eq(repairEvents.requestId, req.id))
      .orderBy(asc(repairEvents.id)),
    ctx.db
      .select({ id: repairAttachments.id, originalName: repairAttachments.originalName, mime: repairAttachments.mime, sizeBytes: repairAttachments.sizeBytes, createdAt: repairAttachments.createdAt })
      .from(repairAttachments)
      .where(eq(repairAttachments.requestId, req.id))
      .orderBy(asc(repairAttachments.createdAt)),
    ctx.db
      .select({
        id: repairParts.id,
        sku: partProduct.sku,
        nameZh: partProduct.nameZh,
        nameEn: partProduct.nameEn,
        quantity: repairParts.quantity,
        unitCostFen: repairParts.unitCostFen,
        stockMoveId: repairParts.stockMoveId,
        faultySerial: repairParts.faultySerial,
        replacementSerial: repairParts.replacementSerial,
        createdAt: repairParts.createdAt,
      })
      .from(repairParts)
      .innerJoin(partProduct, eq(partProduct.id, repairParts.productId))
      .where(eq(repairParts.requestId, req.id))
      .orderBy(asc(repairParts.createdAt)),
    ctx.actor.kind === "customer" ? Promise.resolve([]) : listClaims(ctx, { requestId: req.id }),
  ]);
  const audiences = audiencesOf(ctx.actor, req);
  return {
    request: req,
    product: { sku: row.sku, nameZh: row.productNameZh, nameEn: row.productNameEn },
    stationName: row.stationName,
    filingOrgName: row.filingOrgName,
    events,
    attachments,
    // the station's cost of parts is its own business and the desk's, not the customer's
    parts: audiences.includes("station") || audiences.includes("desk") ? parts : parts.map((p) => ({ ...p, unitCostFen: null })),
    claims,
    audiences,
    paidRepair: isPaidRepair(req),
    // accepting needs a station: the desk assigns first, so no button that could only be refused
    nextSteps: allowedTransitions(ctx.actor, req).filter((to) => to !== "accepted" || req.stationId !== null),
  };
}

/** A photo of a request the actor may see: where it is on disk and how to serve it. */
export async function getRepairAttachment(ctx: Ctx, store: UploadStore, requestId: string, attachmentId: string) {
  if (!isUuid(requestId) || !isUuid(attachmentId)) throw new NotFoundError("attachment");
  const [row] = await ctx.db
    .select({ storedPath: repairAttachments.storedPath, mime: repairAttachments.mime, sizeBytes: repairAttachments.sizeBytes })
    .from(repairAttachments)
    .innerJoin(repairRequests, eq(repairRequests.id, repairAttachments.requestId))
    .where(and(eq(repairAttachments.id, attachmentId), eq(repairAttachments.requestId, requestId), serviceScope(ctx.actor)));
  if (!row) throw new NotFoundError("attachment");
  return { path: resolveStored(store, row.storedPath), mime: row.mime, sizeBytes: row.sizeBytes };
}

import { and, asc, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import { organizations, products, repairParts, repairRequests, stationClaimLines, stationClaims, stationSettlements } from "@cs/db";
import { authorize, can } from "../access/authorize";
import { recordAudit } from "../shared/audit";
import type { Ctx } from "../shared/context";
import { nextDocumentNumber } from "../shared/document-number";
import { NotFoundError, ValidationError } from "../shared/errors";
import { isUuid, parseInput } from "../shared/parse";
import { lockRepairRequest, mutateOnce, recordRepairEvent } from "./events";
import { decideClaimInput, settleInput, submitClaimInput } from "./inputs";
import { audiencesOf } from "./workflow";
import { shanghaiYear } from "../shared/dates";

/**
 * Repairs a station may still claim for: in warranty, repaired (ready, returned or closed), and with
 * no live claim (a rejected one may be claimed again) — what submitClaim accepts.
 */
export function claimableRepair(): SQL {
  return and(
    isNotNull(repairRequests.stationId),
    inArray(repairRequests.warrantyStatus, ["in_warranty", "extended"]),
    inArray(repairRequests.status, ["ready", "returned", "closed"]),
    sql`not exists (select 1 from ${stationClaims} where ${stationClaims.requestId} = ${repairRequests.id} and ${stationClaims.status} <> 'rejected')`,
  )!;
}

/**
 * A station admin claims labour and parts for in-warranty work once the device is repaired: the
 * parts lines come from the parts used (at cost), the labour is what the station asks. One live
 * claim per request (a rejected one may be claimed again).
 */
export async function submitClaim(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "station_service:admin");
  const input = parseInput(submitClaimInput, raw);
  return mutateOnce(ctx, raw, input, async (tx) => {
    const req = await lockRepairRequest(tx, ctx, input.requestId);
    if (!audiencesOf(ctx.actor, req).includes("station")) throw new NotFoundError("repair_request");
    if (req.warrantyStatus !== "in_warranty" && req.warrantyStatus !== "extended") throw new ValidationError({ form: ["service.validation.claimNotInWarranty"] }, "service.validation.claimNotInWarranty");
    if (!["ready", "returned", "closed"].includes(req.status)) throw new ValidationError({ form: ["service.validation.claimTooEarly"] }, "service.validation.claimTooEarly");
    const [live] = await tx.select({ id: stationClaims.id }).from(stationClaims).where(and(eq(stationClaims.requestId, req.id), sql`${stationClaims.status} <> 'rejected'`));
    if (live) throw new ValidationError({ form: ["service.validation.claimExists"] }, "service.validation.claimExists");
    const parts = await tx
      .select({ id: repairParts.id, productId: repairParts.productId, quantity: repairParts.quantity, unitCostFen: repairParts.unitCostFen, sku: products.sku, nameZh: products.nameZh })
      .from(repairParts)
      .innerJoin(products, eq(products.id, repairParts.productId))
      .where(eq(repairParts.requestId, req.id))
      .orderBy(asc(repairParts.createdAt));
    const lines = [
      ...(input.labourYuan > 0n ? [{ kind: "labour" as const, description: "labour", quantity: 1, amountFen: input.labourYuan, repairPartId: null, productId: null }] : []),
      ...parts.map((p) => ({ kind: "part" as const, description: `${p.sku} ${p.nameZh}`, quantity: p.quantity, amountFen: p.unitCostFen * BigInt(p.quantity), repairPartId: p.id, productId: p.productId })),
    ];
    if (lines.length === 0) throw new ValidationError({ labourYuan: ["service.validation.claimEmpty"] }, "service.validation.claimEmpty");
    const claimedFen = lines.reduce((s, l) => s + l.amountFen, 0n);
    const number = await nextDocumentNumber(tx, "CLM", shanghaiYear());
    const [claim] = await tx
      .insert(stationClaims)
      .values({ number, stationId: req.stationId!, requestId: req.id, claimedFen, note: input.note, submittedBy: ctx.actor.userId })
      .returning({ id: stationClaims.id });
    await tx.insert(stationClaimLines).values(lines.map((l) => ({ claimId: claim!.id, ...l })));
    await recordRepairEvent(tx, { requestId: req.id, action: "claim_submitted", actorId: ctx.actor.userId, details: { number, claimedFen: claimedFen.toString() } });
    await recordAudit(tx, ctx.actor, { action: "claim.submit", entity: "station_claim", entityId: claim!.id, after: { number, requestId: req.id, claimedFen, lines: lines.length } });
    return { claimId: claim!.id, number, claimedFen: claimedFen.toString() };
  });
}

/** The desk approves a claim as claimed, adjusts it to an amount (saying why), or rejects it (saying why). */
export async function decideClaim(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "service:manage");
  const input = parseInput(decideClaimInput, raw);
  if (!isUuid(input.claimId)) throw new NotFoundError("station_claim");
  return mutateOnce(ctx, raw, input, async (tx) => {
    const [claim] = await tx.select().from(stationClaims).where(eq(stationClaims.id, input.claimId)).for("update");
    if (!claim || (input.requestId !== undefined && claim.requestId !== input.requestId)) throw new NotFoundError("station_claim");
    if (claim.status !== "submitted") throw new ValidationError({ form: ["service.validation.claimDecided"] }, "service.validation.claimDecided");
    const status = input.decision === "approve" ? "approved" : input.decision === "adjust" ? "adjusted" : "rejected";
    const approvedFen = status === "approved" ? claim.claimedFen : status === "adjusted" ? input.approvedYuan! : 0n;
    if (status === "adjusted" && approvedFen > claim.claimedFen) throw new ValidationError({ approvedYuan: ["service.validation.adjustAboveClaim"] });
    const now = new Date();
    await tx
      .update(stationClaims)
      .set({ status, approvedFen, decidedBy: ctx.actor.userId, decidedAt: now, decisionComment: input.comment, updatedAt: now })
      .where(eq(stationClaims.id, claim.id));
    await recordRepairEvent(tx, { requestId: claim.requestId, action: `claim_${status}`, actorId: ctx.actor.userId, comment: input.comment, details: { number: claim.number, approvedFen: approvedFen.toString() } });
    await recordAudit(tx, ctx.actor, { action: `claim.${status}`, entity: "station_claim", entityId: claim.id, before: { status: claim.status }, after: { status, approvedFen, comment: input.comment } });
    return { claimId: claim.id, status, approvedFen: approvedFen.toString() };
  });
}

/**
 * The monthly statement payable to a station: every approved or adjusted claim decided in that
 * month (Asia/Shanghai) and not yet settled, summed into one settlement. One per station and month.
 */
export async function settleStationMonth(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "service:manage");
  const input = parseInput(settleInput, raw);
  if (!isUuid(input.stationId)) throw new ValidationError({ stationId: ["validation.invalid"] });
  return mutateOnce(ctx, raw, input, async (tx) => {
    const [exists] = await tx.select({ id: stationSettlements.id }).from(stationSettlements).where(and(eq(stationSettlements.stationId, input.stationId), eq(stationSettlements.period, input.period)));
    if (exists) throw new ValidationError({ period: ["service.validation.alreadySettled"] }, "service.validation.alreadySettled");
    const inPeriod = sql`to_char(${stationClaims.decidedAt} at time zone 'Asia/Shanghai', 'YYYY-MM') = ${input.period}`;
    const claims = await tx
      .select({ id: stationClaims.id, approvedFen: stationClaims.approvedFen })
      .from(stationClaims)
      .where(and(eq(stationClaims.stationId, input.stationId), inArray(stationClaims.status, ["approved", "adjusted"]), isNull(stationClaims.settlementId), inPeriod))
      .for("update");
    if (claims.length === 0) throw new ValidationError({ period: ["service.validation.nothingToSettle"] }, "service.validation.nothingToSettle");
    const totalFen = claims.reduce((s, c) => s + (c.approvedFen ?? 0n), 0n);
    const number = await nextDocumentNumber(tx, "STL", Number(input.period.slice(0, 4)));
    const [settlement] = await tx
      .insert(stationSettlements)
      .values({ number, stationId: input.stationId, period: input.period, totalFen, claimCount: claims.length, createdBy: ctx.actor.userId })
      .returning({ id: stationSettlements.id });
    await tx.update(stationClaims).set({ settlementId: settlement!.id }).where(inArray(stationClaims.id, claims.map((c) => c.id)));
    await recordAudit(tx, ctx.actor, { action: "settlement.issue", entity: "station_settlement", entityId: settlement!.id, after: { number, period: input.period, totalFen, claims: claims.length } });
    return { settlementId: settlement!.id, number, totalFen: totalFen.toString(), claimCount: claims.length };
  });
}

/** Claims of a request, station or all (desk), newest first: the station sees its own only. */
export async function listClaims(ctx: Ctx, filter: { requestId?: string; status?: "submitted" | "approved" | "adjusted" | "rejected" } = {}) {
  const scope =
    ctx.actor.kind === "staff" && can(ctx.actor, "service:read")
      ? sql`true`
      : ctx.actor.kind === "partner" && ctx.actor.organizationId && can(ctx.actor, "station_service:work")
        ? eq(stationClaims.stationId, ctx.actor.organizationId)
        : sql`false`;
  if (filter.requestId && !isUuid(filter.requestId)) return [];
  return ctx.db
    .select({
      id: stationClaims.id,
      number: stationClaims.number,
      status: stationClaims.status,
      claimedFen: stationClaims.claimedFen,
      approvedFen: stationClaims.approvedFen,
      decisionComment: stationClaims.decisionComment,
      createdAt: stationClaims.createdAt,
      requestId: stationClaims.requestId,
      requestNumber: repairRequests.number,
      stationName: organizations.name,
      settlementId: stationClaims.settlementId,
    })
    .from(stationClaims)
    .innerJoin(repairRequests, eq(repairRequests.id, stationClaims.requestId))
    .innerJoin(organizations, eq(organizations.id, stationClaims.stationId))
    .where(and(scope, filter.requestId ? eq(stationClaims.requestId, filter.requestId) : undefined, filter.status ? eq(stationClaims.status, filter.status) : undefined))
    .orderBy(desc(stationClaims.createdAt))
    .limit(200);
}

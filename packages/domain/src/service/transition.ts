import { eq, sql } from "drizzle-orm";
import { repairRequests, type RepairRequest, type RepairStatus, type Transaction } from "@cs/db";
import { recordAudit } from "../shared/audit";
import type { Ctx } from "../shared/context";
import { ValidationError } from "../shared/errors";
import { keyOf } from "../shared/idempotency";
import { answerRepairSurveyIn } from "../satisfaction/answer";
import { parseInput } from "../shared/parse";
import { lockRepairRequest, mutateOnce, recordRepairEvent } from "./events";
import { diagnosisInput, rateInput, requestRefInput, transitionInput } from "./inputs";
import { currentSlaDue } from "./sla";
import { allowedTransitions, audiencesOf, type ServiceAudience } from "./workflow";

const illegal = () => new ValidationError({ form: ["service.validation.illegalTransition"] }, "service.validation.illegalTransition");

/** Paid repairs (out of warranty, or not yet established) wait for the customer's yes to a quote. */
export function isPaidRepair(req: Pick<RepairRequest, "warrantyStatus">) {
  return req.warrantyStatus === "expired" || req.warrantyStatus === "unknown";
}

/** The request's own rules on top of the table: what a move needs before it may happen. */
function guard(req: RepairRequest, to: RepairStatus) {
  if (to === "accepted" && !req.stationId) throw new ValidationError({ form: ["service.validation.noStation"] }, "service.validation.noStation");
  if (req.status === "diagnosing" && !req.diagnosis) throw new ValidationError({ diagnosis: ["service.validation.diagnosisFirst"] }, "service.validation.diagnosisFirst");
  if ((to === "repairing" || to === "awaiting_parts") && isPaidRepair(req) && req.quoteStatus !== "approved")
    throw new ValidationError({ form: ["service.validation.quoteNotApproved"] }, "service.validation.quoteNotApproved");
}

/**
 * Moves a request to `to` if the workflow table allows it from its state for one of the actor's
 * audiences on this request, and the request's guards hold. Records the event and the audit, and
 * moves the running SLA deadline.
 */
export async function transitionRepair(ctx: Ctx, raw: unknown) {
  const input = parseInput(transitionInput, raw);
  return mutateOnce(ctx, raw, input, async (tx) => {
    const req = await lockRepairRequest(tx, ctx, input.requestId);
    if (!allowedTransitions(ctx.actor, req).includes(input.to)) throw illegal();
    guard(req, input.to);
    return applyTransition(tx, ctx, req, input.to, { comment: input.comment, resolution: input.resolution });
  });
}

export async function applyTransition(tx: Transaction, ctx: Ctx, req: RepairRequest, to: RepairStatus, extra: { comment?: string | null; resolution?: string | null; action?: string }) {
  const now = new Date();
  const patch: Partial<typeof repairRequests.$inferInsert> = {
    status: to,
    slaDueAt: currentSlaDue(to, req),
    updatedAt: now,
    version: sql`${repairRequests.version} + 1` as unknown as number,
  };
  if (to === "accepted") patch.respondedAt = now;
  if (to === "ready") {
    patch.resolvedAt = now;
    if (extra.resolution) patch.resolution = extra.resolution;
  }
  if (to === "closed" || to === "cancelled") patch.closedAt = now;
  await tx.update(repairRequests).set(patch).where(eq(repairRequests.id, req.id));
  await recordRepairEvent(tx, { requestId: req.id, action: extra.action ?? to, fromStatus: req.status, toStatus: to, actorId: ctx.actor.userId, comment: extra.comment ?? extra.resolution ?? null });
  await recordAudit(tx, ctx.actor, { action: `repair.${extra.action ?? to}`, entity: "repair_request", entityId: req.id, before: { status: req.status }, after: { status: to, comment: extra.comment ?? null } });
  return { requestId: req.id, status: to };
}

function requireAudience(ctx: Ctx, req: RepairRequest, audience: ServiceAudience) {
  if (!audiencesOf(ctx.actor, req).includes(audience)) throw illegal();
}

/** The station records its diagnosis while diagnosing, with a quote when the repair is to be paid. */
export async function recordDiagnosis(ctx: Ctx, raw: unknown) {
  const input = parseInput(diagnosisInput, raw);
  return mutateOnce(ctx, raw, input, async (tx) => {
    const req = await lockRepairRequest(tx, ctx, input.requestId);
    requireAudience(ctx, req, "station");
    if (req.status !== "diagnosing") throw illegal();
    if (isPaidRepair(req) && input.quoteYuan === undefined && req.quoteStatus !== "approved")
      throw new ValidationError({ quoteYuan: ["service.validation.quoteRequired"] }, "service.validation.quoteRequired");
    if (input.quoteYuan !== undefined && req.quoteStatus === "approved") throw new ValidationError({ quoteYuan: ["service.validation.quoteDecided"] }, "service.validation.quoteDecided");
    const quote = input.quoteYuan !== undefined ? { quoteAmountFen: input.quoteYuan, quoteNote: input.quoteNote, quoteStatus: "pending" as const, quoteDecidedAt: null } : {};
    await tx
      .update(repairRequests)
      .set({ diagnosis: input.diagnosis, ...quote, updatedAt: new Date(), version: sql`${repairRequests.version} + 1` })
      .where(eq(repairRequests.id, req.id));
    await recordRepairEvent(tx, { requestId: req.id, action: input.quoteYuan !== undefined ? "quoted" : "diagnosed", actorId: ctx.actor.userId, comment: input.diagnosis, details: input.quoteYuan !== undefined ? { quoteFen: input.quoteYuan.toString(), note: input.quoteNote } : null });
    await recordAudit(tx, ctx.actor, { action: "repair.diagnose", entity: "repair_request", entityId: req.id, before: { diagnosis: req.diagnosis, quoteFen: req.quoteAmountFen }, after: { diagnosis: input.diagnosis, quoteFen: input.quoteYuan ?? req.quoteAmountFen } });
    return { requestId: req.id };
  });
}

async function decideQuote(ctx: Ctx, raw: unknown, decision: "approved" | "refused") {
  const input = parseInput(requestRefInput, raw);
  return mutateOnce(ctx, raw, input, async (tx) => {
    const req = await lockRepairRequest(tx, ctx, input.requestId);
    requireAudience(ctx, req, "filer");
    if (req.quoteStatus !== "pending") throw new ValidationError({ form: ["service.validation.noPendingQuote"] }, "service.validation.noPendingQuote");
    const now = new Date();
    await tx.update(repairRequests).set({ quoteStatus: decision, quoteDecidedAt: now, updatedAt: now, version: sql`${repairRequests.version} + 1` }).where(eq(repairRequests.id, req.id));
    await recordRepairEvent(tx, { requestId: req.id, action: decision === "approved" ? "quote_approved" : "quote_refused", actorId: ctx.actor.userId, comment: input.comment, details: { quoteFen: req.quoteAmountFen?.toString() } });
    await recordAudit(tx, ctx.actor, { action: `repair.quote_${decision}`, entity: "repair_request", entityId: req.id, before: { quoteStatus: req.quoteStatus }, after: { quoteStatus: decision } });
    return { requestId: req.id, quoteStatus: decision };
  });
}

/** The customer (or filing dealer) says yes to the quote; the station may repair. */
export const approveQuote = (ctx: Ctx, raw: unknown) => decideQuote(ctx, raw, "approved");
/** The customer says no; the station returns the device unrepaired (diagnosing → ready). */
export const refuseQuote = (ctx: Ctx, raw: unknown) => decideQuote(ctx, raw, "refused");

/** The filer cancels before the device is received (the table allows it only then). */
export function cancelRepair(ctx: Ctx, raw: unknown) {
  const input = parseInput(requestRefInput, raw);
  return transitionRepair(ctx, { _key: keyOf(raw), requestId: input.requestId, to: "cancelled", comment: input.comment ?? undefined });
}

/**
 * The filer rates a closed request: the answer to the repair's survey (docs/decisions/038), once,
 * while the survey is open; the request's timeline records it.
 */
export async function rateRepair(ctx: Ctx, raw: unknown) {
  const input = parseInput(rateInput, raw);
  return mutateOnce(ctx, raw, input, async (tx) => {
    const req = await lockRepairRequest(tx, ctx, input.requestId);
    requireAudience(ctx, req, "filer");
    if (req.status !== "closed") throw new ValidationError({ rating: ["service.validation.rateWhenClosed"] }, "service.validation.rateWhenClosed");
    const answer = await answerRepairSurveyIn(tx, ctx.actor, req.id, { score: input.rating, comment: input.comment }, keyOf(raw)).catch((error: unknown) => {
      // the survey's refusal, on the page's star field
      if (error instanceof ValidationError) throw new ValidationError({ rating: error.fieldErrors.score ?? [error.code] }, error.code);
      throw error;
    });
    await recordRepairEvent(tx, { requestId: req.id, action: "rated", actorId: ctx.actor.userId, comment: input.comment, details: { rating: input.rating } });
    return { requestId: req.id, rating: answer.score };
  });
}

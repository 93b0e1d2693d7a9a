import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { leadEvents, leads, type Transaction } from "@cs/db";
import { authorize } from "../access/authorize";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { ConflictError, NotFoundError, ValidationError } from "../shared/errors";
import { isUuid, parseInput } from "../shared/parse";
import { optionalText, requiredText } from "../validation/fields";
import { mayAcceptAt, partnerMoves } from "./lead-rules";
import { leadScope } from "./leads-scope";

/** The partner's own lead, locked; another partner's (or a pool lead) is NotFound. */
async function lockOwnLead(tx: Transaction, ctx: Ctx, leadId: string) {
  authorize(ctx.actor, "own_lead:work");
  if (!isUuid(leadId)) throw new NotFoundError("lead");
  const [lead] = await tx.select().from(leads).where(and(eq(leads.id, leadId), leadScope(ctx.actor))).for("update");
  if (!lead) throw new NotFoundError("lead");
  return lead;
}

const leadIdInput = z.object({ leadId: z.string() });

/** The partner accepts a lead assigned to it, until its accept-by deadline; after it, refused. */
export async function acceptLead(ctx: Ctx, raw: unknown) {
  const input = parseInput(leadIdInput, raw);
  return inTransaction(ctx, async (tx) => {
    const lead = await lockOwnLead(tx, ctx, input.leadId);
    if (!partnerMoves(lead.status).accept) throw new ConflictError("leads.errors.notAwaitingAcceptance");
    const now = new Date();
    if (!mayAcceptAt(lead.acceptBy, now)) throw new ConflictError("leads.errors.acceptExpired");
    await tx.update(leads).set({ status: "accepted", acceptedAt: now, updatedAt: now }).where(eq(leads.id, lead.id));
    await tx.insert(leadEvents).values({ leadId: lead.id, organizationId: lead.organizationId, kind: "accepted", actorId: ctx.actor.userId, createdAt: now });
    await recordAudit(tx, ctx.actor, { action: "lead.accept", entity: "lead", entityId: lead.id, before: { status: lead.status }, after: { status: "accepted" } });
    return { leadId: lead.id, status: "accepted" as const };
  });
}

export const declineLeadInput = z.object({ leadId: z.string(), reason: requiredText(500) });

/**
 * The partner declines a lead assigned to it, with a reason: it goes back to the pool, marked for the
 * worker (sweepOverdueLeads) to pass on to the next partner by the rule — never this one again.
 */
export async function declineLead(ctx: Ctx, raw: unknown) {
  const input = parseInput(declineLeadInput, raw);
  return inTransaction(ctx, async (tx) => {
    const lead = await lockOwnLead(tx, ctx, input.leadId);
    if (!partnerMoves(lead.status).decline) throw new ConflictError("leads.errors.notAwaitingAcceptance");
    const now = new Date();
    // the event first: once handed back the lead is no longer this partner's to write about
    await tx.insert(leadEvents).values({ leadId: lead.id, organizationId: lead.organizationId, kind: "declined", note: input.reason, actorId: ctx.actor.userId, createdAt: now });
    const [handed] = await tx.execute<{ n: number }>(sql`select cs_lead_hand_back(${lead.id}::uuid, ${lead.organizationId}::uuid, ${now.toISOString()}::timestamptz) as n`);
    if (!handed?.n) throw new ConflictError("leads.errors.notAwaitingAcceptance");
    await recordAudit(tx, ctx.actor, { action: "lead.decline", entity: "lead", entityId: lead.id, before: { status: lead.status, organizationId: lead.organizationId }, after: { status: "returned", reason: input.reason } });
    return { leadId: lead.id, status: "returned" as const };
  });
}

export const progressLeadInput = z.object({ leadId: z.string(), nextStep: requiredText(500) });

/** The partner records where an accepted lead stands: it is worked, with the next step. */
export async function progressLead(ctx: Ctx, raw: unknown) {
  const input = parseInput(progressLeadInput, raw);
  return inTransaction(ctx, async (tx) => {
    const lead = await lockOwnLead(tx, ctx, input.leadId);
    if (!partnerMoves(lead.status).progress) throw new ConflictError("leads.errors.notWorkable");
    const now = new Date();
    await tx.update(leads).set({ status: "working", nextStep: input.nextStep, updatedAt: now }).where(eq(leads.id, lead.id));
    await tx.insert(leadEvents).values({ leadId: lead.id, organizationId: lead.organizationId, kind: "status", note: input.nextStep, data: { status: "working" }, actorId: ctx.actor.userId, createdAt: now });
    await recordAudit(tx, ctx.actor, { action: "lead.progress", entity: "lead", entityId: lead.id, before: { status: lead.status, nextStep: lead.nextStep }, after: { status: "working", nextStep: input.nextStep } });
    return { leadId: lead.id, status: "working" as const };
  });
}

export const loseLeadInput = z.object({ leadId: z.string(), lostReason: requiredText(500), competitor: optionalText(200) });

/** The partner closes a lead as lost, saying why and to which competitor if any. */
export async function loseLead(ctx: Ctx, raw: unknown) {
  const input = parseInput(loseLeadInput, raw);
  return inTransaction(ctx, async (tx) => {
    const lead = await lockOwnLead(tx, ctx, input.leadId);
    if (!partnerMoves(lead.status).lose) throw new ConflictError("leads.errors.notWorkable");
    const now = new Date();
    await tx.update(leads).set({ status: "lost", lostReason: input.lostReason, competitor: input.competitor ?? null, updatedAt: now }).where(eq(leads.id, lead.id));
    await tx.insert(leadEvents).values({ leadId: lead.id, organizationId: lead.organizationId, kind: "lost", note: input.lostReason, data: { competitor: input.competitor ?? null }, actorId: ctx.actor.userId, createdAt: now });
    await recordAudit(tx, ctx.actor, { action: "lead.lose", entity: "lead", entityId: lead.id, before: { status: lead.status }, after: { status: "lost", lostReason: input.lostReason, competitor: input.competitor ?? null } });
    return { leadId: lead.id, status: "lost" as const };
  });
}

/**
 * Inside the registration's transaction: the partner's accepted lead becomes won, linked to the
 * deal registration it was converted to. A lead that is not the partner's, or not being worked, is
 * refused on the registration form (nothing is registered then).
 */
export async function convertLeadToDeal(tx: Transaction, ctx: Ctx, leadId: string, registrationId: string) {
  const lead = await lockOwnLead(tx, ctx, leadId);
  if (!partnerMoves(lead.status).convert) throw new ValidationError({ form: ["leads.errors.notConvertible"] });
  const now = new Date();
  await tx.update(leads).set({ status: "won", dealRegistrationId: registrationId, updatedAt: now }).where(eq(leads.id, lead.id));
  await tx.insert(leadEvents).values({ leadId: lead.id, organizationId: lead.organizationId, kind: "converted", data: { registrationId }, actorId: ctx.actor.userId, createdAt: now });
  await recordAudit(tx, ctx.actor, { action: "lead.convert", entity: "lead", entityId: lead.id, before: { status: lead.status }, after: { status: "won", dealRegistrationId: registrationId } });
}

import { and, asc, eq, inArray, lt, lte, sql } from "drizzle-orm";
import { z } from "zod";
import { auditLog, leadEvents, leads, organizations, type Database, type Lead, type Transaction } from "@cs/db";
import { authorize } from "../access/authorize";
import { notify } from "../notifications/notify";
import { loadBusinessCalendar } from "../service/calendar/load";
import { recordAudit, toAuditJson } from "../shared/audit";
import { shanghaiDateTime } from "../shared/dates";
import { inTransaction, type Ctx } from "../shared/context";
import { ConflictError, NotFoundError, ValidationError } from "../shared/errors";
import { isUuid, parseInput } from "../shared/parse";
import { blankToUndefined } from "../validation/fields";
import { leadAcceptBy, leadOpenStatuses, leadPoolStatuses } from "./lead-rules";

/** Organizations a lead may go to: the channel's selling partners. */
export const leadPartnerKinds = ["dealer", "agent", "master_distributor"] as const;

export const assignLeadInput = z.object({
  leadId: z.string(),
  /** Blank assigns by the rule; a partner's code assigns by hand. */
  partnerCode: z.preprocess(blankToUndefined, z.string().trim().max(50, "validation.tooLong").optional()),
});

/**
 * The partner the rule gives a lead to, or null: among active selling partners the lead has never
 * been assigned to, those in the lead's province first, then those in its region (the region most
 * partners in that province have), then by tier (strategic first), then by the fewest open leads, then
 * by code so the choice is stable.
 */
export async function pickPartner(tx: Transaction, lead: Pick<Lead, "id" | "province">): Promise<string | null> {
  const province = lead.province ?? null;
  const [row] = await tx.execute<{ id: string }>(sql`
    select o.id
      from organizations o
     where o.kind in ('dealer', 'agent', 'master_distributor') and o.status = 'active'
       and not exists (select 1 from lead_events e where e.lead_id = ${lead.id}::uuid and e.kind = 'assigned' and e.organization_id = o.id)
     order by (o.province = ${province}::text) is true desc,
              (o.region = (select mode() within group (order by p.region) from organizations p where p.province = ${province}::text)) is true desc,
              case o.tier when 'strategic' then 0 when 'gold' then 1 when 'silver' then 2 when 'bronze' then 3 else 4 end,
              (select count(*) from leads l where l.organization_id = o.id and l.status in ('assigned', 'accepted', 'working')),
              o.code
     limit 1`);
  return row?.id ?? null;
}

/**
 * Gives a pool lead to a partner until the accept-by deadline, and tells the partner's users who
 * work leads (a notice, and an e-mail through the outbox) in the same transaction; the caller
 * holds the lead's lock.
 */
async function giveTo(tx: Transaction, lead: Lead, organizationId: string, actorId: string | null, how: LeadHandOn, now: Date) {
  const acceptBy = leadAcceptBy(now, await loadBusinessCalendar(tx));
  await tx.update(leads).set({ status: "assigned", organizationId, assignedAt: now, acceptBy, acceptedAt: null, reassignAt: null, updatedAt: now }).where(eq(leads.id, lead.id));
  await tx.insert(leadEvents).values({ leadId: lead.id, organizationId, kind: "assigned", data: { how, acceptBy: acceptBy.toISOString() }, actorId, createdAt: now });
  await notify(tx, {
    audiences: [{ organizationId, permission: "own_lead:work" }],
    kind: "lead.assigned",
    entityType: "lead",
    entityId: lead.id,
    params: { lead: lead.company ?? lead.name, acceptBy: shanghaiDateTime(acceptBy) },
  });
  return acceptBy;
}

type LeadHandOn = "rule" | "hand" | "sweep" | "declined";

async function lockLead(tx: Transaction, leadId: string) {
  if (!isUuid(leadId)) throw new NotFoundError("lead");
  const [lead] = await tx.select().from(leads).where(eq(leads.id, leadId)).for("update");
  if (!lead) throw new NotFoundError("lead");
  return lead;
}

/**
 * Staff (lead:manage) assign a pool lead (new or returned) to a partner: by hand, naming the
 * partner's code, or by the rule (pickPartner). The partner then has LEAD_ACCEPT_HOURS business
 * hours to accept. A lead never goes back to a partner it was assigned to before.
 */
export async function assignLead(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "lead:manage");
  const input = parseInput(assignLeadInput, raw);
  return inTransaction(ctx, async (tx) => {
    const lead = await lockLead(tx, input.leadId);
    if (!leadPoolStatuses.includes(lead.status)) throw new ConflictError("leads.errors.notInPool");
    let organizationId: string | null;
    if (input.partnerCode) {
      const [org] = await tx
        .select({ id: organizations.id })
        .from(organizations)
        .where(and(eq(organizations.code, input.partnerCode.toUpperCase()), inArray(organizations.kind, [...leadPartnerKinds]), eq(organizations.status, "active")));
      if (!org) throw new ValidationError({ partnerCode: ["leads.errors.unknownPartner"] });
      const [before] = await tx.select({ id: leadEvents.id }).from(leadEvents).where(and(eq(leadEvents.leadId, lead.id), eq(leadEvents.kind, "assigned"), eq(leadEvents.organizationId, org.id))).limit(1);
      if (before) throw new ValidationError({ partnerCode: ["leads.errors.hadItBefore"] });
      organizationId = org.id;
    } else {
      organizationId = await pickPartner(tx, lead);
      if (!organizationId) throw new ConflictError("leads.errors.noPartner");
    }
    const now = new Date();
    const acceptBy = await giveTo(tx, lead, organizationId, ctx.actor.userId, input.partnerCode ? "hand" : "rule", now);
    await recordAudit(tx, ctx.actor, {
      action: "lead.assign",
      entity: "lead",
      entityId: lead.id,
      before: { status: lead.status, organizationId: lead.organizationId },
      after: { status: "assigned", organizationId, acceptBy, how: input.partnerCode ? "hand" : "rule" },
    });
    return { leadId: lead.id, organizationId, acceptBy };
  });
}

/** Staff take a lead back from its partner (assigned, accepted or working) into the pool. */
export async function unassignLead(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "lead:manage");
  const input = parseInput(z.object({ leadId: z.string() }), raw);
  return inTransaction(ctx, async (tx) => {
    const lead = await lockLead(tx, input.leadId);
    if (!leadOpenStatuses.includes(lead.status)) throw new ConflictError("leads.errors.notAssigned");
    const now = new Date();
    await tx.update(leads).set({ status: "returned", organizationId: null, assignedAt: null, acceptBy: null, acceptedAt: null, updatedAt: now }).where(eq(leads.id, lead.id));
    await tx.insert(leadEvents).values({ leadId: lead.id, organizationId: lead.organizationId, kind: "unassigned", actorId: ctx.actor.userId, createdAt: now });
    await recordAudit(tx, ctx.actor, { action: "lead.unassign", entity: "lead", entityId: lead.id, before: { status: lead.status, organizationId: lead.organizationId }, after: { status: "returned", organizationId: null } });
    return { leadId: lead.id };
  });
}

export type SweepResult = { returned: number; reassigned: number; declined: number };

/**
 * The worker's sweep: every lead still unaccepted past its accept-by deadline goes back to the pool
 * (an `expired` event naming the partner) and on to the next partner by the rule — never one it
 * went to before; with none left it stays in the pool as returned. A lead a partner declined
 * (marked `reassign_at` by the hand-back) goes on the same way. Each lead in its own short
 * transaction, claimed with SKIP LOCKED so two workers never sweep the same lead.
 */
export async function sweepOverdueLeads(db: Database, now: Date = new Date(), batch = 100): Promise<SweepResult> {
  const result: SweepResult = { returned: 0, reassigned: 0, declined: 0 };
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const [lead] = await tx
        .select()
        .from(leads)
        .where(and(eq(leads.status, "assigned"), lt(leads.acceptBy, now)))
        .orderBy(asc(leads.acceptBy))
        .limit(1)
        .for("update", { skipLocked: true });
      if (!lead) return false;
      await tx.update(leads).set({ status: "returned", organizationId: null, assignedAt: null, acceptBy: null, updatedAt: now }).where(eq(leads.id, lead.id));
      await tx.insert(leadEvents).values({ leadId: lead.id, organizationId: lead.organizationId, kind: "expired", data: { acceptBy: lead.acceptBy?.toISOString() ?? null }, createdAt: now });
      const next = await handOn(tx, { ...lead, status: "returned", organizationId: null }, "sweep", now);
      await tx.insert(auditLog).values({
        actorId: null,
        action: "lead.expire",
        entity: "lead",
        entityId: lead.id,
        before: toAuditJson({ status: lead.status, organizationId: lead.organizationId, acceptBy: lead.acceptBy }),
        after: toAuditJson(next ?? { status: "returned", organizationId: null }),
      });
      result.returned++;
      if (next) result.reassigned++;
      return true;
    });
    if (!done || result.returned >= batch) break;
  }
  if (result.returned >= batch) return result;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const [lead] = await tx
        .select()
        .from(leads)
        .where(and(inArray(leads.status, [...leadPoolStatuses]), lte(leads.reassignAt, now)))
        .orderBy(asc(leads.reassignAt))
        .limit(1)
        .for("update", { skipLocked: true });
      if (!lead) return false;
      const next = await handOn(tx, lead, "declined", now);
      // with no partner left it stays in the pool for staff, no longer marked
      if (!next) await tx.update(leads).set({ reassignAt: null }).where(eq(leads.id, lead.id));
      await tx.insert(auditLog).values({
        actorId: null,
        action: "lead.reassign",
        entity: "lead",
        entityId: lead.id,
        before: toAuditJson({ status: lead.status, organizationId: null }),
        after: toAuditJson(next ?? { status: lead.status, organizationId: null }),
      });
      result.declined++;
      if (next) result.reassigned++;
      return true;
    });
    if (!done || result.returned + result.declined >= batch) return result;
  }
}

/** A pool lead on to the next partner by the rule, if any is left. */
async function handOn(tx: Transaction, lead: Lead, how: LeadHandOn, now: Date) {
  const next = await pickPartner(tx, lead);
  if (!next) return null;
  const acceptBy = await giveTo(tx, lead, next, null, how, now);
  return { status: "assigned" as const, organizationId: next, acceptBy };
}

import { and, asc, count, desc, eq, ilike, inArray, isNotNull, or } from "drizzle-orm";
import { z } from "zod";
import { campaigns, dealRegistrations, leadEvents, leads, leadSources, leadStatuses, organizations, users, type LeadSource, type LeadStatus } from "@cs/db";
import type { Actor } from "../access/actor";
import { authorize, can } from "../access/authorize";
import type { Ctx } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { likePattern, listQuerySchema, type Page } from "../shared/list-query";
import { isUuid } from "../shared/parse";
import { mayAcceptAt, leadOpenStatuses, partnerMoves, leadPoolStatuses } from "./lead-rules";
import { leadScope } from "./leads-scope";

export const leadListQuery = listQuerySchema(["createdAt", "acceptBy", "name"] as const, "createdAt").extend({
  dir: z.enum(["asc", "desc"]).catch("desc"),
  status: z.enum(leadStatuses).optional().catch(undefined),
  source: z.enum(leadSources).optional().catch(undefined),
  campaign: z.uuid().optional().catch(undefined),
});
export type LeadListQuery = z.output<typeof leadListQuery>;

function authorizeRead(actor: Actor) {
  authorize(actor, actor.kind === "staff" ? "lead:manage" : "own_lead:work");
}

export type LeadRow = {
  id: string;
  name: string;
  company: string | null;
  mobile: string | null;
  email: string | null;
  province: string | null;
  city: string | null;
  interest: string | null;
  source: LeadSource;
  campaign: string | null;
  status: LeadStatus;
  partner: string | null;
  partnerCode: string | null;
  acceptBy: Date | null;
  createdAt: Date;
};

/** Leads filtered, sorted and paged in SQL: every lead for marketing staff, the partner's own in the portal. */
export async function listLeads(ctx: Ctx, query: LeadListQuery): Promise<Page<LeadRow>> {
  authorizeRead(ctx.actor);
  const where = and(
    leadScope(ctx.actor),
    query.status ? eq(leads.status, query.status) : undefined,
    query.source ? eq(leads.source, query.source) : undefined,
    query.campaign ? eq(leads.campaignId, query.campaign) : undefined,
    query.q
      ? or(
          ilike(leads.name, likePattern(query.q)),
          ilike(leads.company, likePattern(query.q)),
          ilike(leads.mobile, likePattern(query.q)),
          ilike(leads.email, likePattern(query.q)),
          ilike(leads.city, likePattern(query.q)),
          ilike(organizations.code, likePattern(query.q)),
        )
      : undefined,
  );
  const order = query.dir === "desc" ? desc : asc;
  const sortColumns = { createdAt: leads.createdAt, acceptBy: leads.acceptBy, name: leads.name };
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        id: leads.id,
        name: leads.name,
        company: leads.company,
        mobile: leads.mobile,
        email: leads.email,
        province: leads.province,
        city: leads.city,
        interest: leads.interest,
        source: leads.source,
        campaign: campaigns.name,
        status: leads.status,
        partner: organizations.name,
        partnerCode: organizations.code,
        acceptBy: leads.acceptBy,
        createdAt: leads.createdAt,
      })
      .from(leads)
      .leftJoin(organizations, eq(organizations.id, leads.organizationId))
      .leftJoin(campaigns, eq(campaigns.id, leads.campaignId))
      .where(where)
      .orderBy(order(sortColumns[query.sort]), desc(leads.id))
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    ctx.db.select({ n: count() }).from(leads).leftJoin(organizations, eq(organizations.id, leads.organizationId)).where(where),
  ]);
  return { rows, total: total?.n ?? 0, page: query.page, size: query.size };
}

/** One lead with its history; NotFound out of scope (another partner's id, or a pool lead for a partner). */
export async function getLead(ctx: Ctx, leadId: string) {
  authorizeRead(ctx.actor);
  if (!isUuid(leadId)) throw new NotFoundError("lead");
  const [lead] = await ctx.db
    .select({
      id: leads.id,
      name: leads.name,
      company: leads.company,
      mobile: leads.mobile,
      email: leads.email,
      creditCode: leads.creditCode,
      province: leads.province,
      city: leads.city,
      interest: leads.interest,
      source: leads.source,
      campaignId: leads.campaignId,
      campaign: campaigns.name,
      status: leads.status,
      organizationId: leads.organizationId,
      partner: organizations.name,
      partnerCode: organizations.code,
      assignedAt: leads.assignedAt,
      acceptBy: leads.acceptBy,
      acceptedAt: leads.acceptedAt,
      nextStep: leads.nextStep,
      lostReason: leads.lostReason,
      competitor: leads.competitor,
      dealRegistrationId: leads.dealRegistrationId,
      dealNumber: dealRegistrations.number,
      createdAt: leads.createdAt,
    })
    .from(leads)
    .leftJoin(organizations, eq(organizations.id, leads.organizationId))
    .leftJoin(campaigns, eq(campaigns.id, leads.campaignId))
    .leftJoin(dealRegistrations, eq(dealRegistrations.id, leads.dealRegistrationId))
    .where(and(eq(leads.id, leadId), leadScope(ctx.actor)));
  if (!lead) throw new NotFoundError("lead");
  const staff = ctx.actor.kind === "staff";
  // a partner reads only the events naming it (the RLS policy says the same)
  const events = await ctx.db
    .select({ id: leadEvents.id, kind: leadEvents.kind, note: leadEvents.note, data: leadEvents.data, partner: organizations.name, actor: users.displayName, createdAt: leadEvents.createdAt })
    .from(leadEvents)
    .leftJoin(organizations, eq(organizations.id, leadEvents.organizationId))
    .leftJoin(users, eq(users.id, leadEvents.actorId))
    .where(and(eq(leadEvents.leadId, lead.id), staff ? undefined : eq(leadEvents.organizationId, ctx.actor.organizationId ?? "")))
    .orderBy(asc(leadEvents.createdAt), asc(leadEvents.id));
  const moves = staff ? partnerMoves("new") : partnerMoves(lead.status);
  const now = new Date();
  return {
    lead,
    events: staff ? events : events.map((e) => ({ ...e, actor: null })),
    mayAssign: staff && leadPoolStatuses.includes(lead.status) && can(ctx.actor, "lead:manage"),
    mayUnassign: staff && leadOpenStatuses.includes(lead.status) && can(ctx.actor, "lead:manage"),
    /** Past the deadline the accept button stays but the answer is the translated refusal. */
    acceptOverdue: lead.status === "assigned" && !mayAcceptAt(lead.acceptBy, now),
    moves,
  };
}

/** What the deal registration form prefills from the partner's lead it converts. */
export async function leadForDeal(ctx: Ctx, leadId: string) {
  authorize(ctx.actor, "own_lead:work");
  if (!isUuid(leadId)) throw new NotFoundError("lead");
  const [lead] = await ctx.db
    .select({ id: leads.id, company: leads.company, name: leads.name, creditCode: leads.creditCode, status: leads.status })
    .from(leads)
    .where(and(eq(leads.id, leadId), leadScope(ctx.actor)));
  if (!lead || !partnerMoves(lead.status).convert) throw new NotFoundError("lead");
  return { leadId: lead.id, customerName: lead.company ?? lead.name, customerCreditCode: lead.creditCode ?? "" };
}

/** Campaigns for the lead filters and the landing-code form (newest first). */
export async function leadCampaigns(ctx: Ctx) {
  authorize(ctx.actor, "lead:manage");
  return ctx.db
    .select({ id: campaigns.id, number: campaigns.number, name: campaigns.name, code: campaigns.code, status: campaigns.status })
    .from(campaigns)
    .where(inArray(campaigns.status, ["draft", "approved", "running", "closed"]))
    .orderBy(desc(campaigns.startsOn), desc(campaigns.number))
    .limit(200);
}

/** The partner's leads waiting for its acceptance, for badges. */
export async function countLeadsToAccept(ctx: Ctx) {
  if (ctx.actor.kind !== "partner" || !can(ctx.actor, "own_lead:work")) return 0;
  const [row] = await ctx.db.select({ n: count() }).from(leads).where(and(leadScope(ctx.actor), eq(leads.status, "assigned"), isNotNull(leads.acceptBy)));
  return row?.n ?? 0;
}

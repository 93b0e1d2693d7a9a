import { sql } from "drizzle-orm";
import { check, index, inet, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { dealRegistrations } from "./deals";
import { campaigns } from "./marketing";
import { organizations } from "./organizations";
import { users } from "./users";

export const leadStatuses = ["new", "assigned", "accepted", "working", "won", "lost", "returned"] as const;
export type LeadStatus = (typeof leadStatuses)[number];
export const leadStatus = pgEnum("lead_status", leadStatuses);

export const leadSources = ["landing", "import", "staff"] as const;
export type LeadSource = (typeof leadSources)[number];
export const leadSource = pgEnum("lead_source", leadSources);

export const leadEventKinds = ["captured", "merged", "assigned", "unassigned", "accepted", "declined", "expired", "status", "lost", "converted"] as const;
export type LeadEventKind = (typeof leadEventKinds)[number];
export const leadEventKind = pgEnum("lead_event_kind", leadEventKinds);

/**
 * A sales lead (线索) from a campaign landing form, an import or staff. It sits in the pool (`new`,
 * `returned`) until assigned to one partner (`organization_id`), who must accept it by
 * `accept_by` (business hours) or it returns to the pool for the next partner. A second lead
 * with the same mobile, e-mail or credit code is merged into the first as an event, never a row.
 */
export const leads = pgTable(
  "leads",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    company: text(),
    /** Normalised (11 digits). */
    mobile: text(),
    /** Lower case. */
    email: text(),
    /** 统一社会信用代码, upper case. */
    creditCode: text(),
    province: text(),
    city: text(),
    interest: text(),
    source: leadSource().notNull(),
    campaignId: uuid().references(() => campaigns.id),
    status: leadStatus().notNull().default("new"),
    /** The partner working it; null while in the pool. */
    organizationId: uuid().references(() => organizations.id),
    assignedAt: timestamp({ withTimezone: true }),
    acceptBy: timestamp({ withTimezone: true }),
    acceptedAt: timestamp({ withTimezone: true }),
    /** Set when a partner declines: the worker hands the pool lead on to the next partner by the rule. */
    reassignAt: timestamp({ withTimezone: true }),
    nextStep: text(),
    lostReason: text(),
    competitor: text(),
    dealRegistrationId: uuid().references(() => dealRegistrations.id),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("leads_status_created_at_idx").on(t.status, t.createdAt),
    index("leads_organization_id_status_idx").on(t.organizationId, t.status),
    index("leads_mobile_idx").on(t.mobile).where(sql`${t.mobile} is not null`),
    index("leads_email_idx").on(t.email).where(sql`${t.email} is not null`),
    index("leads_credit_code_idx").on(t.creditCode).where(sql`${t.creditCode} is not null`),
    index("leads_accept_by_idx").on(t.acceptBy).where(sql`${t.status} = 'assigned'`),
    index("leads_reassign_at_idx").on(t.reassignAt).where(sql`${t.reassignAt} is not null`),
    index("leads_campaign_id_idx").on(t.campaignId),
    check("leads_contact", sql`${t.mobile} is not null or ${t.email} is not null or ${t.creditCode} is not null`),
    check("leads_assignment", sql`(${t.status} in ('new', 'returned')) = (${t.organizationId} is null)`),
    check("leads_assigned_deadline", sql`${t.status} <> 'assigned' or ${t.acceptBy} is not null`),
  ],
);

/**
 * What happened to a lead, in order: captures merged into it, assignments (with the partner, so the
 * next assignment never picks a partner the lead already went to), acceptance, status changes. A
 * partner reads only the events that name its own organization.
 */
export const leadEvents = pgTable(
  "lead_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    leadId: uuid()
      .notNull()
      .references(() => leads.id),
    organizationId: uuid().references(() => organizations.id),
    kind: leadEventKind().notNull(),
    note: text(),
    data: jsonb(),
    actorId: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("lead_events_lead_id_created_at_idx").on(t.leadId, t.createdAt), index("lead_events_organization_id_kind_idx").on(t.organizationId, t.kind)],
);

/**
 * Each submission of a public landing form, kept or not: the consent text the visitor agreed to,
 * the client address (the per-IP rate limit counts these rows) and what became of it.
 */
export const leadCaptures = pgTable(
  "lead_captures",
  {
    id: uuid().primaryKey().defaultRandom(),
    campaignId: uuid()
      .notNull()
      .references(() => campaigns.id),
    leadId: uuid().references(() => leads.id),
    /** created, merged, or dropped (the honeypot was filled). */
    outcome: text().notNull(),
    consentText: text().notNull(),
    ip: inet(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("lead_captures_ip_created_at_idx").on(t.ip, t.createdAt), check("lead_captures_outcome", sql`${t.outcome} in ('created', 'merged', 'dropped')`)],
);

export type Lead = typeof leads.$inferSelect;
export type LeadEvent = typeof leadEvents.$inferSelect;

import { sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { endCustomers } from "./contacts";
import { orders } from "./orders";
import { organizations } from "./organizations";
import { divisions, productLines } from "./products";
import { repairRequests } from "./service";
import { users } from "./users";

/** CSAT after a delivery, CSAT after a repair closes, NPS each quarter for a partner. */
export const surveyKinds = ["delivery", "repair", "nps"] as const;
export type SurveyKind = (typeof surveyKinds)[number];
export const surveyKind = pgEnum("survey_kind", surveyKinds);

/**
 * One question put to one party (docs/decisions/038): the buying partner after a shipment is
 * delivered, the end customer (and the filing dealer) after a repair closes, a partner once a
 * quarter. Unique per kind, subject (shipment, repair request, organization) and period (the NPS
 * quarter, '' otherwise), so an event or a second worker run never asks twice. The link in the
 * e-mail carries a random token kept here only as its SHA-256 (`token_hash`); the answer is
 * written once (`answered_at`). Branch, station, product line, owner and division are copied when
 * the survey opens, so results group without re-deriving history.
 */
export const surveys = pgTable(
  "surveys",
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: surveyKind().notNull(),
    subjectId: uuid().notNull(),
    period: text().notNull().default(""),
    /** The partner asked (the buyer, the filing dealer, the NPS partner); null for a customer's own repair. */
    organizationId: uuid().references(() => organizations.id),
    endCustomerId: uuid().references(() => endCustomers.id),
    orderId: uuid().references(() => orders.id),
    repairRequestId: uuid().references(() => repairRequests.id),
    /** Whom the e-mail link was sent to; the link acts as this user. */
    respondentUserId: uuid().references(() => users.id),
    tokenHash: text(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    score: smallint(),
    comment: text(),
    answeredAt: timestamp({ withTimezone: true }),
    answeredBy: uuid().references(() => users.id),
    /** The idempotency key of the answer: the same submission again replays instead of failing. */
    answerKey: text(),
    branchId: uuid().references(() => organizations.id),
    stationId: uuid().references(() => organizations.id),
    productLineId: uuid().references(() => productLines.id),
    divisionId: uuid().references(() => divisions.id),
    ownerId: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("surveys_kind_subject_id_period_idx").on(t.kind, t.subjectId, t.period),
    uniqueIndex("surveys_token_hash_idx").on(t.tokenHash),
    index("surveys_organization_id_created_at_idx").on(t.organizationId, t.createdAt),
    index("surveys_end_customer_id_created_at_idx").on(t.endCustomerId, t.createdAt),
    index("surveys_answered_at_idx").on(t.answeredAt).where(sql`${t.answeredAt} is not null`),
    check("surveys_score", sql`${t.score} is null or (${t.kind} = 'nps' and ${t.score} between 0 and 10) or (${t.kind} <> 'nps' and ${t.score} between 1 and 5)`),
    check("surveys_party", sql`num_nonnulls(${t.organizationId}, ${t.endCustomerId}) > 0`),
  ],
);
export type Survey = typeof surveys.$inferSelect;

export const complaintCategories = ["product_quality", "delivery", "repair_service", "billing", "staff_conduct", "other"] as const;
export type ComplaintCategory = (typeof complaintCategories)[number];
export const complaintCategory = pgEnum("complaint_category", complaintCategories);

export const complaintSeverities = ["low", "normal", "high", "critical"] as const;
export type ComplaintSeverity = (typeof complaintSeverities)[number];
export const complaintSeverity = pgEnum("complaint_severity", complaintSeverities);

export const complaintStatuses = ["open", "in_progress", "resolved"] as const;
export type ComplaintStatus = (typeof complaintStatuses)[number];
export const complaintStatus = pgEnum("complaint_status", complaintStatuses);

/**
 * A complaint (投诉) by a partner or an end customer, filed in the portal or by staff for them:
 * category, severity, an owner on our staff, a resolution deadline in business hours by severity
 * (the service calendar, as repair SLAs and lead deadlines), the resolution; linked to an order or a
 * repair request of the complainant.
 */
export const complaints = pgTable(
  "complaints",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** TS-yyyy-nnnnnn (投诉). */
    number: text().notNull(),
    organizationId: uuid().references(() => organizations.id),
    endCustomerId: uuid().references(() => endCustomers.id),
    /** The complainant's owner branch when filed, for staff scopes. */
    branchId: uuid().references(() => organizations.id),
    orderId: uuid().references(() => orders.id),
    repairRequestId: uuid().references(() => repairRequests.id),
    category: complaintCategory().notNull(),
    severity: complaintSeverity().notNull(),
    subject: text().notNull(),
    description: text().notNull(),
    status: complaintStatus().notNull().default("open"),
    ownerId: uuid().references(() => users.id),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    resolution: text(),
    resolvedAt: timestamp({ withTimezone: true }),
    resolvedBy: uuid().references(() => users.id),
    filedBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    uniqueIndex("complaints_number_idx").on(t.number),
    index("complaints_organization_id_created_at_idx").on(t.organizationId, t.createdAt),
    index("complaints_end_customer_id_created_at_idx").on(t.endCustomerId, t.createdAt),
    // the staff list: open complaints by deadline
    index("complaints_status_due_at_idx").on(t.status, t.dueAt, t.id),
    check("complaints_party", sql`num_nonnulls(${t.organizationId}, ${t.endCustomerId}) > 0`),
    check("complaints_resolved", sql`(${t.status} = 'resolved') = (${t.resolvedAt} is not null)`),
  ],
);
export type Complaint = typeof complaints.$inferSelect;

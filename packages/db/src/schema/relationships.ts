import { sql } from "drizzle-orm";
import { check, date, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { contacts, endCustomers } from "./contacts";
import { organizations } from "./organizations";
import { divisions } from "./products";
import { users } from "./users";

/** How staff were in touch with an account (联系记录). */
export const activityKinds = ["call", "visit", "email", "wechat", "meeting", "note"] as const;
export type ActivityKind = (typeof activityKinds)[number];
export const activityKind = pgEnum("activity_kind", activityKinds);

/**
 * One contact with an account: who (a staff user), when, with whom (optionally one of its contacts),
 * what was said, the outcome and the next step. Orders, payments and repairs are not copied here;
 * the 360 page merges them into one timeline when it reads.
 */
export const activities = pgTable(
  "activities",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    contactId: uuid().references(() => contacts.id, { onDelete: "set null" }),
    kind: activityKind().notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    staffId: uuid()
      .notNull()
      .references(() => users.id),
    summary: text().notNull(),
    outcome: text(),
    nextStep: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("activities_organization_id_occurred_at_idx").on(t.organizationId, t.occurredAt.desc()),
    index("activities_staff_id_occurred_at_idx").on(t.staffId, t.occurredAt.desc()),
  ],
);

/** A follow-up for a staff user on an account: due at a time, optionally reminded, done or not. */
export const relationshipTasks = pgTable(
  "relationship_tasks",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    /** The activity whose next step this task is, when it was entered with one. */
    activityId: uuid().references(() => activities.id),
    title: text().notNull(),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    remindAt: timestamp({ withTimezone: true }),
    assigneeId: uuid()
      .notNull()
      .references(() => users.id),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    doneAt: timestamp({ withTimezone: true }),
    doneBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("relationship_tasks_assignee_id_due_at_idx").on(t.assigneeId, t.dueAt).where(sql`${t.doneAt} is null`),
    index("relationship_tasks_organization_id_due_at_idx").on(t.organizationId, t.dueAt),
    check("relationship_tasks_remind_before_due", sql`${t.remindAt} is null or ${t.remindAt} <= ${t.dueAt}`),
  ],
);

export type Activity = typeof activities.$inferSelect;
export type RelationshipTask = typeof relationshipTasks.$inferSelect;

/** What an explicit share grants: to read the record, or to edit it as well. */
export const shareAccesses = ["read", "edit"] as const;
export type ShareAccess = (typeof shareAccesses)[number];
export const shareAccess = pgEnum("share_access", shareAccesses);

/**
 * A record (an organization or an end customer) shared explicitly with one staff user, every user of
 * a branch, or every user limited to a division, to read or edit, until `expires_at`
 * (docs/decisions/029). Unsharing sets `revoked_at`; a share past its expiry or revoked applies no
 * more. Both are audited on the record.
 */
export const recordShares = pgTable(
  "record_shares",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid().references(() => organizations.id),
    endCustomerId: uuid().references(() => endCustomers.id),
    userId: uuid().references(() => users.id),
    branchId: uuid().references(() => organizations.id),
    divisionId: uuid().references(() => divisions.id),
    access: shareAccess().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp({ withTimezone: true }),
    revokedBy: uuid().references(() => users.id),
  },
  (t) => [
    check("record_shares_one_record", sql`num_nonnulls(${t.organizationId}, ${t.endCustomerId}) = 1`),
    check("record_shares_one_grantee", sql`num_nonnulls(${t.userId}, ${t.branchId}, ${t.divisionId}) = 1`),
    index("record_shares_organization_id_idx").on(t.organizationId).where(sql`${t.revokedAt} is null`),
    index("record_shares_end_customer_id_idx").on(t.endCustomerId).where(sql`${t.revokedAt} is null`),
    index("record_shares_user_id_idx").on(t.userId).where(sql`${t.revokedAt} is null`),
    index("record_shares_branch_id_idx").on(t.branchId).where(sql`${t.revokedAt} is null`),
    index("record_shares_division_id_idx").on(t.divisionId).where(sql`${t.revokedAt} is null`),
  ],
);

/**
 * What a care rule did (docs/decisions/030): one row per rule, subject (a contact, an organization)
 * and occasion (the birthday's date, the dormant partner's last order day). The daily run claims
 * occasions here before acting, in the same statement, so a second run sends nothing twice.
 */
export const careEvents = pgTable(
  "care_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    rule: text().notNull(),
    subjectId: uuid().notNull(),
    occasion: date().notNull(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("care_events_rule_subject_id_occasion_idx").on(t.rule, t.subjectId, t.occasion),
    index("care_events_organization_id_idx").on(t.organizationId),
  ],
);

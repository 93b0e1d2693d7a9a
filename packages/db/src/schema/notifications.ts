import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/** In-app notices; `kind` is a translation key suffix, `params` its interpolation values. */
export const notifications = pgTable(
  "notifications",
  {
    id: bigint({ mode: "bigint" }).primaryKey().generatedAlwaysAsIdentity(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    kind: text().notNull(),
    entityType: text().notNull(),
    entityId: text().notNull(),
    params: jsonb().notNull().default(sql`'{}'::jsonb`),
    readAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("notifications_user_id_id_idx").on(t.userId, t.id),
    index("notifications_unread_idx").on(t.userId).where(sql`${t.readAt} is null`),
  ],
);

export const outboxStatuses = ["pending", "sent", "failed"] as const;
export const outboxStatus = pgEnum("outbox_status", outboxStatuses);
export const outboxChannels = ["email", "sms"] as const;
export const outboxChannel = pgEnum("outbox_channel", outboxChannels);

/**
 * E-mails and text messages written in the same transaction as the change they announce, sent later
 * by the worker through the transport of their channel (the table kept its first name).
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: bigint({ mode: "bigint" }).primaryKey().generatedAlwaysAsIdentity(),
    channel: outboxChannel().notNull().default("email"),
    toAddress: text().notNull(),
    locale: text().notNull().default("zh-CN"),
    template: text().notNull(),
    params: jsonb().notNull().default(sql`'{}'::jsonb`),
    status: outboxStatus().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    lastError: text(),
    /** Not picked before this time: now at insert, pushed back exponentially after each failure. */
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("email_outbox_pending_idx").on(t.id).where(sql`${t.status} = 'pending'`),
    index("email_outbox_due_idx").on(t.nextAttemptAt, t.id).where(sql`${t.status} = 'pending'`),
  ],
);

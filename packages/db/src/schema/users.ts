import { index, inet, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { userKind } from "./enums";
import { endCustomers } from "./contacts";
import { organizations } from "./organizations";
import { divisions } from "./products";

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: userKind().notNull(),
    /** Lower-cased e-mail or mainland mobile number. */
    login: text().notNull(),
    displayName: text().notNull(),
    passwordHash: text().notNull(),
    organizationId: uuid().references(() => organizations.id),
    endCustomerId: uuid().references(() => endCustomers.id),
    locale: text(),
    status: text().notNull().default("active"),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    passwordChangedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** When a code sent to the login proved that the user holds it; null until then (self-registration). */
    loginVerifiedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex("users_login_idx").on(t.login), index("users_organization_id_idx").on(t.organizationId)],
);

export const userRoles = pgTable(
  "user_roles",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] })],
);

/** Staff visibility: the branches and divisions a staff user works in. */
export const userBranches = pgTable(
  "user_branches",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    branchId: uuid()
      .notNull()
      .references(() => organizations.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.branchId] })],
);

export const userDivisions = pgTable(
  "user_divisions",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    divisionId: uuid()
      .notNull()
      .references(() => divisions.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.divisionId] })],
);

export const sessions = pgTable(
  "sessions",
  {
    /** SHA-256 of the random token held in the cookie, so a leaked table cannot be replayed. */
    id: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    csrfToken: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
    ip: inet(),
    userAgent: text(),
  },
  (t) => [index("sessions_user_id_idx").on(t.userId)],
);

export const loginFailures = pgTable(
  "login_failures",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** `account:<login>` or `ip:<address>` */
    key: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("login_failures_key_at_idx").on(t.key, t.at)],
);

/**
 * One-time codes sent to a user's login (SMS or e-mail) to prove they hold it. Only a salted hash of
 * the code is kept; a row is spent by the right code, by too many attempts or by its expiry.
 */
export const loginVerifications = pgTable(
  "login_verifications",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The login the code went to, so a code cannot prove a login the user no longer has. */
    target: text().notNull(),
    codeHash: text().notNull(),
    /** The client that asked for the code: sends are limited per client too (SMS costs money). */
    requestedIp: inet(),
    attempts: integer().notNull().default(0),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    consumedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("login_verifications_user_id_created_at_idx").on(t.userId, t.createdAt),
    index("login_verifications_requested_ip_created_at_idx").on(t.requestedIp, t.createdAt),
  ],
);

/**
 * A dealer's invitation for an end customer it filed a repair for: a link with a random token sent to
 * the customer's mobile, whose holder may register already linked. Only the token's SHA-256 is kept.
 */
export const customerInvitations = pgTable(
  "customer_invitations",
  {
    id: uuid().primaryKey().defaultRandom(),
    endCustomerId: uuid()
      .notNull()
      .references(() => endCustomers.id),
    /** The mobile the link went to: registering with it is what the link proves. */
    target: text().notNull(),
    tokenHash: text().notNull(),
    invitedBy: uuid()
      .notNull()
      .references(() => users.id),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    consumedAt: timestamp({ withTimezone: true }),
    consumedBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("customer_invitations_token_hash_idx").on(t.tokenHash),
    index("customer_invitations_end_customer_id_created_at_idx").on(t.endCustomerId, t.createdAt),
  ],
);

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;

import { boolean, date, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";

export const contacts = pgTable(
  "contacts",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    name: text().notNull(),
    title: text(),
    mobile: text(),
    phone: text(),
    email: text(),
    birthday: date(),
    isPrimary: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("contacts_organization_id_idx").on(t.organizationId)],
);

export const addresses = pgTable(
  "addresses",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    label: text().notNull(),
    recipient: text().notNull(),
    phone: text().notNull(),
    province: text().notNull(),
    city: text().notNull(),
    district: text(),
    line: text().notNull(),
    isDefault: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("addresses_organization_id_idx").on(t.organizationId)],
);

export const endCustomers = pgTable(
  "end_customers",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    mobile: text(),
    email: text(),
    city: text(),
    birthday: date(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("end_customers_mobile_idx").on(t.mobile), index("end_customers_email_idx").on(t.email)],
);

export type Contact = typeof contacts.$inferSelect;
export type Address = typeof addresses.$inferSelect;

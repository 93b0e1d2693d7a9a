import { bigint, index, inet, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint({ mode: "bigint" }).primaryKey().generatedAlwaysAsIdentity(),
    actorId: uuid(),
    /** Organization of the actor, so partner activity can be shown to the partner only. */
    actorOrganizationId: uuid(),
    action: text().notNull(),
    entity: text().notNull(),
    entityId: text().notNull(),
    before: jsonb(),
    after: jsonb(),
    ip: inet(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_log_entity_entity_id_at_idx").on(t.entity, t.entityId, t.at)],
);

/** Gap-free numbering: the row is locked by the transaction that takes the number. */
export const documentSequences = pgTable(
  "document_sequences",
  {
    prefix: text().notNull(),
    year: integer().notNull(),
    lastValue: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.prefix, t.year] })],
);

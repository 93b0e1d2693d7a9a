import { sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { divisions } from "./products";
import { repairRequests } from "./service";
import { users } from "./users";

export const knowledgeStatuses = ["draft", "published", "archived"] as const;
export type KnowledgeStatus = (typeof knowledgeStatuses)[number];
export const knowledgeStatus = pgEnum("knowledge_status", knowledgeStatuses);

/**
 * A service knowledge-base article (知识库): symptom → cause → solution, for the products and product
 * lines it applies to. Technicians draft them (often from a resolved repair request), the service
 * desk publishes; stations, technicians and customers read published ones in the portal.
 *
 * Applicability is two uuid arrays (GIN-indexed, `@>` / `&&`): an article applies to a product when the
 * product is listed or its product line is. Title and symptom carry pg_trgm GIN indexes for Chinese
 * substring search (three characters and more; shorter queries fall back to a scan of the filtered rows).
 */
export const knowledgeArticles = pgTable(
  "knowledge_articles",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** `KB-2026-000001`, gap-free per year. */
    number: text().notNull(),
    title: text().notNull(),
    symptom: text().notNull(),
    cause: text().notNull().default(""),
    solution: text().notNull(),
    productIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    productLineIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    divisionId: uuid().references(() => divisions.id),
    status: knowledgeStatus().notNull().default("draft"),
    authorId: uuid().references(() => users.id),
    /** The resolved repair request this article was drafted from. */
    sourceRepairRequestId: uuid().references(() => repairRequests.id),
    publishedBy: uuid().references(() => users.id),
    publishedAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("knowledge_articles_number_idx").on(t.number),
    // the desk's list (status tab, latest first) and the portal's (published only)
    index("knowledge_articles_status_updated_at_idx").on(t.status, t.updatedAt),
    index("knowledge_articles_title_trgm_idx").using("gin", sql`${t.title} gin_trgm_ops`),
    index("knowledge_articles_symptom_trgm_idx").using("gin", sql`${t.symptom} gin_trgm_ops`),
    index("knowledge_articles_product_ids_idx").using("gin", t.productIds),
    index("knowledge_articles_product_line_ids_idx").using("gin", t.productLineIds),
    index("knowledge_articles_source_repair_request_id_idx").on(t.sourceRepairRequestId).where(sql`${t.sourceRepairRequestId} is not null`),
    check("knowledge_articles_version", sql`${t.version} > 0`),
  ],
);

export type KnowledgeArticle = typeof knowledgeArticles.$inferSelect;

import { and, eq, or, sql, type SQL } from "drizzle-orm";
import { knowledgeArticles } from "@cs/db";
import type { Actor } from "../../access/actor";
import { can } from "../../access/authorize";
import { columnInDivisions } from "../../access/divisions";
import { ForbiddenError } from "../../shared/errors";

/**
 * The knowledge base is not tenant data: the service desk (service:manage) sees every article in every
 * status; everyone who takes part in service — staff with service:read, station admins and technicians,
 * dealers and end customers who file requests — reads published ones; a station's technician also
 * sees the drafts it wrote itself (to check what it sent to the desk). Staff limited to divisions
 * read the articles of their divisions and those of none (general ones).
 */
export function knowledgeScope(actor: Actor): SQL {
  const divisions = columnInDivisions(actor, knowledgeArticles.divisionId, sql`true`);
  if (can(actor, "service:manage")) return divisions ?? sql`true`;
  if (!mayReadKnowledge(actor)) return sql`false`;
  const published = eq(knowledgeArticles.status, "published");
  if (!mayDraftKnowledge(actor)) return and(published, divisions)!;
  return and(or(published, and(eq(knowledgeArticles.status, "draft"), eq(knowledgeArticles.authorId, actor.userId))), divisions)!;
}

export function mayReadKnowledge(actor: Actor) {
  return (
    can(actor, "service:read") || can(actor, "service:manage") || can(actor, "station_service:work") || can(actor, "own_service:file")
  );
}

/** Technicians (and station admins) turn resolved requests into drafts; the desk writes anything. */
export function mayDraftKnowledge(actor: Actor) {
  return can(actor, "station_service:work") || can(actor, "service:manage");
}

export function authorizeKnowledgeRead(actor: Actor) {
  if (!mayReadKnowledge(actor)) throw new ForbiddenError("knowledge:read");
}

export function authorizeKnowledgeDraft(actor: Actor) {
  if (!mayDraftKnowledge(actor)) throw new ForbiddenError("knowledge:draft");
}

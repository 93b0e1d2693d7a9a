import { and, sql, type SQL } from "drizzle-orm";
import type { Actor } from "../access/actor";
import { can } from "../access/authorize";
import { organizationScope } from "../access/scopes";

/**
 * Contact history and tasks are the distributor's internal notes: staff read them for the accounts
 * they may see (their branches, or all); partners and customers never, not even for their own company.
 */
export function relationshipScope(actor: Actor): SQL {
  if (actor.kind !== "staff") return sql`false`;
  return organizationScope(actor);
}

export function mayWorkRelationships(actor: Actor) {
  return actor.kind === "staff" && can(actor, "relationship:work");
}

export const scopedTo = (actor: Actor, ...conditions: (SQL | undefined)[]) => and(relationshipScope(actor), ...conditions);

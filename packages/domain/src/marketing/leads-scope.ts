import { eq, sql, type SQL } from "drizzle-orm";
import { leads } from "@cs/db";
import type { Actor } from "../access/actor";

const nothing = sql`false`;

/**
 * Leads: marketing staff (lead:manage) see every lead, pool or assigned; a partner (own_lead:work)
 * only the leads assigned to its organization — the RLS policies on the lead tables say the same
 * for the portal's connections.
 */
export function leadScope(actor: Actor): SQL {
  if (actor.kind === "staff") return actor.permissions.has("lead:manage") ? sql`true` : nothing;
  if (actor.kind === "partner" && actor.organizationId && actor.permissions.has("own_lead:work")) return eq(leads.organizationId, actor.organizationId);
  return nothing;
}

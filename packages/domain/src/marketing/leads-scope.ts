import { eq, sql, type SQL } from "drizzle-orm";
import { leads } from "@cs/db";
import type { Actor } from "../access/actor";
import { limitedDivisions, organizationInDivisions } from "../access/divisions";

const nothing = sql`false`;

/**
 * Leads: marketing staff (lead:manage) see every lead, pool or assigned — when limited to divisions,
 * a campaign's leads if the campaign is of their divisions, other leads if unassigned or assigned to
 * a partner of their divisions (a lead without a campaign names no product); a partner (own_lead:work)
 * only the leads assigned to its organization — the RLS policies on the lead tables say the same
 * for the portal's connections.
 */
export function leadScope(actor: Actor): SQL {
  if (actor.kind === "staff") return actor.permissions.has("lead:manage") ? (leadInDivisions(actor) ?? sql`true`) : nothing;
  if (actor.kind === "partner" && actor.organizationId && actor.permissions.has("own_lead:work")) return eq(leads.organizationId, actor.organizationId);
  return nothing;
}

function leadInDivisions(actor: Actor): SQL | undefined {
  const ids = limitedDivisions(actor);
  if (!ids) return undefined;
  const assigned = organizationInDivisions(actor, leads.organizationId);
  return sql`(case when ${leads.campaignId} is not null
      then exists (select 1 from campaigns dc where dc.id = ${leads.campaignId} and dc.division_id = any(${`{${ids.join(",")}}`}::uuid[]))
    else ${leads.organizationId} is null or ${assigned} end)`;
}

import { withSessionSettings, type Database } from "@cs/db";
import type { Ctx } from "../shared/context";
import type { Actor } from "./actor";
import { can } from "./authorize";

/** The database role the portal's transactions run as: subject to row-level security (drizzle/0016, 0017). */
export const PORTAL_ROLE = "cs_portal";

/**
 * The tenant settings the row-level policies read, mirroring scopes.ts: a partner's organization,
 * the same id as supplier only when it may fulfil supplied orders and as station only when it works
 * repairs; an end customer's id. Empty means none (the policies then match nothing).
 */
export function tenantSettings(actor: Actor): Record<string, string> {
  const org = actor.kind === "partner" ? (actor.organizationId ?? "") : "";
  return {
    "app.organization_id": org,
    "app.supplier_id": org && can(actor, "supplied_order:fulfil") ? org : "",
    "app.station_id": org && can(actor, "station_service:work") ? org : "",
    "app.end_customer_id": actor.kind === "customer" ? (actor.endCustomerId ?? "") : "",
    // whose notifications are readable (drizzle/0017)
    "app.user_id": actor.userId,
  };
}

/**
 * The domain context for an actor: partners and customers get a handle whose every transaction runs
 * as the portal role with their tenant set, so a query that forgot its scope finds nothing of another
 * tenant; staff keep the pool (their scopes are by branch and division, enforced in scopes.ts).
 */
export function tenantCtx(db: Database, actor: Actor): Ctx {
  if (actor.kind === "staff") return { db, actor };
  return { db: withSessionSettings(db, { role: PORTAL_ROLE, values: tenantSettings(actor) }), actor };
}

import { sharedPool, type Database } from "@cs/db";
import { serverEnv } from "./env.server";
import type { Audience } from "./session.server";

/**
 * Which pool an app's requests use; the pools themselves are @cs/db's (`sharedPool`), and the app
 * middleware hands the request's one to everything after it (`requestContext`'s `db`).
 * The back-office uses the owner's. The portal connects as cs_portal, which row-level security
 * binds and which can neither RESET ROLE nor SET ROLE out of it (docs/decisions/019); outside
 * production without PORTAL_DATABASE_URL (tests, a hand-started dev server), or with PORTAL_RLS=0
 * (the benchmark's comparison), it is the owner's pool, where tenantCtx still switches each
 * transaction into the role.
 */
export function appDb(audience: Audience): Database {
  const env = serverEnv();
  if (audience === "portal" && env.PORTAL_RLS !== "0" && env.PORTAL_DATABASE_URL) return sharedPool(env.PORTAL_DATABASE_URL);
  return sharedPool(env.DATABASE_URL);
}

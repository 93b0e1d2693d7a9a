import { createDatabase, type Database } from "@cs/db";
import { serverEnv } from "./env.server";
import type { Audience } from "./session.server";

const holder = globalThis as unknown as { __csDb?: Database; __csPortalDb?: Database };

/**
 * The owner's pool, one per process (kept on globalThis so dev hot reloads do not leak pools): the
 * back-office's. The portal uses portalDb(); code serving both asks appDb(audience).
 */
export function getDb(): Database {
  holder.__csDb ??= createDatabase(serverEnv().DATABASE_URL, { max: 10 });
  return holder.__csDb;
}

/**
 * The portal's pool: connected as cs_portal, which row-level security binds and which can neither
 * RESET ROLE nor SET ROLE out of it (docs/decisions/019). Outside production without
 * PORTAL_DATABASE_URL (tests, a hand-started dev server) it is the owner's pool, where tenantCtx
 * still switches each transaction into the role; with PORTAL_RLS=0 (the benchmark's comparison) too.
 */
export function portalDb(): Database {
  const env = serverEnv();
  if (env.PORTAL_RLS === "0" || !env.PORTAL_DATABASE_URL) return getDb();
  holder.__csPortalDb ??= createDatabase(env.PORTAL_DATABASE_URL, { max: 10 });
  return holder.__csPortalDb;
}

/** The pool of an app: both apps' builds can run in one process (npm start), each with its own. */
export function appDb(audience: Audience): Database {
  return audience === "portal" ? portalDb() : getDb();
}

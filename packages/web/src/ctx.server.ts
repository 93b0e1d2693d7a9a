import type { RouterContextProvider } from "react-router";
import { getDb, requireActor, serverEnv } from "@cs/auth/server";
import { tenantCtx, type Ctx } from "@cs/domain";
import { getInstance } from "@cs/i18n/server";

/**
 * The domain context of a signed-in request: the actor built by the middleware and the pool, which
 * for a partner or customer runs every transaction under the portal's row-level security.
 */
export function domainCtx(context: Readonly<RouterContextProvider>, request: Request): Ctx {
  const actor = requireActor(context, request);
  return serverEnv().PORTAL_RLS === "0" ? { db: getDb(), actor } : tenantCtx(getDb(), actor);
}

export function serverT(context: Readonly<RouterContextProvider>) {
  return getInstance(context).t;
}

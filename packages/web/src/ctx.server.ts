import type { RouterContextProvider } from "react-router";
import { requestContext, requireActor, serverEnv } from "@cs/auth/server";
import type { Actor } from "@cs/domain";
import { tenantCtx, type Ctx } from "@cs/domain";
import { getInstance } from "@cs/i18n/server";

/**
 * The domain context of a signed-in request: the actor built by the middleware and its app's pool,
 * which for a partner or customer runs every transaction under the portal's row-level security.
 */
export function domainCtx(context: Readonly<RouterContextProvider>, request: Request): Ctx {
  return actorCtx(context, requireActor(context, request));
}

/** The domain context for an actor already in hand (a page that signs in customers before verifying). */
export function actorCtx(context: Readonly<RouterContextProvider>, actor: Actor): Ctx {
  const { db } = context.get(requestContext);
  return serverEnv().PORTAL_RLS === "0" ? { db, actor } : tenantCtx(db, actor);
}

export function serverT(context: Readonly<RouterContextProvider>) {
  return getInstance(context).t;
}

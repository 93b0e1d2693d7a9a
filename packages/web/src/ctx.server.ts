import type { RouterContextProvider } from "react-router";
import { getDb, requireActor } from "@cs/auth/server";
import type { Ctx } from "@cs/domain";
import { getInstance } from "@cs/i18n/server";

/** The domain context of a signed-in request: the pool and the actor built by the middleware. */
export function domainCtx(context: Readonly<RouterContextProvider>, request: Request): Ctx {
  return { db: getDb(), actor: requireActor(context, request) };
}

export function serverT(context: Readonly<RouterContextProvider>) {
  return getInstance(context).t;
}

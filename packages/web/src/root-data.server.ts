import type { RouterContextProvider } from "react-router";
import { requestContext } from "@cs/auth";
import { getLocale } from "@cs/i18n/server";

/** What every page needs: language, CSRF token, CSP nonce and who is signed in. */
export function rootData(context: Readonly<RouterContextProvider>) {
  const state = context.get(requestContext);
  const actor = state.actor;
  return {
    locale: getLocale(context),
    csrfToken: state.csrfToken,
    nonce: state.nonce,
    user: actor
      ? {
          id: actor.userId,
          name: actor.displayName,
          kind: actor.kind,
          roles: actor.roles,
          permissions: [...actor.permissions],
          organizationId: actor.organizationId,
        }
      : null,
  };
}
export type RootData = ReturnType<typeof rootData>;

/** The root route's loader in both apps: `export const loader = guarded(rootLoader)`. */
export function rootLoader({ context }: { context: Readonly<RouterContextProvider> }) {
  return rootData(context);
}

import { ForbiddenError } from "../shared/errors";
import type { Actor } from "./actor";
import type { Permission } from "./permissions";

export function can(actor: Actor, permission: Permission) {
  return actor.permissions.has(permission);
}

/** The one permission check. Resource visibility is the scopes' business, not this function's. */
export function authorize(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw new ForbiddenError(permission);
}

import type { UserKind } from "@cs/db";
import { isRole, roles, type Permission, type Role, type RoleDefinition } from "./permissions";

/** Who is acting, built once per request and passed to every domain function. */
export type Actor = {
  userId: string;
  kind: UserKind;
  displayName: string;
  organizationId: string | null;
  endCustomerId: string | null;
  roles: Role[];
  permissions: ReadonlySet<Permission>;
  /** Staff only: `"all"` or the branch organization ids they work in. */
  branchIds: "all" | string[];
  /**
   * Staff only: `"all"` or the product divisions they are limited to (user_divisions). Unlike
   * branches, an empty list means not limited to divisions (docs/decisions/028, `limitedDivisions`).
   */
  divisionIds: "all" | string[];
  ip?: string | null;
};

export function buildActor(input: {
  userId: string;
  kind: UserKind;
  displayName: string;
  organizationId: string | null;
  endCustomerId: string | null;
  roles: string[];
  branchIds: string[];
  divisionIds: string[];
  ip?: string | null;
}): Actor {
  // A role that does not belong to the user's audience grants nothing: a partner row with "admin" stays a partner.
  const granted = input.roles.filter(isRole).filter((r) => roles[r].audience === input.kind);
  const perms = new Set<Permission>(granted.flatMap((r) => roles[r].permissions));
  // Own properties only: a key planted on Object.prototype must not grant every branch.
  const all = granted.some((r) => {
    const definition: RoleDefinition = roles[r];
    return Object.hasOwn(definition, "allScopes") && definition.allScopes === true;
  });
  return {
    userId: input.userId,
    kind: input.kind,
    displayName: input.displayName,
    organizationId: input.organizationId,
    endCustomerId: input.endCustomerId,
    roles: granted,
    permissions: perms,
    branchIds: input.kind === "staff" && all ? "all" : input.branchIds,
    // A role with all scopes covers every branch; divisions stay as user_divisions limits them (a
    // service desk for one division), except for the administrator (docs/decisions/028).
    divisionIds: input.kind === "staff" && granted.includes("admin") ? "all" : input.divisionIds,
    ip: input.ip ?? null,
  };
}

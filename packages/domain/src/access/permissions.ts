import type { UserKind } from "@cs/db";

export const permissions = [
  "organization:read",
  "organization:create",
  "organization:update",
  "organization:move",
  "contact:manage",
  "product:read",
  "audit:read",
  "own_organization:read",
  "own_organization:update",
  "profile:update",
  "stock:read",
  "stock:move",
  "stock:approve",
  "stock:count",
  "own_stock:read",
  "own_stock:call_off",
  "own_stock:sell_out",
] as const;
export type Permission = (typeof permissions)[number];

type RoleDefinition = {
  audience: UserKind;
  /** Staff roles that see every branch and division regardless of assignments. */
  allScopes?: boolean;
  permissions: readonly Permission[];
  /** Cost value (fen) of an other issue or stocktake adjustment this role may post without approval. */
  stockApprovalLimitFen?: bigint;
};

const staffRead: Permission[] = ["organization:read", "product:read", "profile:update", "stock:read"];

export const roles = {
  admin: { audience: "staff", allScopes: true, permissions: [...permissions] },
  management: { audience: "staff", allScopes: true, permissions: [...staffRead, "audit:read", "stock:approve"] },
  sales: {
    audience: "staff",
    permissions: [...staffRead, "organization:create", "organization:update", "organization:move", "contact:manage", "audit:read"],
  },
  order_desk: { audience: "staff", permissions: staffRead },
  warehouse: { audience: "staff", permissions: [...staffRead, "stock:move", "stock:count"], stockApprovalLimitFen: 500_000n },
  finance: { audience: "staff", allScopes: true, permissions: [...staffRead, "organization:update", "audit:read", "stock:approve"] },
  service_desk: { audience: "staff", allScopes: true, permissions: staffRead },
  marketing: { audience: "staff", allScopes: true, permissions: staffRead },
  partner_admin: {
    audience: "partner",
    permissions: [
      "own_organization:read",
      "own_organization:update",
      "contact:manage",
      "product:read",
      "profile:update",
      "own_stock:read",
      "own_stock:call_off",
      "own_stock:sell_out",
    ],
  },
  partner_buyer: {
    audience: "partner",
    permissions: ["own_organization:read", "product:read", "profile:update", "own_stock:read", "own_stock:call_off", "own_stock:sell_out"],
  },
  partner_viewer: { audience: "partner", permissions: ["own_organization:read", "profile:update", "own_stock:read"] },
  station_admin: {
    audience: "partner",
    permissions: ["own_organization:read", "own_organization:update", "contact:manage", "product:read", "profile:update"],
  },
  technician: { audience: "partner", permissions: ["own_organization:read", "product:read", "profile:update"] },
  customer: { audience: "customer", permissions: ["profile:update"] },
} as const satisfies Record<string, RoleDefinition>;

export type Role = keyof typeof roles;
export const roleNames = Object.keys(roles) as Role[];

export function isRole(value: string): value is Role {
  return Object.hasOwn(roles, value);
}

/**
 * The most a role of this actor may post without approval: unlimited (null) with stock:approve,
 * else the highest limit among its roles, else nothing (0).
 */
export function stockApprovalLimit(actorRoles: readonly Role[], canApprove: boolean): bigint | null {
  if (canApprove) return null;
  return actorRoles.reduce<bigint>((max, r) => {
    const def: RoleDefinition = roles[r];
    return def.stockApprovalLimitFen !== undefined && def.stockApprovalLimitFen > max ? def.stockApprovalLimitFen : max;
  }, 0n);
}

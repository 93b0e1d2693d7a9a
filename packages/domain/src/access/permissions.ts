import type { UserKind } from "@cs/db";

export const permissions = [
  "organization:read",
  "organization:create",
  "organization:update",
  "organization:move",
  "contact:manage",
  "product:read",
  "product:manage",
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
  "pricing:manage",
  "order:read",
  "order:manage",
  "order:approve",
  "shipment:create",
  "invoice:read",
  "payment:record",
  "credit:manage",
  "return:approve",
  "supply_route:manage",
  "own_order:read",
  "own_order:place",
  "own_return:request",
  "own_account:read",
  "own_payment:notify",
  /** Confirm or dispute the monthly statement of account (对账确认). */
  "own_statement:confirm",
  "supplied_order:fulfil",
  "service:read",
  "service:manage",
  "own_service:file",
  "station_service:work",
  "station_service:admin",
  "channel:read",
  "target:manage",
  "rebate:read",
  "rebate:manage",
  "rebate:approve",
  "own_performance:read",
  "own_rebate:read",
  "own_rebate:use",
  "marketing:read",
  "marketing:manage",
  "marketing:approve",
  /** Approve a campaign or its spend past budget, up to the role's campaign limit (docs/decisions/036). */
  "campaign:approve",
  "own_marketing:apply",
  "deal:read",
  "deal:decide",
  "deal:special_price",
  "own_deal:register",
  "lead:manage",
  "own_lead:work",
  "account:assign",
  "relationship:work",
  /** Cost of goods, stock value and margins (docs/decisions/023): staff only, never a partner role. */
  "cost:view",
  "coupon:manage",
  /** The analysis pages (docs/decisions/033): management, sales and finance; figures stay within the actor's scopes. */
  "analytics:read",
  /** Survey results (docs/decisions/038) and complaints (投诉): staff read and work them within their scopes. */
  "satisfaction:read",
  "complaint:manage",
  /** A partner or an end customer files a complaint about its own orders or repairs. */
  "own_complaint:file",
] as const;
export type Permission = (typeof permissions)[number];

export type RoleDefinition = {
  audience: UserKind;
  /** Staff roles that see every branch regardless of assignments (divisions: only admin, see actor.ts). */
  allScopes?: boolean;
  permissions: readonly Permission[];
  /** Cost value (fen) of an other issue or stocktake adjustment this role may post without approval. */
  stockApprovalLimitFen?: bigint;
  /** Largest order (tax-inclusive fen) this role may approve; roles without order:approve approve none. */
  orderApprovalLimitFen?: bigint;
  /** Largest campaign budget (fen) this role may approve; roles without campaign:approve approve none. */
  campaignApprovalLimitFen?: bigint;
  /** Largest manual line discount (basis points) this role may grant without approval. */
  discountLimitBp?: number;
};

const staffRead: Permission[] = ["organization:read", "product:read", "profile:update", "stock:read", "order:read", "invoice:read", "channel:read"];

export const roles = {
  admin: { audience: "staff", allScopes: true, permissions: [...permissions] },
  management: {
    audience: "staff",
    allScopes: true,
    permissions: [...staffRead, "organization:move", "audit:read", "stock:approve", "order:manage", "order:approve", "return:approve", "pricing:manage", "product:manage", "credit:manage", "service:read", "target:manage", "rebate:read", "rebate:manage", "rebate:approve", "marketing:read", "marketing:approve", "campaign:approve", "deal:read", "deal:decide", "deal:special_price", "lead:manage", "account:assign", "relationship:work", "cost:view", "coupon:manage", "analytics:read", "satisfaction:read", "complaint:manage"],
  },
  sales: {
    audience: "staff",
    permissions: [...staffRead, "organization:create", "organization:update", "organization:move", "contact:manage", "audit:read", "order:approve", "target:manage", "rebate:read", "deal:read", "deal:decide", "account:assign", "relationship:work", "cost:view", "coupon:manage", "analytics:read", "satisfaction:read", "complaint:manage"],
    orderApprovalLimitFen: 20_000_000n,
    discountLimitBp: 1000,
  },
  order_desk: {
    audience: "staff",
    permissions: [...staffRead, "order:manage", "order:approve", "return:approve", "complaint:manage"],
    orderApprovalLimitFen: 5_000_000n,
    discountLimitBp: 500,
  },
  warehouse: {
    audience: "staff",
    permissions: [...staffRead, "stock:move", "stock:count", "shipment:create"],
    stockApprovalLimitFen: 500_000n,
  },
  finance: {
    audience: "staff",
    allScopes: true,
    permissions: [...staffRead, "organization:update", "audit:read", "stock:approve", "payment:record", "credit:manage", "order:approve", "target:manage", "rebate:read", "rebate:manage", "rebate:approve", "marketing:read", "cost:view", "analytics:read"],
    orderApprovalLimitFen: 50_000_000n,
  },
  service_desk: { audience: "staff", allScopes: true, permissions: [...staffRead, "service:read", "service:manage", "satisfaction:read", "complaint:manage"] },
  marketing: {
    audience: "staff",
    allScopes: true,
    permissions: [...staffRead, "rebate:read", "marketing:read", "marketing:manage", "campaign:approve", "deal:read", "deal:decide", "coupon:manage", "lead:manage"],
    campaignApprovalLimitFen: 5_000_000n,
  },
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
      "own_order:read",
      "own_order:place",
      "own_return:request",
      "own_account:read",
      "own_payment:notify",
      "own_statement:confirm",
      "supplied_order:fulfil",
      "own_service:file",
      "own_performance:read",
      "own_rebate:read",
      "own_rebate:use",
      "own_marketing:apply",
      "own_deal:register",
      "own_lead:work",
      "own_complaint:file",
    ],
  },
  partner_buyer: {
    audience: "partner",
    permissions: [
      "own_organization:read",
      "product:read",
      "profile:update",
      "own_stock:read",
      "own_stock:call_off",
      "own_stock:sell_out",
      "own_order:read",
      "own_order:place",
      "own_return:request",
      "own_performance:read",
      "own_rebate:use",
      "own_deal:register",
      "own_lead:work",
      "own_complaint:file",
    ],
  },
  partner_viewer: { audience: "partner", permissions: ["own_organization:read", "profile:update", "own_stock:read", "own_order:read", "own_performance:read"] },
  station_admin: {
    audience: "partner",
    permissions: [
      "own_organization:read",
      "own_organization:update",
      "contact:manage",
      "product:read",
      "profile:update",
      "station_service:work",
      "station_service:admin",
    ],
  },
  technician: { audience: "partner", permissions: ["own_organization:read", "product:read", "profile:update", "station_service:work"] },
  customer: { audience: "customer", permissions: ["profile:update", "own_service:file", "own_complaint:file"] },
} as const satisfies Record<string, RoleDefinition>;

// Without a prototype, an optional limit a role leaves out can never be read from Object.prototype.
for (const definition of Object.values(roles)) Object.freeze(Object.setPrototypeOf(definition, null));

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

/**
 * The largest amount this actor may approve under `permission`: unlimited (null) for a role with the
 * permission and no limit (management, admin), else the highest limit among its roles, else nothing (0).
 * Orders and campaigns share it; each names its permission and its limit field.
 */
export function approvalLimit(actorRoles: readonly Role[], permission: Permission, limitOf: (def: RoleDefinition) => bigint | undefined): bigint | null {
  let max = 0n;
  for (const r of actorRoles) {
    const def: RoleDefinition = roles[r];
    if (!def.permissions.includes(permission)) continue;
    const limit = limitOf(def);
    if (limit === undefined) return null;
    if (limit > max) max = limit;
  }
  return max;
}

/** The largest order (tax-inclusive fen) this actor may approve; null is unlimited. */
export const orderApprovalLimit = (actorRoles: readonly Role[]) => approvalLimit(actorRoles, "order:approve", (d) => d.orderApprovalLimitFen);

/** The largest campaign budget (fen) this actor may approve; null is unlimited. */
export const campaignApprovalLimit = (actorRoles: readonly Role[]) => approvalLimit(actorRoles, "campaign:approve", (d) => d.campaignApprovalLimitFen);

/** The largest manual discount (basis points) this actor may grant without approval: null is unlimited. */
export function discountLimit(actorRoles: readonly Role[]): number | null {
  let max = 0;
  for (const r of actorRoles) {
    const def: RoleDefinition = roles[r];
    if (!def.permissions.includes("order:manage") && !def.permissions.includes("order:approve")) continue;
    if (def.discountLimitBp === undefined) return null;
    if (def.discountLimitBp > max) max = def.discountLimitBp;
  }
  return max;
}

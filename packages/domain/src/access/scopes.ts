import { and, eq, inArray, isNull, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { orders, organizations, rebateStatements, repairRequests, stockLocations } from "@cs/db";
import type { Actor } from "./actor";
import { can } from "./authorize";
import type { Permission } from "./permissions";

const nothing = sql`false`;

/**
 * What organizations this actor may see. Staff: their branches (or all when a role grants it);
 * partners: their own organization; customers: none.
 */
export function organizationScope(actor: Actor): SQL {
  switch (actor.kind) {
    case "staff":
      if (!can(actor, "organization:read")) return nothing;
      if (actor.branchIds === "all") return sql`true`;
      if (actor.branchIds.length === 0) return nothing;
      return inArray(organizations.ownerBranchId, actor.branchIds);
    case "partner":
      if (!actor.organizationId || !can(actor, "own_organization:read")) return nothing;
      return eq(organizations.id, actor.organizationId);
    case "customer":
      return nothing;
  }
}

/** Staff may create or move records only inside branches they work in. */
export function canUseBranch(actor: Actor, branchId: string | null | undefined) {
  if (actor.kind !== "staff") return false;
  if (actor.branchIds === "all") return true;
  return !!branchId && actor.branchIds.includes(branchId);
}

export function scoped(actor: Actor, ...conditions: (SQL | undefined)[]) {
  return and(organizationScope(actor), ...conditions);
}

/**
 * Stock locations this actor may see: staff those of their branches (partner locations carry the
 * partner's owner branch) plus the central ones; a partner only the locations it owns.
 */
export function stockLocationScope(actor: Actor): SQL {
  switch (actor.kind) {
    case "staff":
      if (!can(actor, "stock:read")) return nothing;
      if (actor.branchIds === "all") return sql`true`;
      return or(isNull(stockLocations.branchId), actor.branchIds.length ? inArray(stockLocations.branchId, actor.branchIds) : nothing)!;
    case "partner":
      if (!actor.organizationId || !can(actor, "own_stock:read")) return nothing;
      return eq(stockLocations.organizationId, actor.organizationId);
    case "customer":
      return nothing;
  }
}

type TenantColumns = { organizationId: AnyColumn; ownerBranchId: AnyColumn; supplierId?: AnyColumn };

/**
 * The one visibility rule for a partner's commercial documents (orders, shipments, invoices,
 * payments, returns), which all carry the buyer and its owner branch: staff see their branches'
 * (or all), a partner its own, and a master distributor also those it supplies (when the table has
 * a supplier and the actor may fulfil them); customers see none.
 */
export function tenantScope(
  actor: Actor,
  table: TenantColumns,
  permission: { staff: Permission; partner: Permission },
): SQL {
  switch (actor.kind) {
    case "staff":
      if (!can(actor, permission.staff)) return nothing;
      if (actor.branchIds === "all") return sql`true`;
      if (actor.branchIds.length === 0) return nothing;
      return inArray(table.ownerBranchId, actor.branchIds);
    case "partner": {
      if (!actor.organizationId) return nothing;
      const own = can(actor, permission.partner) ? eq(table.organizationId, actor.organizationId) : nothing;
      if (table.supplierId && can(actor, "supplied_order:fulfil")) return or(own, eq(table.supplierId, actor.organizationId))!;
      return own;
    }
    case "customer":
      return nothing;
  }
}

/** Orders: the buyer's own, the supplying master distributor's, and staff by branch. */
export function orderScope(actor: Actor): SQL {
  return tenantScope(actor, orders, { staff: "order:read", partner: "own_order:read" });
}

/**
 * Repair requests: staff with service:read see all; a repair station (its admin and technicians)
 * the ones assigned to it; a dealer the ones it filed; an end customer its own (also those a dealer
 * filed for it). Anything else: none.
 */
export function serviceScope(actor: Actor): SQL {
  switch (actor.kind) {
    case "staff":
      return can(actor, "service:read") ? sql`true` : nothing;
    case "partner": {
      if (!actor.organizationId) return nothing;
      const parts: SQL[] = [];
      if (can(actor, "station_service:work")) parts.push(eq(repairRequests.stationId, actor.organizationId));
      if (can(actor, "own_service:file")) parts.push(eq(repairRequests.organizationId, actor.organizationId));
      return parts.length ? or(...parts)! : nothing;
    }
    case "customer":
      if (!actor.endCustomerId || !can(actor, "own_service:file")) return nothing;
      return eq(repairRequests.endCustomerId, actor.endCustomerId);
  }
}

/**
 * Rebate and price-protection statements: staff with rebate:read by the partner's owner branch; a
 * partner with own_rebate:read its own, and only once published (drafts and approvals are internal).
 * `statements` is an alias of the table when a query joins statements twice (rebate adjustments).
 */
export function rebateStatementScope(actor: Actor, statements: { ownerBranchId: AnyColumn; organizationId: AnyColumn; status: AnyColumn } = rebateStatements): SQL {
  switch (actor.kind) {
    case "staff":
      if (!can(actor, "rebate:read")) return nothing;
      if (actor.branchIds === "all") return sql`true`;
      if (actor.branchIds.length === 0) return nothing;
      return inArray(statements.ownerBranchId, actor.branchIds);
    case "partner":
      if (!actor.organizationId || !can(actor, "own_rebate:read")) return nothing;
      return and(eq(statements.organizationId, actor.organizationId), inArray(statements.status, ["published", "settled"]))!;
    case "customer":
      return nothing;
  }
}

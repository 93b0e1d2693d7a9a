import { and, eq, inArray, isNull, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { orders, organizations, rebateStatements, repairRequests, stockLocations } from "@cs/db";
import type { Actor } from "./actor";
import { can } from "./authorize";
import { columnInDivisions, limitedDivisions, orderLinesInDivisions, organizationInDivisions, productInDivisions } from "./divisions";
import { sharedOrganization } from "./shares";
import type { Permission } from "./permissions";

const nothing = sql`false`;

/**
 * What organizations this actor may see. Staff: their branches (or all when a role grants it) and,
 * when limited to divisions, the partners of those divisions (our company and branches are of
 * none and stay visible), plus those shared with them explicitly (docs/decisions/029); partners:
 * their own organization; customers: none.
 */
export function organizationScope(actor: Actor): SQL {
  return organizationAccess(actor, "read");
}

/** What organizations this actor may edit: its scope without the shares that grant only reading. */
export function organizationEditScope(actor: Actor): SQL {
  return organizationAccess(actor, "edit");
}

function organizationAccess(actor: Actor, access: "read" | "edit"): SQL {
  switch (actor.kind) {
    case "staff": {
      if (!can(actor, "organization:read")) return nothing;
      const shared = sharedOrganization(actor, organizations.id, access)!;
      const inDivisions = organizationInDivisions(actor, organizations.id);
      const divisions = inDivisions && or(inArray(organizations.kind, ["company", "branch"]), inDivisions);
      if (actor.branchIds === "all") return divisions ? or(divisions, shared)! : sql`true`;
      if (actor.branchIds.length === 0) return shared;
      return or(and(inArray(organizations.ownerBranchId, actor.branchIds), divisions), shared)!;
    }
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
 * partner's owner branch) plus the central ones, and when limited to divisions a partner's location
 * only if the partner is of them (what lies in a location is filtered by {@link stockProductScope});
 * a partner only the locations it owns.
 */
export function stockLocationScope(actor: Actor): SQL {
  switch (actor.kind) {
    case "staff": {
      if (!can(actor, "stock:read")) return nothing;
      const inDivisions = organizationInDivisions(actor, stockLocations.organizationId);
      const divisions = inDivisions && or(isNull(stockLocations.organizationId), inDivisions);
      if (actor.branchIds === "all") return divisions ?? sql`true`;
      return and(or(isNull(stockLocations.branchId), actor.branchIds.length ? inArray(stockLocations.branchId, actor.branchIds) : nothing), divisions)!;
    }
    case "partner":
      if (!actor.organizationId || !can(actor, "own_stock:read")) return nothing;
      return eq(stockLocations.organizationId, actor.organizationId);
    case "customer":
      return nothing;
  }
}

/**
 * Stock of a product (levels, moves, serials, document lines): staff limited to divisions see only
 * their divisions' products; everyone else is not restricted by this (their locations are).
 */
export function stockProductScope(actor: Actor, productId: AnyColumn | SQL): SQL | undefined {
  return productInDivisions(actor, productId);
}

type TenantColumns = { organizationId: AnyColumn; ownerBranchId: AnyColumn; supplierId?: AnyColumn; orderId?: AnyColumn };

/**
 * The one visibility rule for a partner's commercial documents (orders, shipments, invoices,
 * payments, returns), which all carry the buyer and its owner branch: staff see their branches'
 * (or all), a partner its own, and a master distributor also those it supplies (when the table has
 * a supplier and the actor may fulfil them); customers see none. Staff limited to divisions see
 * the documents of partners of their divisions and those of orders with a line of them
 * (`divisions` overrides that rule, as orders do).
 */
export function tenantScope(
  actor: Actor,
  table: TenantColumns,
  permission: { staff: Permission; partner: Permission },
  divisions?: SQL,
): SQL {
  switch (actor.kind) {
    case "staff": {
      if (!can(actor, permission.staff)) return nothing;
      const inDivisions = divisions ?? documentInDivisions(actor, table);
      if (actor.branchIds === "all") return inDivisions ?? sql`true`;
      if (actor.branchIds.length === 0) return nothing;
      return and(inArray(table.ownerBranchId, actor.branchIds), inDivisions)!;
    }
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

function documentInDivisions(actor: Actor, table: TenantColumns): SQL | undefined {
  const buyer = organizationInDivisions(actor, table.organizationId);
  if (!buyer || !table.orderId) return buyer;
  return or(buyer, and(sql`${table.orderId} is not null`, orderLinesInDivisions(actor, table.orderId)));
}

/**
 * Orders: the buyer's own, the supplying master distributor's, and staff by branch; staff limited
 * to divisions those with a line of their divisions (an order of one division names it).
 */
export function orderScope(actor: Actor): SQL {
  return tenantScope(actor, orders, { staff: "order:read", partner: "own_order:read" }, orderInDivisions(actor));
}

/** An order is of its division when it has one, else of its lines' divisions. */
export function orderInDivisions(actor: Actor): SQL | undefined {
  return columnInDivisions(actor, orders.divisionId, orderLinesInDivisions(actor, orders.id));
}

/**
 * Repair requests: staff with service:read see all (those limited to divisions their divisions'); a repair station (its admin and technicians)
 * the ones assigned to it; a dealer the ones it filed; an end customer its own (also those a dealer
 * filed for it). Anything else: none.
 */
export function serviceScope(actor: Actor): SQL {
  switch (actor.kind) {
    case "staff":
      // Of the product's division, named on the request when it was filed.
      if (!can(actor, "service:read")) return nothing;
      return columnInDivisions(actor, repairRequests.divisionId, productInDivisions(actor, repairRequests.productId)) ?? sql`true`;
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
 * Rebate and price-protection statements: staff with rebate:read by the partner's owner branch and,
 * when limited to divisions, statements of a program of their divisions, or of a program for all
 * divisions (or price protection) for a partner of their divisions; a
 * partner with own_rebate:read its own, and only once published (drafts and approvals are internal).
 * `statements` is an alias of the table when a query joins statements twice (rebate adjustments).
 */
export function rebateStatementScope(
  actor: Actor,
  statements: { ownerBranchId: AnyColumn; organizationId: AnyColumn; status: AnyColumn; programId: AnyColumn } = rebateStatements,
): SQL {
  switch (actor.kind) {
    case "staff": {
      if (!can(actor, "rebate:read")) return nothing;
      const divisions = statementInDivisions(actor, statements);
      if (actor.branchIds === "all") return divisions ?? sql`true`;
      if (actor.branchIds.length === 0) return nothing;
      return and(inArray(statements.ownerBranchId, actor.branchIds), divisions)!;
    }
    case "partner":
      if (!actor.organizationId || !can(actor, "own_rebate:read")) return nothing;
      return and(eq(statements.organizationId, actor.organizationId), inArray(statements.status, ["published", "settled"]))!;
    case "customer":
      return nothing;
  }
}

function statementInDivisions(actor: Actor, statements: { organizationId: AnyColumn; programId: AnyColumn }): SQL | undefined {
  const ids = limitedDivisions(actor);
  if (!ids) return undefined;
  const program = sql`(select rp.division_id from rebate_programs rp where rp.id = ${statements.programId})`;
  return columnInDivisions(actor, program, organizationInDivisions(actor, statements.organizationId));
}

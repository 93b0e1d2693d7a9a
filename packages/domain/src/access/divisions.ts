import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { Actor } from "./actor";

/**
 * What "of a division" means for each aggregate (docs/decisions/028). Each function answers the
 * condition for a staff actor limited to product divisions, and `undefined` (no condition) for
 * everyone else: staff not limited to divisions, and partners and customers, whose scopes are their
 * own organization or records and know nothing of divisions.
 */

type Expr = AnyColumn | SQL;

/**
 * The divisions a staff actor is limited to, or null when it is not limited: a role with all scopes,
 * or no user_divisions rows (staff work across divisions unless someone limits them).
 */
export function limitedDivisions(actor: Actor): readonly string[] | null {
  if (actor.kind !== "staff" || actor.divisionIds === "all" || actor.divisionIds.length === 0) return null;
  return actor.divisionIds;
}

/** The actor's divisions as one uuid[] parameter (ids come from user_divisions, never from a request). */
function divisionArray(ids: readonly string[]): SQL {
  return sql`${`{${ids.join(",")}}`}::uuid[]`;
}

/**
 * An organization is of a division when it deals in it (organization_divisions) or, for a repair
 * station, is skilled for it (repair_stations.division_ids).
 */
export function organizationInDivisions(actor: Actor, organizationId: Expr): SQL | undefined {
  const ids = limitedDivisions(actor);
  if (!ids) return undefined;
  const d = divisionArray(ids);
  return sql`(exists (select 1 from organization_divisions od where od.organization_id = ${organizationId} and od.division_id = any(${d}))
    or exists (select 1 from repair_stations rs where rs.organization_id = ${organizationId} and rs.division_ids && ${d}))`;
}

/** A product is of the division of its product line. */
export function productInDivisions(actor: Actor, productId: Expr): SQL | undefined {
  const ids = limitedDivisions(actor);
  if (!ids) return undefined;
  return sql`exists (select 1 from products dp join product_lines dpl on dpl.id = dp.product_line_id
    where dp.id = ${productId} and dpl.division_id = any(${divisionArray(ids)}))`;
}

/** An order is of every division one of its lines is of (a mixed order belongs to several). */
export function orderLinesInDivisions(actor: Actor, orderId: Expr): SQL | undefined {
  const ids = limitedDivisions(actor);
  if (!ids) return undefined;
  return sql`exists (select 1 from order_lines dol join products dp on dp.id = dol.product_id
    join product_lines dpl on dpl.id = dp.product_line_id
    where dol.order_id = ${orderId} and dpl.division_id = any(${divisionArray(ids)}))`;
}

/**
 * A record that names its division directly (an order of one division, a repair request, a
 * campaign, a budget pool); `whenNull` decides the rows without one (undefined: never visible).
 */
export function columnInDivisions(actor: Actor, divisionId: Expr, whenNull?: SQL): SQL | undefined {
  const ids = limitedDivisions(actor);
  if (!ids) return undefined;
  const named = sql`${divisionId} = any(${divisionArray(ids)})`;
  return whenNull ? sql`(${named} or (${divisionId} is null and ${whenNull}))` : named;
}

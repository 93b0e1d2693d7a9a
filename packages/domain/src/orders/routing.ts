import { sql } from "drizzle-orm";
import { executePrepared, type DatabaseOrTransaction } from "@cs/db";

/**
 * Division → the master distributor that supplies this buyer for it: the nearest ancestor in the
 * channel tree (organizations.parent_id chain, the buyer itself excluded) with a supply route for
 * the division. Divisions absent from the map are supplied by the distributor. One statement.
 */
export async function supplierByDivision(db: DatabaseOrTransaction, buyerId: string): Promise<Map<string, string>> {
  const rows = await executePrepared<{ division_id: string; supplier_id: string }>(db, sql`
    with recursive up(id, parent_id, depth) as (
      select id, parent_id, 0 from organizations where id = ${buyerId}::uuid
      union all
      select o.id, o.parent_id, up.depth + 1 from up join organizations o on o.id = up.parent_id where up.depth < 32
    )
    select distinct on (r.division_id) r.division_id, r.supplier_id
      from supply_routes r join up on up.id = r.supplier_id and up.depth > 0
      join organizations s on s.id = r.supplier_id and s.status = 'active'
     order by r.division_id, up.depth`);
  return new Map(rows.map((r) => [r.division_id, r.supplier_id]));
}

import { sql } from "drizzle-orm";
import { executePrepared, type DatabaseOrTransaction } from "@cs/db";

export type PartnerStockOnDate = { organizationId: string; quantity: number };

/**
 * Each partner's stock of a product at the start of `date` (Asia/Shanghai): the done moves before
 * that instant into and out of the partner's virtual and consignment locations, summed per partner
 * from the inventory ledger. A move between two locations of the same partner counts in and out, so
 * it nets to nothing. Partners holding nothing are left out.
 */
export async function partnerStockOnDate(db: DatabaseOrTransaction, productId: string, date: string): Promise<PartnerStockOnDate[]> {
  const rows = await executePrepared<{ organization_id: string; quantity: number }>(
    db,
    sql`select l.organization_id, sum(case when m.to_location_id = l.id then m.quantity else -m.quantity end)::int as quantity
          from stock_moves m
          join stock_locations l on l.id = m.to_location_id or l.id = m.from_location_id
         where m.product_id = ${productId}::uuid
           and m.state = 'done'
           and m.created_at < (${date}::date::timestamp at time zone 'Asia/Shanghai')
           and l.kind in ('partner_virtual', 'partner_consignment')
           and l.organization_id is not null
         group by l.organization_id
        having sum(case when m.to_location_id = l.id then m.quantity else -m.quantity end) > 0
         order by l.organization_id`,
  );
  return rows.map((r) => ({ organizationId: r.organization_id, quantity: r.quantity }));
}

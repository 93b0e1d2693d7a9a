import { sql } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@cs/db/client";

/**
 * Values seeded stock the way the stock_valuation migration valued the stock that existed then
 * (docs/decisions/023): our own goods' moves at products.cost_fen, valuations at on hand × cost. The
 * seeds write moves directly (db never imports domain), so they call this once their moves are in.
 */
export async function valueSeededStock(tx: DatabaseOrTransaction) {
  await tx.execute(sql`
    update stock_moves m
       set unit_cost_fen = p.cost_fen, value_fen = p.cost_fen * m.quantity
      from products p
     where p.id = m.product_id and m.owner_id is null and m.state = 'done' and m.value_fen is null
       and (m.from_location_id in (select id from stock_locations where kind not in ('supplier', 'customer', 'loss'))
            or m.to_location_id in (select id from stock_locations where kind not in ('supplier', 'customer', 'loss')))`);
  await tx.execute(sql`
    insert into stock_valuations (product_id, quantity, value_fen, average_cost_fen)
    select p.id, coalesce(sum(l.on_hand), 0)::int, coalesce(sum(l.on_hand), 0) * p.cost_fen, p.cost_fen
      from products p
      left join stock_levels l on l.product_id = p.id and l.owner_id = '00000000-0000-0000-0000-000000000000'::uuid
     group by p.id, p.cost_fen
    on conflict (product_id) do update
       set quantity = excluded.quantity, value_fen = excluded.value_fen, average_cost_fen = excluded.average_cost_fen, updated_at = now()`);
}

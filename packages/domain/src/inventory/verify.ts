import { sql } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@cs/db";

export type LevelDifference = { locationId: string; ownerId: string; productId: string; ledger: number; level: number; reservedLedger: number; reserved: number };

/**
 * Recomputes every internal location's on-hand from the done moves, and reserved from the open
 * reservations, and lists every stock_levels row that disagrees (or is missing).
 */
export async function verifyStockLevels(db: DatabaseOrTransaction): Promise<LevelDifference[]> {
  const rows = await db.execute<{
    location_id: string;
    owner_id: string;
    product_id: string;
    ledger: number;
    level: number;
    reserved_ledger: number;
    reserved: number;
  }>(sql`
    with internal as (
      select id from stock_locations where kind not in ('supplier', 'customer', 'loss')
    ), flows as (
      select to_location_id as location_id, coalesce(owner_id, '00000000-0000-0000-0000-000000000000'::uuid) as owner_id, product_id, quantity as q
        from stock_moves where state = 'done' and to_location_id in (select id from internal)
      union all
      select from_location_id, coalesce(owner_id, '00000000-0000-0000-0000-000000000000'::uuid), product_id, -quantity
        from stock_moves where state = 'done' and from_location_id in (select id from internal)
    ), ledger as (
      select location_id, owner_id, product_id, sum(q)::int as on_hand from flows group by 1, 2, 3
    ), held as (
      select location_id, owner_id, product_id, sum(quantity)::int as reserved from stock_reservations group by 1, 2, 3
    ), expected as (
      select coalesce(l.location_id, h.location_id) as location_id, coalesce(l.owner_id, h.owner_id) as owner_id,
             coalesce(l.product_id, h.product_id) as product_id, coalesce(l.on_hand, 0) as on_hand, coalesce(h.reserved, 0) as reserved
        from ledger l full join held h using (location_id, owner_id, product_id)
    )
    select coalesce(e.location_id, s.location_id) as location_id, coalesce(e.owner_id, s.owner_id) as owner_id,
           coalesce(e.product_id, s.product_id) as product_id,
           coalesce(e.on_hand, 0) as ledger, coalesce(s.on_hand, 0) as level,
           coalesce(e.reserved, 0) as reserved_ledger, coalesce(s.reserved, 0) as reserved
      from expected e
      full join stock_levels s using (location_id, owner_id, product_id)
     where coalesce(e.on_hand, 0) <> coalesce(s.on_hand, 0) or coalesce(e.reserved, 0) <> coalesce(s.reserved, 0)`);
  return rows.map((r) => ({
    locationId: r.location_id,
    ownerId: r.owner_id,
    productId: r.product_id,
    ledger: Number(r.ledger),
    level: Number(r.level),
    reservedLedger: Number(r.reserved_ledger),
    reserved: Number(r.reserved),
  }));
}

export type ValueDifference = {
  productId: string;
  /** Our own on-hand by the ledger, and as the valuation row holds it. */
  ledgerQuantity: number;
  quantity: number;
  /** Value in minus value out over the moves of our own goods, and as the valuation row holds it. */
  ledgerValueFen: bigint;
  valueFen: bigint;
  /** Moves of our own goods touching a location of ours that carry no value. */
  unvaluedMoves: number;
};

/**
 * Recomputes each product's valuation of our own stock (owner null) from the done moves: quantity
 * in − out of our locations, value = Σ value in − Σ value out (moves between our locations carry
 * value but change nothing), and lists every stock_valuations row that disagrees, is missing, or
 * whose moves lack a value, or whose average is not its value over its quantity (docs/decisions/023).
 */
export async function verifyStockValues(db: DatabaseOrTransaction): Promise<ValueDifference[]> {
  const rows = await db.execute<{
    product_id: string;
    ledger_quantity: number;
    quantity: number;
    ledger_value: string;
    value: string;
    unvalued: number;
  }>(sql`
    with internal as (
      select id from stock_locations where kind not in ('supplier', 'customer', 'loss')
    ), flows as (
      select m.product_id,
             (case when m.to_location_id in (select id from internal) then 1 else 0 end
              - case when m.from_location_id in (select id from internal) then 1 else 0 end) as sign,
             m.quantity, m.value_fen
        from stock_moves m
       where m.state = 'done' and m.owner_id is null
         and (m.to_location_id in (select id from internal) or m.from_location_id in (select id from internal))
    ), ledger as (
      select product_id, sum(sign * quantity)::int as quantity, sum(sign * coalesce(value_fen, 0))::bigint as value,
             count(*) filter (where value_fen is null)::int as unvalued
        from flows group by product_id
    )
    select coalesce(l.product_id, v.product_id) as product_id,
           coalesce(l.quantity, 0) as ledger_quantity, coalesce(v.quantity, 0) as quantity,
           coalesce(l.value, 0)::text as ledger_value, coalesce(v.value_fen, 0)::text as value,
           coalesce(l.unvalued, 0) as unvalued
      from ledger l
      full join stock_valuations v using (product_id)
     where coalesce(l.quantity, 0) <> coalesce(v.quantity, 0) or coalesce(l.value, 0) <> coalesce(v.value_fen, 0)
        or coalesce(l.unvalued, 0) > 0
        -- the average is the value over the quantity, rounded half up
        or (v.quantity > 0 and v.average_cost_fen <> (2 * v.value_fen + v.quantity) / (2 * v.quantity::bigint))`);
  return rows.map((r) => ({
    productId: r.product_id,
    ledgerQuantity: Number(r.ledger_quantity),
    quantity: Number(r.quantity),
    ledgerValueFen: BigInt(r.ledger_value),
    valueFen: BigInt(r.value),
    unvaluedMoves: Number(r.unvalued),
  }));
}

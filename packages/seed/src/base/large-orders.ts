import { sql } from "drizzle-orm";
import type { Database } from "@cs/db/client";
import { LARGE_PREFIX } from "./large";

/** Number prefix of every generated order (`LG-SO-0000001`): never collides with `SO-2026-000001`. */
export const LARGE_ORDER_PREFIX = `${LARGE_PREFIX}SO-`;
/** Orders per INSERT statement: one statement per chunk keeps each one's memory and WAL bounded. */
const ORDER_CHUNK = 250_000;

export type LargeOrdersResult = { existing: number; inserted: number; lines: number; milliseconds: number };

/**
 * Adds `count` (default 1,000,000) orders of the large seed's partners for the order-desk list
 * benchmark, set-based (INSERT … SELECT generate_series), then VACUUM ANALYZE so index-only counts
 * and the planner see the real table. Idempotent: when that many `LG-SO-` orders exist nothing
 * happens; a larger count adds the missing numbers. Deterministic per run (setseed).
 *
 * Shape: a few partners order a lot (the buyer is drawn with u^2.5 over a shuffled list, so the top
 * 1% place ~16% of the orders); submitted_at spans 3 years with more orders lately; the branch is the
 * buyer's owner branch; the status follows the age — the last days are open (submitted, pending
 * approval, confirmed, shipping), the last month mostly shipped, anything older completed (~93%),
 * cancelled or rejected. Headers only: the desk's list reads orders and the buyer's name.
 */
export async function seedLargeOrders(db: Database, options: { count?: number } = {}): Promise<LargeOrdersResult> {
  const started = performance.now();
  const count = options.count ?? 1_000_000;
  const [{ n: existing } = { n: 0 }] = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from orders where number like ${LARGE_ORDER_PREFIX + "%"}`,
  );
  if (Number(existing) >= count) {
    const lines = await seedOpenOrderLines(db);
    if (lines > 0) await db.execute(sql`vacuum (analyze) orders, order_lines`);
    return { existing: Number(existing), inserted: 0, lines, milliseconds: Math.round(performance.now() - started) };
  }

  let inserted = 0;
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      create temp table lg_buyers on commit drop as
      select (row_number() over (order by md5(o.id::text)) - 1)::int as rn, o.id, o.owner_branch_id,
             jsonb_build_object('recipient', o.name, 'phone', coalesce(o.phone, ''), 'province', coalesce(o.province, ''),
                                'city', coalesce(o.city, ''), 'line', coalesce(o.address, '')) as ship_to
        from organizations o
       where o.code like ${LARGE_PREFIX + "%"} and o.owner_branch_id is not null`);
    await tx.execute(sql`create unique index on lg_buyers (rn)`);
    const [{ buyers } = { buyers: 0 }] = await tx.execute<{ buyers: number }>(sql`select count(*)::int as buyers from lg_buyers`);
    if (Number(buyers) === 0) throw new Error("seedLargeOrders needs the large seed's partners: run seedLarge first");
    await tx.execute(sql`select setseed(${0.20260204 + Number(existing) / 1e9})`);
    for (let from = Number(existing) + 1; from <= count; from += ORDER_CHUNK) {
      const to = Math.min(count, from + ORDER_CHUNK - 1);
      const result = await tx.execute(sql`
        insert into orders (number, organization_id, owner_branch_id, status, ship_to, total_fen, tax_fen,
                            submitted_at, confirmed_at, closed_at, updated_at)
        select ${LARGE_ORDER_PREFIX} || lpad(r.g::text, 7, '0'), b.id, b.owner_branch_id, s.status::order_status, b.ship_to,
               t.total, round(t.total * 1300 / 11300.0)::bigint,
               r.at,
               case when s.status not in ('submitted', 'pending_approval', 'rejected') then r.at + interval '2 hours' end,
               case when s.status in ('completed', 'cancelled', 'rejected') then r.at + interval '9 days' * r.u3 end,
               r.at + interval '9 days' * r.u3
          from (select g, u1, u3, u4, now() - interval '1095 days' * (1 - sqrt(u2)) as at
                  from (select g, random() as u1, random() as u2, random() as u3, random() as u4
                          from generate_series(${from}::int, ${to}::int) g) u) r
          join lg_buyers b on b.rn = least(${buyers}::int - 1, floor(${buyers}::int * power(r.u1, 2.5))::int)
         cross join lateral (
           select case
                    when r.at > now() - interval '2 days' then
                      case when r.u3 < 0.30 then 'submitted' when r.u3 < 0.45 then 'pending_approval' when r.u3 < 0.85 then 'confirmed'
                           when r.u3 < 0.90 then 'partially_shipped' when r.u3 < 0.95 then 'shipped' else 'cancelled' end
                    when r.at > now() - interval '30 days' then
                      case when r.u3 < 0.10 then 'confirmed' when r.u3 < 0.20 then 'partially_shipped' when r.u3 < 0.70 then 'shipped'
                           when r.u3 < 0.95 then 'completed' when r.u3 < 0.99 then 'cancelled' else 'rejected' end
                    else case when r.u3 < 0.93 then 'completed' when r.u3 < 0.98 then 'cancelled' else 'rejected' end
                  end as status) s
         cross join lateral (select (round(500 + 200000 * power(r.u4, 3)) * 100)::bigint as total) t`);
      inserted += (result as unknown as { count: number }).count;
    }
  });
  const lines = await seedOpenOrderLines(db);
  // outside the transaction: VACUUM sets the visibility map, so counting a filter is an index-only scan
  await db.execute(sql`vacuum (analyze) orders, order_lines`);
  return { existing: Number(existing), inserted, lines, milliseconds: Math.round(performance.now() - started) };
}

/**
 * Lines (1–5, list price) for the generated orders that are still open, so the desk's line-based
 * queues (to ship, backorders, to allocate) have something to look at: reserved, some backordered,
 * half shipped on partially shipped orders; 60% of them get a requested date a week after
 * submission. The order totals are set to their lines' sums. Skipped when those orders have lines.
 */
async function seedOpenOrderLines(db: Database): Promise<number> {
  const open = sql`o.number like ${LARGE_ORDER_PREFIX + "%"} and o.status in ('submitted', 'pending_approval', 'confirmed', 'partially_shipped')`;
  const [{ n } = { n: 0 }] = await db.execute<{ n: number }>(sql`select count(*)::int as n from order_lines l join orders o on o.id = l.order_id where ${open}`);
  if (Number(n) > 0) return 0;
  return db.transaction(async (tx) => {
    await tx.execute(sql`
      create temp table lg_products on commit drop as
      select (row_number() over (order by sku) - 1)::int as rn, id, list_price_fen from products where sku like ${LARGE_PREFIX + "%"} and active`);
    await tx.execute(sql`create unique index on lg_products (rn)`);
    const result = await tx.execute(sql`
      insert into order_lines (order_id, organization_id, line_no, product_id, quantity, list_price_fen, unit_price_fen, price_rule, price_reason,
                               line_total_fen, tax_fen, quantity_reserved, quantity_backordered, quantity_shipped)
      select o.id, o.organization_id, l.n, p.id, q.q, p.list_price_fen, p.list_price_fen, 'list',
             jsonb_build_object('rule', 'list', 'listPriceFen', p.list_price_fen::text, 'unitPriceFen', p.list_price_fen::text, 'ruleId', null, 'ruleCode', null, 'minQuantity', 1),
             p.list_price_fen * q.q, round(p.list_price_fen * q.q * 1300 / 11300.0)::bigint,
             q.q - b.backordered - b.shipped, b.backordered, b.shipped
        from orders o
       cross join lateral generate_series(1, 1 + abs(hashtext(o.id::text)) % 5) l(n)
        join lg_products p on p.rn = abs(hashtext(o.id::text || l.n::text)) % (select count(*) from lg_products)
       cross join lateral (select 1 + abs(hashtext(o.number || l.n::text)) % 10 as q, (abs(hashtext(l.n::text || o.number)) % 100) / 100.0 as u) q
       cross join lateral (
         select case when o.status = 'partially_shipped' then 0 when q.u < 0.15 then (q.q + 1) / 2 else 0 end as backordered,
                case when o.status = 'partially_shipped' then (q.q + 1) / 2 else 0 end as shipped) b
       where ${open}`);
    await tx.execute(sql`
      update orders o
         set total_fen = s.total, tax_fen = s.tax,
             requested_date = case when abs(hashtext(o.number)) % 10 < 6 then (o.submitted_at + interval '7 days')::date end
        from (select order_id, sum(line_total_fen) as total, sum(tax_fen) as tax from order_lines group by order_id) s
       where s.order_id = o.id and ${open}`);
    return (result as unknown as { count: number }).count;
  });
}

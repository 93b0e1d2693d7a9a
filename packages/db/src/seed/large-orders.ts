import { sql } from "drizzle-orm";
import type { Database } from "../client";
import { LARGE_PREFIX } from "./large";

/** Number prefix of every generated order (`LG-SO-0000001`): never collides with `SO-2026-000001`. */
export const LARGE_ORDER_PREFIX = `${LARGE_PREFIX}SO-`;
/** Orders per INSERT statement: one statement per chunk keeps each one's memory and WAL bounded. */
const ORDER_CHUNK = 250_000;

export type LargeOrdersResult = { existing: number; inserted: number; milliseconds: number };

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
  if (Number(existing) >= count) return { existing: Number(existing), inserted: 0, milliseconds: Math.round(performance.now() - started) };

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
  // outside the transaction: VACUUM sets the visibility map, so counting a filter is an index-only scan
  await db.execute(sql`vacuum (analyze) orders`);
  return { existing: Number(existing), inserted, milliseconds: Math.round(performance.now() - started) };
}

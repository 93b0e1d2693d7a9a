import { sql } from "drizzle-orm";
import type { Database } from "@cs/db";
import { addMonths, shanghaiToday } from "@cs/domain/shared/dates";
import { currentPeriod } from "@cs/domain/channel/periods";
import { rebuildPartnerMonthStats } from "@cs/domain/channel/rebuild-stats";

/**
 * Channel demo data after the demo documents: partner_month_stats rebuilt from the seeded invoices
 * and payments (the seed writes them in bulk, past the per-event upserts), and targets for every
 * tiered channel partner for this month, quarter and year. A partner with purchases gets a target
 * its purchases reach 60–135 % of (spread by its code), the others one by tier; DL-0001 also gets
 * per-division quarter targets, so My performance shows several bars. Idempotent.
 */
export async function seedDemoChannel(db: Database, today = shanghaiToday()) {
  const month = currentPeriod("month", today);
  const quarter = currentPeriod("quarter", today);
  const year = currentPeriod("year", today);
  await rebuildPartnerMonthStats(db, { from: addMonths(year, -12), to: today });
  await db.execute(sql`
    with partners as (
      select o.id, o.code, o.tier,
             case o.tier when 'strategic' then 3000000 when 'gold' then 1500000 when 'silver' then 800000 else 400000 end::bigint * 100 as base_fen,
             60 + abs(hashtext(o.code)) % 76 as completion_pct
        from organizations o
       where o.kind in ('master_distributor', 'agent', 'dealer', 'key_account') and o.tier is not null
    ), periods(kind, start, months) as (
      -- this month and the eleven before it (the partner page's trend line), this quarter and year
      select 'month'::period_kind, (${month}::date - make_interval(months => m))::date, 1 from generate_series(0, 11) m
      union all values ('quarter'::period_kind, ${quarter}::date, 3), ('year'::period_kind, ${year}::date, 12)
    ), bought as (
      select p.id, pr.kind, pr.start, coalesce(sum(s.purchases_fen - s.returns_fen), 0)::bigint as net
        from partners p cross join periods pr
        left join partner_month_stats s on s.organization_id = p.id and s.month >= pr.start
             and s.month < (pr.start + make_interval(months => pr.months))::date and s.division_id = '00000000-0000-0000-0000-000000000000'::uuid
       group by p.id, pr.kind, pr.start
    )
    insert into partner_targets (organization_id, period_kind, period_start, amount_fen)
    select p.id, pr.kind, pr.start,
           greatest(10000, case when b.net > 0 then (b.net * 100 / p.completion_pct) / 100 * 100
                                -- a month without purchases in a year with some: a twelfth of the year's target,
                                -- so the trend's target line stays on the scale of what the partner buys
                                when pr.kind = 'month' and y.net > 0 then (y.net * 100 / p.completion_pct) / 12 / 10000 * 10000
                                else p.base_fen * pr.months / 3 / 10000 * 10000 end)
      from partners p cross join periods pr join bought b on b.id = p.id and b.kind = pr.kind and b.start = pr.start
      join bought y on y.id = p.id and y.kind = 'year'
    on conflict do nothing`);
  await db.execute(sql`
    insert into partner_targets (organization_id, period_kind, period_start, division_id, amount_fen)
    select o.id, 'quarter', ${quarter}::date, d.id, (200000 + 100000 * row_number() over (order by d.code))::bigint * 100
      from organizations o cross join (select id, code from divisions order by code limit 3) d
     where o.code = 'DL-0001'
    on conflict do nothing`);
}

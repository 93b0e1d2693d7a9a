import { sql } from "drizzle-orm";
import type { Database } from "@cs/db";
import { seedUuid } from "@cs/seed";
import { CHANNEL_PREFIX, CHANNEL_QUARTER_END, CHANNEL_QUARTER_START } from "./channel-seed";

/**
 * The campaign_roi data on top of the channel bench data: 500 campaigns in the channel quarter
 * (2025-Q4) across the branches, 20 leads each (10,000), 4 of them per campaign converted to a deal
 * registration of the lead's partner (2,000), and under each registration 5 orders made from channel
 * invoices of that partner (10,000 orders, their invoices and credit notes tied to them, their lines
 * given a 20 % margin), plus spend on every campaign. Set-based and kept between runs (prefix BROI1-).
 */
export const CAMPAIGNS = 500;
export const ROI_PREFIX = "BROI1-";
export const ROI_QUARTER = "2025-Q4";

export async function seedCampaignRoi(db: Database, log: (m: string) => void) {
  const [have] = await db.execute<{ n: number }>(sql`select count(*)::int as n from campaigns where number like ${ROI_PREFIX + "%"}`);
  if ((have?.n ?? 0) >= CAMPAIGNS) return { seeded: false, milliseconds: 0 };
  const t0 = performance.now();
  log(`campaign_roi seed: ${CAMPAIGNS} campaigns, 10,000 leads, 2,000 registrations, 10,000 attributed orders …`);
  const owner = seedUuid("user:marketing@demo.cn");
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into budget_pools (division_id, branch_id, quarter, planned_fen, committed_fen)
      select d.id, b.id, ${ROI_QUARTER}, 100000000000, 0 from (select id from divisions order by code limit 1) d, organizations b where b.kind = 'branch'
      on conflict do nothing`);
    await tx.execute(sql`
      create temp table broi_c on commit drop as
      with br as (select array_agg(b.id order by b.code) ids from organizations b where b.kind = 'branch'),
           d as (select id from divisions order by code limit 1)
      select g, gen_random_uuid() as id, br.ids[1 + g % array_length(br.ids, 1)] as branch_id, d.id as division_id,
             ${CHANNEL_QUARTER_START}::date + (g % 80) as starts_on
        from generate_series(1, ${CAMPAIGNS}) g, br, d`);
    await tx.execute(sql`
      insert into campaigns (id, number, name, type, division_id, branch_id, pool_id, starts_on, ends_on, owner_id, goal, status, planned_fen, spent_fen, created_by)
      select c.id, ${ROI_PREFIX} || lpad(c.g::text, 4, '0'), '基准活动 ' || c.g, (array['trade_show','roadshow','promotion','online','co_marketing','training']::campaign_type[])[1 + c.g % 6],
             c.division_id, c.branch_id, p.id, c.starts_on, c.starts_on + 10, ${owner}::uuid, '基准', 'running', 10000000, 200000 + (abs(hashint4(c.g)) % 50) * 100000, ${owner}::uuid
        from broi_c c join budget_pools p on p.division_id = c.division_id and p.branch_id = c.branch_id and p.quarter = ${ROI_QUARTER}`);
    // a partner per converted lead: campaign g, conversion k (1..4) → a channel partner with invoices
    await tx.execute(sql`
      create temp table broi_r on commit drop as
      with p as (select array_agg(organization_id order by organization_id) ids from (
                   select distinct organization_id from invoices where number like ${CHANNEL_PREFIX + "INV-%"}) s),
           pl as (select id from product_lines order by code limit 1)
      select c.g, k, c.id as campaign_id, gen_random_uuid() as registration_id, gen_random_uuid() as lead_id,
             p.ids[1 + ((c.g * 4 + k) * 7) % array_length(p.ids, 1)] as org, pl.id as product_line_id
        from broi_c c cross join generate_series(1, 4) k, p, pl`);
    await tx.execute(sql`
      insert into deal_registrations (id, number, organization_id, owner_branch_id, customer_name, customer_credit_code, product_line_id, expected_close_on, status, protected_from, protected_until, created_by)
      select r.registration_id, ${ROI_PREFIX} || 'DR-' || r.g || '-' || r.k, r.org, o.owner_branch_id, '基准客户 ' || r.g || '-' || r.k,
             '91BROI' || lpad((r.g * 10 + r.k)::text, 12, '0'), r.product_line_id, ${CHANNEL_QUARTER_END}::date, 'approved', ${CHANNEL_QUARTER_START}::date, ${CHANNEL_QUARTER_END}::date, ${owner}::uuid
        from broi_r r join organizations o on o.id = r.org`);
    await tx.execute(sql`
      insert into leads (id, name, company, mobile, source, campaign_id, status, organization_id, deal_registration_id, created_by)
      select gen_random_uuid(), '基准线索', '基准公司 ' || c.g || '-' || j, '188' || lpad((c.g * 100 + j)::text, 8, '0'), 'import', c.id,
             case when r.registration_id is null then 'new' else 'won' end::lead_status, r.org, r.registration_id, ${owner}::uuid
        from broi_c c cross join generate_series(1, 20) j left join broi_r r on r.g = c.g and r.k = j`);
    // 5 orders per registration, each made from one of the partner's channel invoices
    await tx.execute(sql`
      create temp table broi_o on commit drop as
      select r.registration_id, r.org, i.id as invoice_id, i.total_fen, i.tax_fen, i.owner_branch_id, gen_random_uuid() as order_id, r.g, r.k, i.rn
        from broi_r r
        cross join lateral (
          select id, total_fen, tax_fen, owner_branch_id, row_number() over (order by number) as rn
            from invoices where organization_id = r.org and kind = 'invoice' and number like ${CHANNEL_PREFIX + "INV-%"} and order_id is null
           order by number offset (r.g % 5) * 5 limit 5) i`);
    await tx.execute(sql`
      insert into orders (id, number, organization_id, owner_branch_id, status, ship_to, total_fen, tax_fen, deal_registration_id, submitted_at, confirmed_at)
      select order_id, ${ROI_PREFIX} || 'SO-' || g || '-' || k || '-' || rn, org, owner_branch_id, 'completed', '{"recipient":"基准","city":"北京","line":"基准路"}'::jsonb,
             total_fen, tax_fen, registration_id, ${CHANNEL_QUARTER_START}::timestamptz, ${CHANNEL_QUARTER_START}::timestamptz
        from broi_o`);
    // the invoice and its credit note (if any) belong to the order; two equality joins, not one OR
    await tx.execute(sql`update invoices i set order_id = o.order_id from broi_o o where i.id = o.invoice_id`);
    await tx.execute(sql`update invoices i set order_id = o.order_id from broi_o o where i.original_invoice_id = o.invoice_id and i.kind = 'credit_note'`);
    await tx.execute(sql`
      update invoice_lines l set margin_fen = l.net_fen / 5, cost_fen = l.net_fen - l.net_fen / 5
        from invoices i where l.invoice_id = i.id and i.order_id in (select order_id from broi_o)`);
  });
  for (const table of ["campaigns", "leads", "deal_registrations", "orders", "invoices", "invoice_lines"]) await db.execute(sql.raw(`analyze ${table}`));
  const milliseconds = Math.round(performance.now() - t0);
  log(`campaign_roi seed applied in ${(milliseconds / 1000).toFixed(1)} s`);
  return { seeded: true, milliseconds };
}

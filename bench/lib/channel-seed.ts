import { sql } from "drizzle-orm";
import type { Database } from "@cs/db";

/**
 * The channel benchmarks' data (rebate_calc, scorecard_page): 5,000 partners of the large seed (its
 * dealers and agents, which carry tiers and branches), 400,000 invoices with 5 lines each (2,000,000
 * lines) issued in one quarter, a credit note on every 50th invoice, payments allocated to 90 % of the
 * invoices (every 7th one late), and a quarterly target per partner set so completion spreads from
 * about 60 % to 140 %. Set-based (generate_series) and kept between runs.
 */
export const CHANNEL_PARTNERS = 5_000;
export const CHANNEL_INVOICES = 400_000;
export const CHANNEL_LINES_PER_INVOICE = 5;
export const CHANNEL_QUARTER_START = "2025-10-01";
export const CHANNEL_QUARTER_END = "2025-12-31";
/** Bump when the distribution changes: rows of an older generation are replaced. */
export const CHANNEL_PREFIX = "BCH1-";

export type ChannelSeed = {
  partners: number;
  invoices: number;
  lines: number;
  quarterStart: string;
  quarterEnd: string;
  /** The bench partners' ids (ordered by code). */
  partnerIds: string[];
  seeded: boolean;
  milliseconds: number;
};

const partnersSql = sql`
  select id, code, owner_branch_id from organizations
   where code like 'LG-%' and kind in ('dealer', 'agent') and tier is not null
   order by code limit ${CHANNEL_PARTNERS}`;

async function partnerIds(db: Database): Promise<string[]> {
  const rows = await db.execute<{ id: string }>(sql`select id from (${partnersSql}) p order by code`);
  return rows.map((r) => r.id);
}

async function existingLines(db: Database): Promise<number> {
  const [row] = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from invoice_lines l join invoices i on i.id = l.invoice_id
     where i.number like ${CHANNEL_PREFIX + "INV-%"}`);
  return row?.n ?? 0;
}

/** Removes an older or partial generation (children first). */
async function removeChannelRows(db: Database) {
  await db.execute(sql`delete from payment_allocations a using invoices i where i.id = a.invoice_id and i.number like 'BCH%'`);
  await db.execute(sql`delete from payments where number like 'BCH%'`);
  await db.execute(sql`delete from invoice_lines l using invoices i where i.id = l.invoice_id and i.number like 'BCH%'`);
  await db.execute(sql`delete from invoices where number like 'BCH%' and kind = 'credit_note'`);
  await db.execute(sql`delete from invoices where number like 'BCH%'`);
}

export async function seedChannelBench(db: Database, log: (m: string) => void = () => {}): Promise<ChannelSeed> {
  const ids = await partnerIds(db);
  if (ids.length < CHANNEL_PARTNERS) throw new Error(`channel bench needs ${CHANNEL_PARTNERS} large-seed dealers and agents, found ${ids.length}`);
  const base = { partners: ids.length, invoices: CHANNEL_INVOICES, lines: CHANNEL_INVOICES * CHANNEL_LINES_PER_INVOICE, quarterStart: CHANNEL_QUARTER_START, quarterEnd: CHANNEL_QUARTER_END, partnerIds: ids };
  if ((await existingLines(db)) >= base.lines) {
    await seedTargets(db);
    return { ...base, seeded: false, milliseconds: 0 };
  }
  const t0 = performance.now();
  log(`channel seed: ${CHANNEL_INVOICES.toLocaleString("en")} invoices × ${CHANNEL_LINES_PER_INVOICE} lines for ${ids.length} partners in ${CHANNEL_QUARTER_START}…${CHANNEL_QUARTER_END} …`);
  await removeChannelRows(db);
  await db.transaction(async (tx) => {
    // The invoices with their amounts first (lines are a pure function of invoice number and line no),
    // so every total is known before any row is written and the CHECKs hold row by row.
    await tx.execute(sql`
      create temp table bch_line on commit drop as
      with p as (select array_agg(id order by code) ids from (${partnersSql}) s),
           pr as (select array_agg(id order by sku) ids from products where sku like 'LG-%')
      select g, k, pr.ids[1 + abs(hashint4(g * 7 + k)) % array_length(pr.ids, 1)] as product_id,
             1 + abs(hashint4(g * 11 + k)) % 5 as qty,
             (1000 * (1 + abs(hashint4(g * 13 + k)) % 500))::bigint as unit
        from generate_series(1, ${CHANNEL_INVOICES}) g cross join generate_series(1, ${CHANNEL_LINES_PER_INVOICE}) k, pr`);
    await tx.execute(sql`
      create temp table bch_inv on commit drop as
      with p as (select array_agg(id order by code) ids, array_agg(owner_branch_id order by code) br from (${partnersSql}) s),
           t as (select g, sum(unit * qty) as gross, sum((unit * qty * 26 + 113) / 226) as tax,
                        max(case when k = 1 then unit * qty end) as first_gross,
                        max(case when k = 1 then (unit * qty * 26 + 113) / 226 end) as first_tax
                   from bch_line group by g)
      select t.g, gen_random_uuid() as id, gen_random_uuid() as credit_id, gen_random_uuid() as payment_id,
             p.ids[1 + t.g % array_length(p.ids, 1)] as org, p.br[1 + t.g % array_length(p.ids, 1)] as branch,
             ${CHANNEL_QUARTER_START}::date + (abs(hashint4(t.g)) % 92) as issued,
             t.gross, t.tax,
             case when t.g % 50 = 0 then t.first_gross else 0 end as credit_gross,
             case when t.g % 50 = 0 then t.first_tax else 0 end as credit_tax,
             t.g % 10 <> 9 as paid, t.g % 7 = 0 as late
        from t, p`);
    await tx.execute(sql`
      insert into invoices (id, kind, number, organization_id, owner_branch_id, issued_on, due_on, net_fen, tax_fen, total_fen, settled_fen)
      select id, 'invoice', ${CHANNEL_PREFIX + "INV-"} || lpad(g::text, 7, '0'), org, branch, issued, issued + 30, gross - tax, tax, gross,
             credit_gross + case when paid then gross - credit_gross else 0 end
        from bch_inv`);
    await tx.execute(sql`
      insert into invoice_lines (invoice_id, product_id, quantity, unit_price_fen, gross_fen, net_fen, tax_fen)
      select b.id, l.product_id, l.qty, l.unit, l.unit * l.qty, l.unit * l.qty - (l.unit * l.qty * 26 + 113) / 226, (l.unit * l.qty * 26 + 113) / 226
        from bch_line l join bch_inv b using (g)`);
    await tx.execute(sql`
      insert into invoices (id, kind, number, organization_id, owner_branch_id, original_invoice_id, issued_on, due_on, net_fen, tax_fen, total_fen, settled_fen)
      select credit_id, 'credit_note', ${CHANNEL_PREFIX + "CN-"} || lpad(g::text, 7, '0'), org, branch, id,
             least(issued + 10, ${CHANNEL_QUARTER_END}::date), least(issued + 10, ${CHANNEL_QUARTER_END}::date),
             credit_gross - credit_tax, credit_tax, credit_gross, credit_gross
        from bch_inv where credit_gross > 0`);
    await tx.execute(sql`
      insert into invoice_lines (invoice_id, product_id, quantity, unit_price_fen, gross_fen, net_fen, tax_fen)
      select b.credit_id, l.product_id, l.qty, l.unit, l.unit * l.qty, l.unit * l.qty - (l.unit * l.qty * 26 + 113) / 226, (l.unit * l.qty * 26 + 113) / 226
        from bch_inv b join bch_line l on l.g = b.g and l.k = 1 where b.credit_gross > 0`);
    await tx.execute(sql`
      insert into payment_allocations (invoice_id, credit_note_id, amount_fen)
      select id, credit_id, credit_gross from bch_inv where credit_gross > 0`);
    await tx.execute(sql`
      insert into payments (id, number, organization_id, owner_branch_id, received_on, method, amount_fen, unallocated_fen)
      select payment_id, ${CHANNEL_PREFIX + "PAY-"} || lpad(g::text, 7, '0'), org, branch,
             case when late then issued + 31 + g % 30 else issued + g % 30 end, 'bank_transfer', gross - credit_gross, 0
        from bch_inv where paid and gross > credit_gross`);
    await tx.execute(sql`
      insert into payment_allocations (invoice_id, payment_id, amount_fen)
      select id, payment_id, gross - credit_gross from bch_inv where paid and gross > credit_gross`);
  });
  await seedTargets(db);
  for (const table of ["invoices", "invoice_lines", "payments", "payment_allocations", "partner_targets"]) await db.execute(sql.raw(`analyze ${table}`));
  const milliseconds = Math.round(performance.now() - t0);
  log(`channel seed applied in ${(milliseconds / 1000).toFixed(1)} s`);
  return { ...base, seeded: true, milliseconds };
}

/** A quarterly all-divisions target per bench partner: its net purchases ÷ a completion of 60–140 %. */
async function seedTargets(db: Database) {
  await db.execute(sql`
    insert into partner_targets (organization_id, period_kind, period_start, division_id, amount_fen)
    select i.organization_id, 'quarter', ${CHANNEL_QUARTER_START}::date, null,
           greatest(1, sum(case when i.kind = 'invoice' then i.total_fen else -i.total_fen end) * 10000
                       / (6000 + abs(hashint4(hashtext(i.organization_id::text))) % 8001))
      from invoices i
     where i.number like ${CHANNEL_PREFIX + "%"} and i.issued_on between ${CHANNEL_QUARTER_START}::date and ${CHANNEL_QUARTER_END}::date
     group by i.organization_id
    on conflict do nothing`);
}

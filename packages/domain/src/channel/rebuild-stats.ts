import { sql } from "drizzle-orm";
import { ALL_DIVISIONS, type DatabaseOrTransaction } from "@cs/db";

const ALL = sql.raw(`'${ALL_DIVISIONS}'::uuid`);

/**
 * Recomputes partner_month_stats for the calendar months from `from`'s month to `to`'s month
 * (inclusive) from the invoices, credit notes, payments and allocations, set-based. Seeds and the
 * bench load documents in bulk and call this instead of the per-event upserts; a test proves both
 * give the same rows. The table is locked against the per-event writers while it runs.
 */
export async function rebuildPartnerMonthStats(db: DatabaseOrTransaction, range: { from: string; to: string }) {
  return db.transaction(async (tx) => {
    const lo = sql`date_trunc('month', ${range.from}::date)::date`;
    const hi = sql`(date_trunc('month', ${range.to}::date) + interval '1 month')::date`;
    await tx.execute(sql`lock table partner_month_stats in share row exclusive mode`);
    await tx.execute(sql`delete from partner_month_stats where month >= ${lo} and month < ${hi}`);
    const rows = await tx.execute<{ n: number }>(sql`
      with lines as (
        select i.organization_id, date_trunc('month', i.issued_on)::date as month, pl.division_id, i.kind, sum(il.gross_fen)::bigint as fen
        from invoices i
        join invoice_lines il on il.invoice_id = i.id
        join products p on p.id = il.product_id
        join product_lines pl on pl.id = p.product_line_id
        where i.issued_on >= ${lo} and i.issued_on < ${hi}
        group by 1, 2, 3, 4
      ), facts as (
        select organization_id, month, division_id,
               case when kind = 'invoice' then fen else 0 end as purchases_fen,
               case when kind = 'credit_note' then fen else 0 end as returns_fen,
               0::bigint as payments_fen, 0::bigint as due_fen, 0::bigint as paid_on_time_fen
        from lines
        union all
        select organization_id, month, ${ALL},
               sum(case when kind = 'invoice' then fen else 0 end), sum(case when kind = 'credit_note' then fen else 0 end), 0, 0, 0
        from lines group by organization_id, month
        union all
        select organization_id, date_trunc('month', received_on)::date, ${ALL}, 0, 0, amount_fen, 0, 0
        from payments where received_on >= ${lo} and received_on < ${hi} and method not in ('rebate', 'coupon')
        union all
        select organization_id, date_trunc('month', due_on)::date, ${ALL}, 0, 0, 0, total_fen, 0
        from invoices where kind = 'invoice' and due_on >= ${lo} and due_on < ${hi}
        union all
        select i.organization_id, date_trunc('month', i.due_on)::date, ${ALL}, 0, 0, 0, 0, a.amount_fen
        from payment_allocations a
        join invoices i on i.id = a.invoice_id
        left join payments p on p.id = a.payment_id
        left join invoices cn on cn.id = a.credit_note_id
        where i.due_on >= ${lo} and i.due_on < ${hi} and coalesce(p.received_on, cn.issued_on) <= i.due_on
      ), ins as (
        insert into partner_month_stats (organization_id, month, division_id, purchases_fen, returns_fen, payments_fen, due_fen, paid_on_time_fen)
        select organization_id, month, division_id, sum(purchases_fen), sum(returns_fen), sum(payments_fen), sum(due_fen), sum(paid_on_time_fen)
        from facts
        group by 1, 2, 3
        returning 1
      )
      select count(*)::int as n from ins`);
    return { rows: rows[0]?.n ?? 0 };
  });
}

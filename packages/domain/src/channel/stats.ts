import { sql, type SQL } from "drizzle-orm";
import { ALL_DIVISIONS, executePrepared, type DatabaseOrTransaction } from "@cs/db";

/**
 * partner_month_stats moves with the documents (purchases and returns per division and, on the
 * ALL_DIVISIONS row, in total, so an all-divisions evaluation reads one row per partner and month), each event in one prepared `insert … on conflict
 * do update` inside the document's own transaction (see decision 013). The rebuild in
 * rebuild-stats.ts computes the same rows from scratch; a test holds the two equal.
 */

const ALL = sql.raw(`'${ALL_DIVISIONS}'::uuid`);

const upsert = (select: SQL) => sql`
  insert into partner_month_stats as s (organization_id, month, division_id, purchases_fen, returns_fen, payments_fen, due_fen, paid_on_time_fen)
  ${select}
  on conflict (organization_id, month, division_id) do update set
    purchases_fen = s.purchases_fen + excluded.purchases_fen,
    returns_fen = s.returns_fen + excluded.returns_fen,
    payments_fen = s.payments_fen + excluded.payments_fen,
    due_fen = s.due_fen + excluded.due_fen,
    paid_on_time_fen = s.paid_on_time_fen + excluded.paid_on_time_fen,
    updated_at = now()`;

/** Allocations (by a condition on `a`) that count as paid on time, as rows on the invoice's due month. */
const onTimeAllocations = (where: SQL) => sql`
  select i.organization_id, date_trunc('month', i.due_on)::date as month, ${ALL} as division_id,
         0::bigint as purchases_fen, 0::bigint as returns_fen, 0::bigint as payments_fen, 0::bigint as due_fen, a.amount_fen as paid_on_time_fen
  from payment_allocations a
  join invoices i on i.id = a.invoice_id
  left join payments p on p.id = a.payment_id
  left join invoices cn on cn.id = a.credit_note_id
  where ${where} and coalesce(p.received_on, cn.issued_on) <= i.due_on`;

/**
 * An invoice: purchases per division and in total (the ALL_DIVISIONS row) in the month issued, the
 * amount due on the month it falls due (same row when both months are one, hence the grouping).
 */
export async function addInvoiceStats(tx: DatabaseOrTransaction, invoiceId: string) {
  await executePrepared(
    tx,
    upsert(sql`
      select organization_id, month, division_id, sum(purchases_fen)::bigint, 0, 0, sum(due_fen)::bigint, 0
      from (
        select i.organization_id, date_trunc('month', i.issued_on)::date as month, pl.division_id, il.gross_fen as purchases_fen, 0::bigint as due_fen
        from invoices i
        join invoice_lines il on il.invoice_id = i.id
        join products p on p.id = il.product_id
        join product_lines pl on pl.id = p.product_line_id
        where i.id = ${invoiceId}
        union all
        select organization_id, date_trunc('month', issued_on)::date, ${ALL}, total_fen, 0 from invoices where id = ${invoiceId}
        union all
        select organization_id, date_trunc('month', due_on)::date, ${ALL}, 0, total_fen from invoices where id = ${invoiceId}
      ) x
      group by 1, 2, 3`),
  );
}

/** A credit note: returns per division and in total in the month issued, plus whatever it settled on time. */
export async function addCreditNoteStats(tx: DatabaseOrTransaction, creditNoteId: string) {
  await executePrepared(
    tx,
    upsert(sql`
      select organization_id, month, division_id, sum(purchases_fen)::bigint, sum(returns_fen)::bigint, sum(payments_fen)::bigint, sum(due_fen)::bigint, sum(paid_on_time_fen)::bigint
      from (
        select i.organization_id, date_trunc('month', i.issued_on)::date as month, pl.division_id,
               0::bigint as purchases_fen, il.gross_fen as returns_fen, 0::bigint as payments_fen, 0::bigint as due_fen, 0::bigint as paid_on_time_fen
        from invoices i
        join invoice_lines il on il.invoice_id = i.id
        join products p on p.id = il.product_id
        join product_lines pl on pl.id = p.product_line_id
        where i.id = ${creditNoteId}
        union all
        select organization_id, date_trunc('month', issued_on)::date, ${ALL}, 0, total_fen, 0, 0, 0 from invoices where id = ${creditNoteId}
        union all
        ${onTimeAllocations(sql`a.credit_note_id = ${creditNoteId}`)}
      ) x
      group by 1, 2, 3`),
  );
}

/**
 * A payment recorded: the amount received in its month (rebate payments are not money collected),
 * and what it settled on time. Both land on the ALL_DIVISIONS row, so they are summed per month.
 */
export async function addPaymentStats(tx: DatabaseOrTransaction, paymentId: string) {
  await executePrepared(
    tx,
    upsert(sql`
      select organization_id, month, ${ALL}, 0, 0, sum(payments_fen)::bigint, 0, sum(paid_on_time_fen)::bigint
      from (
        select p.organization_id, date_trunc('month', p.received_on)::date as month,
               case when p.method in ('rebate', 'coupon') then 0 else p.amount_fen end as payments_fen, 0::bigint as paid_on_time_fen
        from payments p where p.id = ${paymentId}
        union all
        select organization_id, month, 0, paid_on_time_fen from (${onTimeAllocations(sql`a.payment_id = ${paymentId}`)}) o
      ) x
      group by 1, 2`),
  );
}

/** Allocations made later (credit applied to invoices): what they settled on time. */
export async function addAllocationStats(tx: DatabaseOrTransaction, allocationIds: readonly bigint[]) {
  if (allocationIds.length === 0) return;
  const ids = `{${allocationIds.join(",")}}`;
  await executePrepared(
    tx,
    upsert(sql`
      select organization_id, month, division_id, 0, 0, 0, 0, sum(paid_on_time_fen)::bigint
      from (${onTimeAllocations(sql`a.id = any(${ids}::bigint[])`)}) o
      group by 1, 2, 3`),
  );
}

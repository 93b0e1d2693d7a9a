import { sql } from "drizzle-orm";
import type { Database } from "@cs/db";

/**
 * Figures a page must show, computed here from the rows with plain SQL of their own (not through the
 * domain's queries), so an e2e test compares what the page says with what the data says.
 */

/** ¥1,234.56 as the zh-CN pages write an amount in fen. */
export function yuanText(fen: bigint): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const whole = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "-" : ""}¥${whole}.${String(abs % 100n).padStart(2, "0")}`;
}

export type Aging = { notDue: bigint; d0_30: bigint; d31_60: bigint; d61_90: bigint; d90Plus: bigint; credit: bigint; balance: bigint };

/**
 * A partner's receivables today (Asia/Shanghai): each invoice's unpaid part in its bucket by days
 * past due, and as credit what credit notes have not given to invoices plus unallocated payments.
 */
export async function agingOf(db: Database, code: string): Promise<Aging> {
  const [row] = await db.execute<Record<keyof Omit<Aging, "balance">, string>>(sql`
    with org as (select id from organizations where code = ${code}),
         today as (select (now() at time zone 'Asia/Shanghai')::date as d),
         inv as (select i.total_fen - i.settled_fen as open, (select d from today) - i.due_on as late
                   from invoices i where i.organization_id = (select id from org) and i.kind = 'invoice')
    select coalesce(sum(open) filter (where late <= 0), 0)::text as "notDue",
           coalesce(sum(open) filter (where late between 1 and 30), 0)::text as "d0_30",
           coalesce(sum(open) filter (where late between 31 and 60), 0)::text as "d31_60",
           coalesce(sum(open) filter (where late between 61 and 90), 0)::text as "d61_90",
           coalesce(sum(open) filter (where late > 90), 0)::text as "d90Plus",
           ((select coalesce(sum(c.total_fen - coalesce((select sum(a.amount_fen) from payment_allocations a where a.credit_note_id = c.id), 0)), 0)
               from invoices c where c.organization_id = (select id from org) and c.kind = 'credit_note')
            + (select coalesce(sum(p.unallocated_fen), 0) from payments p where p.organization_id = (select id from org)))::text as "credit"
      from inv`);
  if (!row) throw new Error(`no aging for ${code}`);
  const a = { notDue: BigInt(row.notDue), d0_30: BigInt(row.d0_30), d31_60: BigInt(row.d31_60), d61_90: BigInt(row.d61_90), d90Plus: BigInt(row.d90Plus), credit: BigInt(row.credit) };
  return { ...a, balance: a.notDue + a.d0_30 + a.d31_60 + a.d61_90 + a.d90Plus - a.credit };
}

/** The seven aging figures in the order the pages show them. */
export const agingTexts = (a: Aging) => [a.notDue, a.d0_30, a.d31_60, a.d61_90, a.d90Plus, a.credit, a.balance].map(yuanText);

/** A partner's rebate balance in fen (0 before its first credit). */
export async function rebateBalanceOf(db: Database, code: string): Promise<bigint> {
  const [row] = await db.execute<{ fen: string }>(sql`
    select coalesce((select b.balance_fen from rebate_balances b join organizations o on o.id = b.organization_id where o.code = ${code}), 0)::text as fen`);
  return BigInt(row!.fen);
}

/**
 * A partner's invoiced purchases (tax included) in a period net of the credit notes returning them,
 * and its target for that calendar year (all divisions): the basis and target of a yearly rebate.
 */
export async function yearlyBasisOf(db: Database, code: string, year: number): Promise<{ basis: bigint; target: bigint | null }> {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const [row] = await db.execute<{ basis: string; target: string | null }>(sql`
    with org as (select id from organizations where code = ${code})
    select (coalesce((select sum(l.gross_fen) from invoices i join invoice_lines l on l.invoice_id = i.id
                       where i.organization_id = (select id from org) and i.kind = 'invoice' and i.issued_on between ${start}::date and ${end}::date), 0)
          - coalesce((select sum(l.gross_fen) from invoices c join invoices o on o.id = c.original_invoice_id join invoice_lines l on l.invoice_id = c.id
                       where c.organization_id = (select id from org) and c.kind = 'credit_note' and c.issued_on >= ${start}::date
                         and o.issued_on between ${start}::date and ${end}::date), 0))::text as basis,
           (select amount_fen::text from partner_targets where organization_id = (select id from org) and period_kind = 'year'
                and period_start = ${start}::date and division_id is null) as target`);
  return { basis: BigInt(row!.basis), target: row!.target === null ? null : BigInt(row!.target) };
}

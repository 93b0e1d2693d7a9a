import { sql } from "drizzle-orm";
import { rebateAdjustments, type Transaction } from "@cs/db";
import type { Actor } from "../access/actor";
import { recordAudit } from "../shared/audit";
import { adjustmentForCredit } from "./calculate";

/**
 * Called in the credit note's transaction: for every frozen (approved, published or settled) rebate
 * statement of an invoiced-basis program of the partner whose period holds the returned invoice's
 * date, the rebate the returned lines earned is taken back: minus their gross (filtered like the
 * program) × the statement's tier rate × multiplier, rounded half up once. It is carried into the
 * partner's next statement. Idempotent per statement and credit note (unique index).
 * A sub-tree program's parent is not adjusted for a descendant's return (only the buyer's own).
 */
export async function recordRebateAdjustmentsForCredit(tx: Transaction, actor: Actor, creditNoteId: string) {
  const rows = await tx.execute<{ statement_id: string; organization_id: string; number: string; rate_bp: number; multiplier_bp: number; basis: string }>(sql`
    with cn as (
      select c.id, c.organization_id, o.issued_on as original_on
        from invoices c join invoices o on o.id = c.original_invoice_id
       where c.id = ${creditNoteId} and c.kind = 'credit_note'),
    st as (
      select s.id, s.organization_id, s.number, s.rate_bp, s.multiplier_bp, p.division_id, p.product_line_id
        from rebate_statements s
        join rebate_programs p on p.id = s.program_id
        join cn on cn.organization_id = s.organization_id and cn.original_on between s.period_start and s.period_end
       where s.kind = 'rebate' and s.status in ('approved', 'published', 'settled') and p.basis = 'invoiced' and s.rate_bp > 0)
    select st.id as statement_id, st.organization_id, st.number, st.rate_bp, st.multiplier_bp, sum(l.gross_fen)::text as basis
      from st
      join invoice_lines l on l.invoice_id = ${creditNoteId}
      join products pr on pr.id = l.product_id
      join product_lines pl on pl.id = pr.product_line_id
     where (st.division_id is null or pl.division_id = st.division_id)
       and (st.product_line_id is null or pr.product_line_id = st.product_line_id)
     group by st.id, st.organization_id, st.number, st.rate_bp, st.multiplier_bp`);
  const created = [];
  for (const r of rows) {
    const amountFen = adjustmentForCredit(BigInt(r.basis), r.rate_bp, r.multiplier_bp);
    if (amountFen === 0n) continue;
    const [row] = await tx
      .insert(rebateAdjustments)
      .values({ organizationId: r.organization_id, sourceStatementId: r.statement_id, creditNoteId, amountFen, reason: "return", createdBy: actor.userId })
      .onConflictDoNothing()
      .returning();
    if (!row) continue;
    await recordAudit(tx, actor, { action: "create", entity: "rebate_adjustment", entityId: row.id, after: { ...row, basisFen: r.basis, statement: r.number } });
    created.push(row);
  }
  return created;
}

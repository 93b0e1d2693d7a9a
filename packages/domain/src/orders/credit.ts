import { sql } from "drizzle-orm";
import { executePrepared, type DatabaseOrTransaction } from "@cs/db";

/** Why an order waits: credit, a discount beyond the editor's authority, a line below its margin floor (docs/decisions/032). */
export type ApprovalReason = "credit_limit" | "credit_hold" | "discount" | "margin_floor";

/**
 * What the buyer owes or has committed to: open receivables (invoices less what is settled, less
 * credit notes not yet applied and payments not yet allocated) plus the value of open orders not
 * yet invoiced (lines' quantities neither shipped nor cancelled). `exceptOrderId` leaves out an
 * order being re-checked after an edit. One statement.
 */
export async function creditExposure(db: DatabaseOrTransaction, organizationId: string, exceptOrderId: string | null = null): Promise<bigint> {
  const [row] = await executePrepared<{ fen: string }>(db, sql`
    select (
      coalesce((select sum(case when i.kind = 'invoice' then i.total_fen - i.settled_fen else i.settled_fen - i.total_fen end)
                  from invoices i where i.organization_id = ${organizationId}::uuid and i.settled_fen < i.total_fen), 0)
      - coalesce((select sum(p.unallocated_fen) from payments p where p.organization_id = ${organizationId}::uuid and p.unallocated_fen > 0), 0)
      + coalesce((select sum(l.unit_price_fen * (l.quantity - l.quantity_shipped - l.quantity_cancelled))
                    from orders o join order_lines l on l.order_id = o.id
                   where o.organization_id = ${organizationId}::uuid
                     -- ::text keeps the planner on the buyer's index: ANDing it with the status index
                     -- (all open orders of everyone) cost 2–16 ms per checkout with 1M orders.
                     and o.status::text in ('submitted', 'pending_approval', 'confirmed', 'partially_shipped')
                     and o.id is distinct from ${exceptOrderId}::uuid), 0)
    )::text as fen`);
  return BigInt(row?.fen ?? "0");
}

export type CreditInput = { creditLimitFen: bigint; creditHold: boolean; exposureFen: bigint; orderFen: bigint };

/**
 * The credit rule (赊销): exposure + this order must fit the limit (exactly at the limit fits),
 * else the order waits for approval; a buyer on credit hold gets nothing confirmed.
 */
export function creditReasons(input: CreditInput): ApprovalReason[] {
  const reasons: ApprovalReason[] = [];
  if (input.exposureFen + input.orderFen > input.creditLimitFen) reasons.push("credit_limit");
  if (input.creditHold) reasons.push("credit_hold");
  return reasons;
}

/**
 * Where an order goes: to approval when some reason needs an approver, else it stays submitted
 * while the buyer is on hold, else it is confirmed now.
 */
export function orderStatusFor(reasons: readonly ApprovalReason[]): "pending_approval" | "submitted" | "confirmed" {
  if (reasons.some((r) => r !== "credit_hold")) return "pending_approval";
  return reasons.includes("credit_hold") ? "submitted" : "confirmed";
}

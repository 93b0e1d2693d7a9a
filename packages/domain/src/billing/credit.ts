import { eq, sql } from "drizzle-orm";
import { organizations, type DatabaseOrTransaction } from "@cs/db";

export type CreditPosition = {
  limitFen: bigint;
  /** Open invoices less unapplied credit notes and unallocated payments; negative when the partner is in credit. */
  openReceivablesFen: bigint;
  /** Tax-inclusive value of what is ordered and accepted but not yet shipped (and so not invoiced). */
  openOrdersFen: bigint;
  /** limit − open receivables − open orders (may be negative). */
  availableFen: bigint;
  onHold: boolean;
  holdReason: string | null;
};

/**
 * Orders that count against credit: every order not finished, including those waiting for approval
 * (the same rule as the orders area's creditExposure, so the desk and the credit check agree).
 */
export const CREDIT_ORDER_STATUSES = ["submitted", "pending_approval", "confirmed", "partially_shipped"] as const;

/**
 * A partner's credit position in one statement: the figure behind the order credit check (open
 * receivables + open orders + the new order must fit the limit) and the order desk's view. Reads
 * only; the caller's scope check decides whether the actor may see it.
 */
export async function creditPosition(db: DatabaseOrTransaction, organizationId: string): Promise<CreditPosition> {
  const [row] = await db
    .select({
      limitFen: organizations.creditLimitFen,
      onHold: organizations.creditHold,
      holdReason: organizations.creditHoldReason,
      invoicesOpen: sql<string>`(select coalesce(sum(total_fen - settled_fen), 0) from invoices
        where organization_id = ${organizationId}::uuid and kind = 'invoice' and settled_fen < total_fen)::text`,
      creditsOpen: sql<string>`(select coalesce(sum(total_fen - settled_fen), 0) from invoices
        where organization_id = ${organizationId}::uuid and kind = 'credit_note' and settled_fen < total_fen)::text`,
      unallocated: sql<string>`(select coalesce(sum(unallocated_fen), 0) from payments
        where organization_id = ${organizationId}::uuid and unallocated_fen > 0)::text`,
      openOrders: sql<string>`(select coalesce(sum(l.unit_price_fen * (l.quantity - l.quantity_shipped - l.quantity_cancelled)), 0)
        from orders o join order_lines l on l.order_id = o.id
        where o.organization_id = ${organizationId}::uuid and o.status in ('submitted', 'pending_approval', 'confirmed', 'partially_shipped'))::text`,
    })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (!row) throw new Error(`no organization ${organizationId}`);
  const openReceivablesFen = BigInt(row.invoicesOpen) - BigInt(row.creditsOpen) - BigInt(row.unallocated);
  const openOrdersFen = BigInt(row.openOrders);
  return {
    limitFen: row.limitFen,
    openReceivablesFen,
    openOrdersFen,
    availableFen: row.limitFen - openReceivablesFen - openOrdersFen,
    onHold: row.onHold,
    holdReason: row.holdReason,
  };
}

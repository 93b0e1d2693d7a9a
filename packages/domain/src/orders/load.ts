import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { orderLines, orders, organizations, products, type Order, type DatabaseOrTransaction, type OrderLine, type Transaction } from "@cs/db";
import type { Actor } from "../access/actor";
import { orderScope } from "../access/scopes";
import { NotFoundError } from "../shared/errors";
import { isUuid } from "../shared/parse";

/** The order, locked for this transaction, if the actor may see it; else NotFoundError. */
export async function lockOrder(tx: Transaction, actor: Actor, orderId: string): Promise<Order> {
  if (!isUuid(orderId)) throw new NotFoundError("order");
  const [order] = await tx
    .select()
    .from(orders)
    .where(and(eq(orders.id, orderId), orderScope(actor)))
    .for("update");
  if (!order) throw new NotFoundError("order");
  return order;
}

export async function linesOf(tx: Transaction, orderId: string): Promise<OrderLine[]> {
  return tx.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(orderLines.lineNo);
}

/** Which of these products are services without stock (extended warranties, docs/decisions/006). */
export async function serviceProducts(tx: Transaction, productIds: string[]): Promise<Set<string>> {
  if (productIds.length === 0) return new Set();
  const rows = await tx
    .select({ id: products.id })
    .from(products)
    .where(and(inArray(products.id, [...new Set(productIds)]), isNotNull(products.extendedWarrantyMonths)));
  return new Set(rows.map((r) => r.id));
}

export type BuyerTerms = { creditLimitFen: bigint; creditHold: boolean; backorderPolicy: "backorder" | "ship_available"; ownerBranchId: string | null };

/** The buyer's credit and backorder terms, its row locked against a concurrent checkout's credit check. */
export async function buyerTerms(tx: Transaction, organizationId: string): Promise<BuyerTerms> {
  const [row] = await tx
    .select({
      creditLimitFen: organizations.creditLimitFen,
      creditHold: organizations.creditHold,
      backorderPolicy: organizations.backorderPolicy,
      ownerBranchId: organizations.ownerBranchId,
    })
    .from(organizations)
    .where(eq(organizations.id, organizationId))
    .for("no key update");
  if (!row) throw new NotFoundError("organization");
  return row;
}

/** Who last edited the order (from its timeline), so an editor cannot approve their own edit. */
export async function lastEditorOf(tx: DatabaseOrTransaction, orderId: string): Promise<string | null> {
  const [row] = await tx.execute<{ actor_id: string | null }>(sql`
    select actor_id from order_events where order_id = ${orderId}::uuid and action = 'edited' order by id desc limit 1`);
  return row?.actor_id ?? null;
}

import { and, eq, gte, lte, sql } from "drizzle-orm";
import { dealRegistrations, type Transaction } from "@cs/db";
import type { PriceReason } from "../pricing/resolve";
import { ConflictError, ValidationError } from "../shared/errors";
import { isUuid } from "../shared/parse";

/**
 * The registration an order names at checkout: the buyer's own, approved and protected today, else
 * a field error (another partner's id is invisible here, so it reads the same as a wrong one).
 */
export async function checkoutDeal(tx: Transaction, organizationId: string, registrationId: string, today: string) {
  if (!isUuid(registrationId)) throw new ValidationError({ dealRegistrationId: ["deals.errors.notUsable"] });
  const [row] = await tx
    .select({ id: dealRegistrations.id })
    .from(dealRegistrations)
    .where(
      and(
        eq(dealRegistrations.id, registrationId),
        eq(dealRegistrations.organizationId, organizationId),
        eq(dealRegistrations.status, "approved"),
        lte(dealRegistrations.protectedFrom, today),
        gte(dealRegistrations.protectedUntil, today),
      ),
    );
  if (!row) throw new ValidationError({ dealRegistrationId: ["deals.errors.notUsable"] });
  return row.id;
}

/** Units per special price that lines priced at one take: special price id → units. */
export function specialPriceUses(lines: Iterable<{ quantity: number; reason: PriceReason }>): Map<string, number> {
  const uses = new Map<string, number>();
  for (const { quantity, reason } of lines)
    if (reason.rule === "special_price" && reason.ruleId) uses.set(reason.ruleId, (uses.get(reason.ruleId) ?? 0) + quantity);
  return uses;
}

/**
 * Takes the units of the special prices the checkout's lines were priced at, each by one conditional
 * UPDATE: two orders at once serialise on the row and the second re-checks what is left (PostgreSQL
 * re-evaluates the WHERE of a blocked UPDATE), so the quantity is never exceeded; a line that no
 * longer fits refuses the whole checkout. `uses`: special price id → units.
 */
export async function useSpecialPrices(tx: Transaction, uses: Map<string, number>) {
  for (const [id, units] of [...uses.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const rows = await tx.execute(
      sql`update deal_special_prices set quantity_used = quantity_used + ${units}::int where id = ${id}::uuid and quantity - quantity_used >= ${units}::int returning id`,
    );
    if (rows.length === 0) throw new ConflictError("deals.errors.specialPriceUsedUp");
  }
}

/** Gives back the units an order's open special-price lines took (its cancellation or rejection; nothing shipped). */
export async function restoreSpecialPrices(tx: Transaction, orderId: string) {
  await tx.execute(sql`
    update deal_special_prices s set quantity_used = s.quantity_used - x.units
      from (select (l.price_reason->>'ruleId')::uuid as id, sum(l.quantity - l.quantity_shipped)::int as units
              from order_lines l
             where l.order_id = ${orderId}::uuid and l.price_rule = 'special_price'
             group by 1) x
     where s.id = x.id and x.units > 0`);
}

import { sql } from "drizzle-orm";
import { rebateBalances, rebateLedger, type RebateLedgerKind, type Transaction } from "@cs/db";
import { ValidationError } from "../shared/errors";

/**
 * The rebate balance's write primitives. Every change locks the partner's `rebate_balances` row
 * (created on first use), writes one ledger row with the balance after it and moves the balance in
 * the same transaction; the database refuses a negative balance as a last line of defence, the
 * check below refuses it first with a translated error. No authorisation here: callers
 * (settleStatement, payoutRebate, checkout, cancel, invoicing) authorise and audit.
 */
export type LedgerEntry = {
  organizationId: string;
  kind: RebateLedgerKind;
  /** Signed: credits and releases are positive, uses and payouts negative. */
  amountFen: bigint;
  statementId?: string | null;
  orderId?: string | null;
  paymentId?: string | null;
  fundClaimId?: string | null;
  note?: string | null;
  createdBy: string | null;
};

/** Locks the partner's balance row (making it when missing) and returns the balance. */
export async function lockBalance(tx: Transaction, organizationId: string): Promise<bigint> {
  await tx.insert(rebateBalances).values({ organizationId }).onConflictDoNothing();
  const [row] = await tx
    .select({ balanceFen: rebateBalances.balanceFen })
    .from(rebateBalances)
    .where(sql`${rebateBalances.organizationId} = ${organizationId}::uuid`)
    .for("update");
  return row!.balanceFen;
}

/**
 * Posts one entry against the locked balance. A debit beyond the balance is refused with
 * `field`'s error and changes nothing. Returns the ledger row id and the balance after it.
 */
export async function postLedgerEntry(tx: Transaction, entry: LedgerEntry, field = "amount"): Promise<{ id: bigint; balanceAfterFen: bigint }> {
  if (entry.amountFen === 0n) throw new Error("a rebate ledger entry moves money");
  const balance = await lockBalance(tx, entry.organizationId);
  const after = balance + entry.amountFen;
  if (after < 0n) throw new ValidationError({ [field]: ["rebateBalance.errors.moreThanBalance"] }, "rebateBalance.errors.moreThanBalance");
  await tx
    .update(rebateBalances)
    .set({ balanceFen: after, updatedAt: new Date() })
    .where(sql`${rebateBalances.organizationId} = ${entry.organizationId}::uuid`);
  const [row] = await tx
    .insert(rebateLedger)
    .values({
      organizationId: entry.organizationId,
      kind: entry.kind,
      amountFen: entry.amountFen,
      balanceAfterFen: after,
      statementId: entry.statementId ?? null,
      orderId: entry.orderId ?? null,
      paymentId: entry.paymentId ?? null,
      fundClaimId: entry.fundClaimId ?? null,
      note: entry.note ?? null,
      createdBy: entry.createdBy,
    })
    .returning({ id: rebateLedger.id });
  return { id: row!.id, balanceAfterFen: after };
}

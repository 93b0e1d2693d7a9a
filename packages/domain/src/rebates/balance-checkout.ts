import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { executePrepared, type Transaction } from "@cs/db";
import type { Actor } from "../access/actor";
import { moneyField } from "../validation/fields";
import { addAllocationStats } from "../channel/stats";
import { recordAudit } from "../shared/audit";
import { numberSql, sequenceSql } from "../shared/document-number";
import { ValidationError } from "../shared/errors";
import { postLedgerEntry } from "./balance";

/**
 * The rebate balance spent at checkout: a `rebate` payment tied to the order (decision 013), drawn
 * from the balance in the order's transaction, allocated to the order's invoices as they are issued,
 * and what is never invoiced (a cancelled order or remainder) goes back to the balance. A coupon's
 * discount is the same kind of prepayment (`coupon`, decision 024) without the balance.
 */

/** The checkout form's "apply rebate" amount in yuan; blank is none, a sign is refused with its own message. */
export const rebateUseField = z.preprocess(
  (v) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? 0n : typeof v === "string" && /^\s*-/.test(v) ? -1n : v),
  moneyField.refine((v) => v >= 0n, "rebateBalance.errors.negative"),
);

/** The buyer's balance, locked until the checkout commits (only when the buyer applies some). */
export async function lockCheckoutBalance(tx: Transaction, organizationId: string): Promise<bigint> {
  const [row] = await executePrepared<{ balance_fen: string }>(
    tx,
    sql`select balance_fen::text from rebate_balances where organization_id = ${organizationId}::uuid for update`,
  );
  return BigInt(row?.balance_fen ?? "0");
}

/** Refuses more than the balance or than the total of the order(s) the rebate may pay. */
export function checkRebateUse(appliedFen: bigint, balanceFen: bigint, payableFen: bigint) {
  if (appliedFen > balanceFen) throw new ValidationError({ rebateAmount: ["rebateBalance.errors.moreThanBalance"] });
  if (appliedFen > payableFen) throw new ValidationError({ rebateAmount: ["rebateBalance.errors.moreThanTotal"] });
}

/**
 * What the checkout takes off an order before it is invoiced, each as a payment tied to the order:
 * the rebate balance spent (decision 013) and the coupon's discount (decision 024). Both are
 * allocated to the order's invoices as they are issued; what is never invoiced is shrunk away.
 */
export type PrepaymentMethod = "rebate" | "coupon";

type PrepaymentInput = { organizationId: string; ownerBranchId: string | null; orderId: string; amountFen: bigint; userId: string; year: number; receivedOn: string };

/** The `seq` and `pay` CTEs: the PAY- number (same gap-free sequence as recorded payments) and the payment. */
function prepaymentCtes(u: PrepaymentInput, method: PrepaymentMethod): SQL {
  const amount = u.amountFen.toString();
  return sql`seq as (
      ${sequenceSql("PAY", u.year, 1)}
    ), pay as (
      insert into payments (number, organization_id, owner_branch_id, received_on, method, order_id, amount_fen, unallocated_fen, recorded_by)
      select ${numberSql("PAY", u.year, sql`seq.last_value`)},
             ${u.organizationId}::uuid, ${u.ownerBranchId}::uuid, ${u.receivedOn}::date, ${method}::payment_method, ${u.orderId}::uuid, ${amount}::bigint, ${amount}::bigint, ${u.userId}::uuid
        from seq
      returning id, number
    )`;
}

/**
 * One statement, run right behind the orders' insert in the checkout's last flight: the prepayment,
 * the balance debit with its ledger row and the order's `rebate_applied_fen`. The balance row is
 * already locked and checked by the caller.
 */
export function rebateUseStatement(u: PrepaymentInput): SQL {
  const amount = u.amountFen.toString();
  return sql`
    with ${prepaymentCtes(u, "rebate")}, bal as (
      update rebate_balances set balance_fen = balance_fen - ${amount}::bigint, updated_at = now()
       where organization_id = ${u.organizationId}::uuid
      returning balance_fen
    ), led as (
      insert into rebate_ledger (organization_id, kind, amount_fen, balance_after_fen, order_id, payment_id, note, created_by)
      select ${u.organizationId}::uuid, 'checkout_use', -${amount}::bigint, bal.balance_fen, ${u.orderId}::uuid, pay.id, pay.number, ${u.userId}::uuid
        from bal cross join pay
    ), ord as (
      update orders set rebate_applied_fen = ${amount}::bigint where id = ${u.orderId}::uuid
    )
    select number from pay`;
}

/**
 * The coupon's discount as a `coupon` payment of the order (its `coupon_discount_fen`, written by the
 * orders' insert), in the checkout's last flight: no balance, no ledger.
 */
export function couponPaymentStatement(u: PrepaymentInput): SQL {
  return sql`with ${prepaymentCtes(u, "coupon")} select number from pay`;
}

type Prepayment = { id: string; number: string; unallocated_fen: string; organization_id: string };

async function lockPrepayment(tx: Transaction, orderId: string, method: PrepaymentMethod): Promise<Prepayment | undefined> {
  const [row] = await executePrepared<Prepayment>(
    tx,
    sql`select id, number, unallocated_fen::text, organization_id from payments
         where order_id = ${orderId}::uuid and method = ${method}::payment_method and unallocated_fen > 0 for update`,
  );
  return row;
}

/**
 * Settles a just-issued invoice of the order from the order's prepayments (the coupon first, then
 * the rebate, each as far as it goes); once the order has nothing left to ship, what a prepayment
 * still holds is released (the rebate's back to the balance, the coupon's simply shrunk away).
 */
export async function allocateOrderPrepayments(
  tx: Transaction,
  actor: Actor,
  order: { id: string; rebateAppliedFen: bigint; couponDiscountFen: bigint },
  invoice: { id: string; totalFen: bigint },
) {
  const methods = ([["coupon", order.couponDiscountFen], ["rebate", order.rebateAppliedFen]] as const).filter(([, fen]) => fen > 0n).map(([m]) => m);
  if (methods.length === 0) return;
  let due = invoice.totalFen;
  const leftOver: PrepaymentMethod[] = [];
  for (const method of methods) {
    const payment = await lockPrepayment(tx, order.id, method);
    if (!payment) continue;
    const available = BigInt(payment.unallocated_fen);
    const take = available < due ? available : due;
    if (take > 0n) {
      const [allocation] = await executePrepared<{ id: string }>(
        tx,
        sql`with p as (update payments set unallocated_fen = unallocated_fen - ${take.toString()}::bigint where id = ${payment.id}::uuid),
                 i as (update invoices set settled_fen = settled_fen + ${take.toString()}::bigint where id = ${invoice.id}::uuid)
            insert into payment_allocations (invoice_id, payment_id, amount_fen, created_by)
            values (${invoice.id}::uuid, ${payment.id}::uuid, ${take.toString()}::bigint, ${actor.userId}::uuid)
            returning id::text`,
      );
      // settled on the day it is issued: on time for the partner's evaluation, like any allocation
      await addAllocationStats(tx, [BigInt(allocation!.id)]);
      due -= take;
    }
    if (available > take) leftOver.push(method);
  }
  if (leftOver.length === 0) return;
  const [open] = await executePrepared<{ n: number }>(
    tx,
    sql`select coalesce(sum(quantity - quantity_shipped - quantity_cancelled), 0)::int as n from order_lines where order_id = ${order.id}::uuid`,
  );
  if (Number(open?.n ?? 0) !== 0) return;
  for (const method of leftOver) {
    if (method === "rebate") await releaseOrderRebate(tx, actor, order.id);
    else await releaseOrderCouponPayment(tx, actor, order.id);
  }
}

/**
 * A cancelled or rejected order's prepayments give back what they have not paid on an invoice.
 * Each release finds nothing held the second time, so a retried cancel does nothing more.
 */
export async function releaseOrderPrepayments(tx: Transaction, actor: Actor, order: { id: string; rebateAppliedFen: bigint; couponDiscountFen: bigint }) {
  const rebateReleasedFen = order.rebateAppliedFen > 0n ? await releaseOrderRebate(tx, actor, order.id) : 0n;
  const couponReleasedFen = order.couponDiscountFen > 0n ? await releaseOrderCouponPayment(tx, actor, order.id) : 0n;
  return { rebateReleasedFen, couponReleasedFen };
}

/** Shrinks a payment to what it has paid (0 for an order cancelled before any invoice). */
function shrinkPaymentSql(paymentId: string): SQL {
  return sql`update payments set amount_fen = amount_fen - unallocated_fen, unallocated_fen = 0 where id = ${paymentId}::uuid`;
}

/**
 * Gives back to the balance what the order's rebate payment has not paid on an invoice (a
 * cancelled order, or a remainder cancelled after the last shipment). The payment shrinks to what
 * it did pay (0 for an order cancelled before any invoice), so the statement of account never
 * shows money that went back to the balance. Nothing held: nothing done, so a retried cancel
 * releases once.
 */
export async function releaseOrderRebate(tx: Transaction, actor: Actor, orderId: string): Promise<bigint> {
  const payment = await lockPrepayment(tx, orderId, "rebate");
  if (!payment) return 0n;
  const releasedFen = BigInt(payment.unallocated_fen);
  await tx.execute(sql`
    with p as (${shrinkPaymentSql(payment.id)})
    update orders set rebate_applied_fen = rebate_applied_fen - ${releasedFen.toString()}::bigint where id = ${orderId}::uuid`);
  const entry = await postLedgerEntry(tx, { organizationId: payment.organization_id, kind: "checkout_release", amountFen: releasedFen, orderId, paymentId: payment.id, note: payment.number, createdBy: actor.userId });
  await recordAudit(tx, actor, { action: "rebate.release", entity: "order", entityId: orderId, after: { payment: payment.number, releasedFen, balanceAfterFen: entry.balanceAfterFen } });
  return releasedFen;
}

/**
 * The coupon's part of an order never invoiced (cancelled, rejected, or a remainder cancelled after
 * the last shipment) is no money owed nor paid: its payment shrinks to what it settled, so neither
 * the statement nor the credit exposure counts it. The order keeps `coupon_discount_fen` as history
 * (the coupon's use itself goes back through releaseOrderCoupon). Nothing held: nothing done.
 */
export async function releaseOrderCouponPayment(tx: Transaction, actor: Actor, orderId: string): Promise<bigint> {
  const payment = await lockPrepayment(tx, orderId, "coupon");
  if (!payment) return 0n;
  const releasedFen = BigInt(payment.unallocated_fen);
  await tx.execute(shrinkPaymentSql(payment.id));
  await recordAudit(tx, actor, { action: "coupon.payment_release", entity: "order", entityId: orderId, after: { payment: payment.number, releasedFen } });
  return releasedFen;
}

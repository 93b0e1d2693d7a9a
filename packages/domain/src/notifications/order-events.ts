import { sql } from "drizzle-orm";
import { orderEvents, type OrderStatus, type Transaction } from "@cs/db";
import { notifyOrderEvent } from "./notify";
import { toAuditJson } from "../shared/audit";

/**
 * What happened to an order. `action` names the event (submitted, pending_approval, approved,
 * rejected, confirmed, edited, cancelled, allocated, partially_shipped, shipped, delivered, …) and is
 * the notice kind `order.<action>` the buyer and the order desk receive.
 */
export type OrderEventInput = {
  orderId: string;
  action: string;
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus | null;
  actorId: string | null;
  comment?: string | null;
  details?: Record<string, unknown> | null;
};

/**
 * Appends an entry to the order's timeline and notifies the buyer and the order desk, in the
 * caller's transaction. It does not change the order itself: the caller updates the order's status
 * (and whatever else) and records here what it did, so the entry and the change commit together.
 */
export async function recordOrderEvent(tx: Transaction, input: OrderEventInput): Promise<void> {
  await recordOrderEvents(tx, [input]);
}

/** Several orders' entries (one checkout split per supplier) in one insert, then their notices. */
export async function recordOrderEvents(tx: Transaction, inputs: OrderEventInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await tx.insert(orderEvents).values(
    inputs.map((e) => ({
      orderId: e.orderId,
      // the buyer, for row-level security (drizzle/0017); whoever records an event can see the order
      organizationId: sql<string>`(select o.organization_id from orders o where o.id = ${e.orderId}::uuid)`,
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      actorId: e.actorId,
      comment: e.comment ?? null,
      details: e.details ? (toAuditJson(e.details) as Record<string, unknown>) : null,
    })),
  );
  for (const e of inputs) await notifyOrderEvent(tx, { orderId: e.orderId, event: e.action, actorId: e.actorId });
}

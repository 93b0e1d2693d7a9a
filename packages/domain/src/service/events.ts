import { and, eq } from "drizzle-orm";
import { repairEvents, repairRequests, type RepairRequest, type RepairStatus, type Transaction } from "@cs/db";
import { serviceScope } from "../access/scopes";
import { inTransaction, type Ctx } from "../shared/context";
import { keyOf, once } from "../shared/idempotency";
import { NotFoundError } from "../shared/errors";
import { isUuid } from "../shared/parse";
import { notifyRepairEvent } from "./notices";

/** One line on the request's timeline, and the notices it calls for (see notices.ts), in the same transaction. */
export async function recordRepairEvent(
  tx: Transaction,
  input: { requestId: string; action: string; fromStatus?: RepairStatus | null; toStatus?: RepairStatus | null; actorId: string | null; comment?: string | null; details?: unknown },
) {
  await tx.insert(repairEvents).values({
    requestId: input.requestId,
    action: input.action,
    fromStatus: input.fromStatus ?? null,
    toStatus: input.toStatus ?? null,
    actorId: input.actorId,
    comment: input.comment ?? null,
    details: input.details ?? null,
  });
  await notifyRepairEvent(tx, { requestId: input.requestId, event: input.action, actorId: input.actorId });
}

/** The request, locked, if this actor may see it; out of scope looks like nonexistent. */
export async function lockRepairRequest(tx: Transaction, ctx: Ctx, requestId: string): Promise<RepairRequest> {
  if (!isUuid(requestId)) throw new NotFoundError("repair_request");
  const [row] = await tx
    .select()
    .from(repairRequests)
    .where(and(eq(repairRequests.id, requestId), serviceScope(ctx.actor)))
    .for("update");
  if (!row) throw new NotFoundError("repair_request");
  return row;
}

/**
 * A service mutation: one transaction, claimed once per (user, `_key`) so a double click or a
 * retried post replays the first answer instead of acting twice.
 */
export function mutateOnce<T extends Record<string, unknown>>(ctx: Ctx, raw: unknown, input: unknown, fn: (tx: Transaction, ctx: Ctx) => Promise<T>): Promise<T> {
  return inTransaction(ctx, async (tx, txCtx) => (await once(tx, ctx.actor, keyOf(raw), input, () => fn(tx, txCtx))).result);
}

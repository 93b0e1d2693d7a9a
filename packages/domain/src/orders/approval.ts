import type { Order, Transaction } from "@cs/db";
import type { Actor } from "../access/actor";
import { authorize } from "../access/authorize";
import { orderApprovalLimit } from "../access/permissions";
import { ConflictError, ForbiddenError, ValidationError } from "../shared/errors";
import { lastEditorOf } from "./load";

/**
 * An approver holds order:approve, may decide orders up to their role's amount, and is neither the
 * user who placed the order nor the last one who edited it. A decided order is a conflict.
 */
export async function checkApprover(tx: Transaction, actor: Actor, order: Order, checkLimit: boolean) {
  authorize(actor, "order:approve");
  if (actor.kind !== "staff") throw new ForbiddenError("order:approve");
  if (order.status !== "pending_approval") throw new ConflictError("orders.errors.alreadyDecided");
  if (order.placedBy === actor.userId || (await lastEditorOf(tx, order.id)) === actor.userId)
    throw new ValidationError({ form: ["orders.errors.ownOrder"] }, "orders.errors.ownOrder");
  const limit = orderApprovalLimit(actor.roles);
  if (checkLimit && limit !== null && order.totalFen > limit)
    throw new ValidationError({ form: ["orders.errors.beyondApprovalLimit"] }, "orders.errors.beyondApprovalLimit");
}

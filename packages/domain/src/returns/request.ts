import { and, eq } from "drizzle-orm";
import { orders, returnLines, returnRequests, type Transaction } from "@cs/db";
import { authorize } from "../access/authorize";
import { orderScope } from "../access/scopes";
import { notify } from "../notifications/notify";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { nextDocumentNumber } from "../shared/document-number";
import { NotFoundError, ValidationError, type FieldErrors } from "../shared/errors";
import { keyOf, once } from "../shared/idempotency";
import { isUuid, parseInput } from "../shared/parse";
import { requestReturnInput } from "./inputs";
import { returnableLines } from "./returnable";
import { shanghaiYear } from "../shared/dates";

/**
 * A partner asks to return goods of one of its orders: per line, at most what was shipped minus
 * what is already returned or asked back by an open request; serials must be among those shipped
 * on that line and not already asked back. The order row is locked, so two requests for the same
 * order cannot both claim the same units. Once per `_key`.
 */
export async function requestReturn(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "own_return:request");
  const input = parseInput(requestReturnInput, raw);
  const organizationId = ctx.actor.organizationId;
  if (!organizationId || !isUuid(input.orderId)) throw new NotFoundError("order");
  return inTransaction(ctx, async (tx) => {
    const { result } = await once(tx, ctx.actor, keyOf(raw), input, async () => {
      const [order] = await tx
        .select()
        .from(orders)
        .where(and(eq(orders.id, input.orderId), eq(orders.organizationId, organizationId), orderScope(ctx.actor)))
        .for("update");
      if (!order) throw new NotFoundError("order");
      const returnable = new Map((await returnableLines(tx, order.id)).map((l) => [l.orderLineId, l]));

      const errors: FieldErrors = {};
      const seen = new Set<string>();
      const picked: { orderLineId: string; productId: string; invoiceId: string | null; quantity: number; serials: string[] }[] = [];
      input.lines.forEach((posted, i) => {
        const line = returnable.get(posted.orderLineId);
        if (!line || seen.has(posted.orderLineId)) return void (errors[`lines.${i}.orderLineId`] = ["validation.invalid"]);
        seen.add(posted.orderLineId);
        if (posted.quantity === 0) {
          if (posted.serials.length) errors[`lines.${i}.serials`] = ["returns.validation.serialCount"];
          return;
        }
        if (posted.quantity > line.returnable) return void (errors[`lines.${i}.quantity`] = ["returns.validation.moreThanReturnable"]);
        if (line.serialized) {
          if (new Set(posted.serials).size !== posted.quantity || posted.serials.length !== posted.quantity)
            return void (errors[`lines.${i}.serials`] = ["returns.validation.serialCount"]);
          if (posted.serials.some((s) => !line.serialsAvailable.includes(s))) return void (errors[`lines.${i}.serials`] = ["returns.validation.serialNotShipped"]);
        } else if (posted.serials.length) return void (errors[`lines.${i}.serials`] = ["stock.validation.notSerialized"]);
        picked.push({ orderLineId: line.orderLineId, productId: line.productId, invoiceId: line.invoiceId, quantity: posted.quantity, serials: posted.serials });
      });
      if (Object.keys(errors).length) throw new ValidationError(errors);
      if (picked.length === 0) throw new ValidationError({ lines: ["returns.validation.nothingToReturn"] }, "returns.validation.nothingToReturn");

      const number = await nextDocumentNumber(tx, "RMA", shanghaiYear());
      const [created] = await tx
        .insert(returnRequests)
        .values({
          number,
          organizationId,
          ownerBranchId: order.ownerBranchId,
          orderId: order.id,
          reason: input.reason,
          note: input.note,
          requestedBy: ctx.actor.userId,
        })
        .returning();
      await tx.insert(returnLines).values(picked.map((p) => ({ returnId: created!.id, ...p })));
      await recordAudit(tx, ctx.actor, {
        action: "return.request",
        entity: "return",
        entityId: created!.id,
        after: { number, order: order.number, reason: input.reason, lines: picked.map((p) => ({ orderLineId: p.orderLineId, quantity: p.quantity, serials: p.serials })) },
      });
      await announce(tx, created!, "requested", ctx.actor.userId);
      return { returnId: created!.id, number };
    });
    return result;
  });
}

/** Buyer users and the branch's order desk hear about every step of a return, except whoever took it. */
export async function announce(
  tx: Transaction,
  ret: { id: string; number: string; organizationId: string; ownerBranchId: string | null },
  event: "requested" | "approved" | "rejected" | "received",
  actorId: string,
  params: Record<string, string> = {},
) {
  await notify(tx, {
    audiences: [
      { organizationId: ret.organizationId, permission: "own_order:read" },
      { branchId: ret.ownerBranchId, roles: ["order_desk"] },
    ],
    kind: `return.${event}`,
    entityType: "return",
    entityId: ret.id,
    params: { number: ret.number, ...params },
    exceptUserId: actorId,
  });
}

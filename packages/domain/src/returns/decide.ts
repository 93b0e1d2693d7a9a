import { and, eq } from "drizzle-orm";
import { returnRequests, type Transaction } from "@cs/db";
import { authorize } from "../access/authorize";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { ConflictError, NotFoundError, ValidationError } from "../shared/errors";
import { isUuid, parseInput } from "../shared/parse";
import { decideReturnInput, returnScope } from "./inputs";
import { announce } from "./request";

/** The return, locked, if this actor may see it. */
export async function lockReturn(tx: Transaction, ctx: Ctx, returnId: string) {
  if (!isUuid(returnId)) throw new NotFoundError("return");
  const [row] = await tx
    .select()
    .from(returnRequests)
    .where(and(eq(returnRequests.id, returnId), returnScope(ctx.actor)))
    .for("update");
  if (!row) throw new NotFoundError("return");
  return row;
}

async function decide(ctx: Ctx, raw: unknown, to: "approved" | "rejected") {
  authorize(ctx.actor, "return:approve");
  const input = parseInput(decideReturnInput, raw);
  if (to === "rejected" && !input.comment) throw new ValidationError({ comment: ["returns.validation.commentRequired"] });
  return inTransaction(ctx, async (tx) => {
    const ret = await lockReturn(tx, ctx, input.returnId);
    // A second decision (double click, two staff at once) is refused: the first one stands.
    if (ret.status !== "requested") throw new ConflictError("returns.validation.alreadyDecided");
    const decidedAt = new Date();
    await tx
      .update(returnRequests)
      .set({ status: to, decidedBy: ctx.actor.userId, decidedAt, decisionComment: input.comment, updatedAt: decidedAt })
      .where(eq(returnRequests.id, ret.id));
    await recordAudit(tx, ctx.actor, {
      action: to === "approved" ? "return.approve" : "return.reject",
      entity: "return",
      entityId: ret.id,
      before: { status: ret.status },
      after: { status: to, comment: input.comment },
    });
    await announce(tx, ret, to, ctx.actor.userId);
    return { returnId: ret.id, status: to };
  });
}

/** Staff accept a requested return; the goods may now be received. */
export function approveReturn(ctx: Ctx, raw: unknown) {
  return decide(ctx, raw, "approved");
}

/** Staff refuse a requested return, saying why; its units become returnable again. */
export function rejectReturn(ctx: Ctx, raw: unknown) {
  return decide(ctx, raw, "rejected");
}

import { z } from "zod";
import { authorize } from "../../access/authorize";
import type { Actor } from "../../access/actor";
import { recordAudit } from "../../shared/audit";
import { inTransaction, type Ctx } from "../../shared/context";
import { ConflictError, ValidationError } from "../../shared/errors";
import { keyOf, once } from "../../shared/idempotency";
import { parseInput } from "../../shared/parse";
import type { Transaction } from "@cs/db";
import { applyMoves } from "../ledger";
import { findDocument, insertDocument, linesInput, needsApproval, resolveLines, setStatus, systemLocation, usableLocation, valueOf } from "./common";
import { serialCountError, serializedSet } from "./receipts";
import { pickSerials, placeSerials } from "./serials";

export const issueReasons = ["sample", "internal_use", "scrap"] as const;

export const issueInput = z.object({
  fromLocationId: z.string(),
  reason: z.enum(issueReasons, { error: "validation.required" }),
  note: z.string().trim().max(500).optional(),
  lines: linesInput,
});

/**
 * Other issues (出库): samples, internal use, scrap. Within the actor's approval limit the goods
 * leave at once; above it the issue waits for someone with stock:approve.
 */
export async function createIssue(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "stock:move");
  const input = parseInput(issueInput, raw);
  return inTransaction(ctx, async (tx, tctx) => {
    const from = await usableLocation(tctx, input.fromLocationId, "fromLocationId", ["warehouse"]);
    const lines = await resolveLines(tx, input.lines, { serialsRequired: true });
    const loss = await systemLocation(tx, "loss");
    const { result } = await once(tx, ctx.actor, keyOf(raw), input, async () => {
      const value = valueOf(lines);
      const waiting = needsApproval(ctx.actor, value);
      const doc = await insertDocument(
        tx,
        ctx.actor,
        { kind: "issue", status: waiting ? "pending_approval" : "done", fromLocationId: from.id, toLocationId: loss.id, reason: input.reason, note: input.note ?? null, valueFen: value },
        lines.map((l) => ({ productId: l.productId, quantity: l.quantity, serials: l.serials })),
      );
      if (!waiting) await postIssue(tx, ctx.actor, doc.number, from.id, loss.id, lines);
      await recordAudit(tx, ctx.actor, { action: "issue.create", entity: "stock_document", entityId: doc.id, after: { number: doc.number, reason: input.reason, value, waiting } });
      return { id: doc.id, status: doc.status };
    });
    return result;
  });
}

/** `lines` in the order the caller's errors refer to: the form's when creating, the document's when approving. */
async function postIssue(tx: Transaction, actor: Actor, number: string, fromId: string, lossId: string, lines: { productId: string; quantity: number; serials: string[] }[]) {
  const serialized = await serializedSet(tx, lines.map((l) => l.productId));
  const moves = [];
  for (const [i, line] of lines.entries()) {
    const err = serialCountError(serialized.has(line.productId), line.quantity, line.serials);
    if (err) throw new ValidationError({ [`lines.${i}.serials`]: [err] });
    const serialIds = await pickSerials(tx, i, line.productId, line.serials, fromId, null);
    await placeSerials(tx, serialIds, { status: "scrapped", locationId: lossId });
    moves.push({ productId: line.productId, quantity: line.quantity, fromLocationId: fromId, toLocationId: lossId, reason: "issue" as const, referenceType: "stock_document", referenceId: number, serialIds });
  }
  await applyMoves(tx, actor, moves);
}

/** Approving posts the moves (refused if the stock is no longer there); approving twice is a no-op. */
export async function approveIssue(ctx: Ctx, id: string) {
  authorize(ctx.actor, "stock:approve");
  return inTransaction(ctx, async (tx, tctx) => {
    const { doc, lines } = await findDocument(tctx, id, { kind: "issue", forUpdate: true });
    if (doc.status === "done") return { status: doc.status };
    if (doc.status !== "pending_approval") throw new ConflictError("stock.validation.documentClosed");
    await postIssue(tx, ctx.actor, doc.number, doc.fromLocationId!, doc.toLocationId!, lines);
    await setStatus(tx, doc.id, "done", { approvedBy: ctx.actor.userId });
    await recordAudit(tx, ctx.actor, { action: "issue.approve", entity: "stock_document", entityId: doc.id });
    return { status: "done" };
  });
}

export async function rejectIssue(ctx: Ctx, id: string, raw: unknown) {
  authorize(ctx.actor, "stock:approve");
  const { comment } = parseInput(z.object({ comment: z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(500) }), raw);
  return inTransaction(ctx, async (tx, tctx) => {
    const { doc } = await findDocument(tctx, id, { kind: "issue", forUpdate: true });
    if (doc.status === "rejected") return { status: doc.status };
    if (doc.status !== "pending_approval") throw new ConflictError("stock.validation.documentClosed");
    await setStatus(tx, doc.id, "rejected", { approvedBy: ctx.actor.userId, note: [doc.note, comment].filter(Boolean).join(" / ") });
    await recordAudit(tx, ctx.actor, { action: "issue.reject", entity: "stock_document", entityId: doc.id, after: { comment } });
    return { status: "rejected" };
  });
}

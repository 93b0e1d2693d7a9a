import { and, eq, sql } from "drizzle-orm";
import { complaints, users, type Complaint, type Transaction } from "@cs/db";
import type { Actor } from "../access/actor";
import { authorize } from "../access/authorize";
import { notify, type Audience } from "../notifications/notify";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { NotFoundError, ValidationError } from "../shared/errors";
import { keyOf, once } from "../shared/idempotency";
import { isUuid, parseInput } from "../shared/parse";
import { assignComplaintInput, resolveComplaintInput } from "./inputs";
import { complaintScope } from "./scope";

async function lockComplaint(tx: Transaction, actor: Actor, id: string): Promise<Complaint> {
  const [c] = await tx.select().from(complaints).where(and(eq(complaints.id, id), complaintScope(actor))).for("update");
  if (!c) throw new NotFoundError("complaint");
  return c;
}

const resolvedAlready = () => new ValidationError({ form: ["complaints.errors.resolved"] }, "complaints.errors.resolved");

function staffMutation<T extends Record<string, unknown>>(ctx: Ctx, raw: unknown, input: unknown, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  authorize(ctx.actor, "complaint:manage");
  return inTransaction(ctx, async (tx) => (await once(tx, ctx.actor, keyOf(raw), input, () => fn(tx))).result);
}

/** Staff give a complaint to an owner (an active staff user); an open complaint is then in progress. */
export async function assignComplaint(ctx: Ctx, raw: unknown) {
  const input = parseInput(assignComplaintInput, raw);
  return staffMutation(ctx, raw, input, async (tx) => {
    const c = await lockComplaint(tx, ctx.actor, input.complaintId);
    if (c.status === "resolved") throw resolvedAlready();
    const [owner] = isUuid(input.ownerId)
      ? await tx.select({ id: users.id }).from(users).where(and(eq(users.id, input.ownerId), eq(users.kind, "staff"), eq(users.status, "active")))
      : [];
    if (!owner) throw new ValidationError({ ownerId: ["complaints.errors.ownerNotStaff"] }, "complaints.errors.ownerNotStaff");
    await tx
      .update(complaints)
      .set({ ownerId: owner.id, status: "in_progress", updatedAt: new Date(), version: sql`${complaints.version} + 1` })
      .where(eq(complaints.id, c.id));
    await recordAudit(tx, ctx.actor, { action: "complaint.assign", entity: "complaint", entityId: c.id, before: { ownerId: c.ownerId, status: c.status }, after: { ownerId: owner.id, status: "in_progress" } });
    await notify(tx, { audiences: [{ userIds: [owner.id] }], kind: "complaint.assigned", entityType: "complaint", entityId: c.id, params: { number: c.number, subject: c.subject }, exceptUserId: ctx.actor.userId });
    return { id: c.id, ownerId: owner.id };
  });
}

/** The complainant's users who hear the resolution: the partner's (who file complaints) or the end customer. */
function complainant(c: Complaint): Audience[] {
  if (c.organizationId) return [{ organizationId: c.organizationId, permission: "own_complaint:file" }];
  return c.endCustomerId ? [{ endCustomerId: c.endCustomerId }] : [];
}

/** Staff record the resolution; the complaint is resolved (once) and the complainant is told. */
export async function resolveComplaint(ctx: Ctx, raw: unknown) {
  const input = parseInput(resolveComplaintInput, raw);
  return staffMutation(ctx, raw, input, async (tx) => {
    const c = await lockComplaint(tx, ctx.actor, input.complaintId);
    if (c.status === "resolved") throw resolvedAlready();
    const now = new Date();
    await tx
      .update(complaints)
      .set({ status: "resolved", resolution: input.resolution, resolvedAt: now, resolvedBy: ctx.actor.userId, ownerId: c.ownerId ?? ctx.actor.userId, updatedAt: now, version: sql`${complaints.version} + 1` })
      .where(eq(complaints.id, c.id));
    await recordAudit(tx, ctx.actor, { action: "complaint.resolve", entity: "complaint", entityId: c.id, before: { status: c.status }, after: { status: "resolved", resolution: input.resolution, inSla: now <= c.dueAt } });
    await notify(tx, { audiences: complainant(c), kind: "complaint.resolved", entityType: "complaint", entityId: c.id, params: { number: c.number, subject: c.subject } });
    return { id: c.id, status: "resolved" as const, inSla: now <= c.dueAt };
  });
}

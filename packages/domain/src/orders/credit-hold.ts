import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { backorderPolicies, orders, organizations } from "@cs/db";
import { authorize } from "../access/authorize";
import { organizationScope } from "../access/scopes";
import { creditPosition } from "../billing/credit";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { NotFoundError, ValidationError } from "../shared/errors";
import { isUuid, parseInput } from "../shared/parse";
import { confirmLockedOrder } from "./confirm-order";
import { recordOrderEvent } from "../notifications/order-events";
import { buyerTerms } from "./load";

/** A partner's credit terms as finance manages them, with its credit position (read-only). */
export async function getCreditTerms(ctx: Ctx, organizationId: string) {
  authorize(ctx.actor, "credit:manage");
  if (!isUuid(organizationId)) throw new NotFoundError("organization");
  const [org] = await ctx.db
    .select({
      id: organizations.id,
      kind: organizations.kind,
      creditHold: organizations.creditHold,
      creditHoldReason: organizations.creditHoldReason,
      backorderPolicy: organizations.backorderPolicy,
    })
    .from(organizations)
    .where(and(eq(organizations.id, organizationId), organizationScope(ctx.actor)));
  if (!org) throw new NotFoundError("organization");
  const [position, [held]] = await Promise.all([
    creditPosition(ctx.db, organizationId),
    ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(orders)
      .where(and(eq(orders.organizationId, organizationId), eq(orders.status, "submitted"))),
  ]);
  return { ...org, position, heldOrders: Number(held?.n ?? 0) };
}

const trimmed = (max: number) =>
  z.preprocess((v) => (typeof v === "string" ? v.trim() || undefined : v), z.string().max(max, "validation.tooLong").optional());

export const creditHoldInput = z.discriminatedUnion("hold", [
  z.object({ organizationId: z.string(), hold: z.literal("on"), reason: trimmed(500).refine((v) => !!v, "desk.errors.holdReasonRequired") }),
  z.object({ organizationId: z.string(), hold: z.literal("off"), reason: trimmed(500) }),
]);

export type CreditHoldResult = { creditHold: boolean; changed: boolean; confirmed: string[] };

/**
 * Finance puts a partner on credit hold (with the reason: 90+ days overdue, …) or lifts it. While on
 * hold no order is confirmed and nothing ships. Lifting confirms the partner's held orders in the
 * same transaction, oldest first: an order is `submitted` only because of the hold (any approval it
 * needed was given before), so leaving them for someone to notice would just delay the partner.
 * Setting the state it already has changes nothing (a retried click). Audited.
 */
export async function setCreditHold(ctx: Ctx, raw: unknown): Promise<CreditHoldResult> {
  authorize(ctx.actor, "credit:manage");
  const input = parseInput(creditHoldInput, raw);
  if (!isUuid(input.organizationId)) throw new NotFoundError("organization");
  const hold = input.hold === "on";
  return inTransaction(ctx, async (tx) => {
    const [org] = await tx
      .select({ id: organizations.id, creditHold: organizations.creditHold, creditHoldReason: organizations.creditHoldReason })
      .from(organizations)
      .where(and(eq(organizations.id, input.organizationId), organizationScope(ctx.actor)))
      .for("update");
    if (!org) throw new NotFoundError("organization");
    if (org.creditHold === hold && (!hold || org.creditHoldReason === (input.reason ?? null))) return { creditHold: hold, changed: false, confirmed: [] };
    const reason = hold ? (input.reason ?? null) : null;
    await tx
      .update(organizations)
      .set({ creditHold: hold, creditHoldReason: reason, updatedAt: new Date(), version: sql`${organizations.version} + 1` })
      .where(eq(organizations.id, org.id));
    const confirmed: string[] = [];
    if (!hold) {
      const buyer = await buyerTerms(tx, org.id);
      const held = await tx
        .select()
        .from(orders)
        .where(and(eq(orders.organizationId, org.id), eq(orders.status, "submitted")))
        .orderBy(asc(orders.submittedAt), asc(orders.id))
        .for("update");
      for (const order of held) {
        const lines = await confirmLockedOrder(tx, order, buyer);
        await tx.update(orders).set({ approvalReasons: [] }).where(eq(orders.id, order.id));
        await recordOrderEvent(tx, {
          orderId: order.id,
          action: "confirmed",
          fromStatus: "submitted",
          toStatus: "confirmed",
          actorId: ctx.actor.userId,
          comment: input.reason ?? null,
          details: { creditHoldLifted: true, lines },
        });
        confirmed.push(order.id);
      }
    }
    await recordAudit(tx, ctx.actor, {
      action: hold ? "credit_hold.on" : "credit_hold.off",
      entity: "organization",
      entityId: org.id,
      before: { creditHold: org.creditHold, creditHoldReason: org.creditHoldReason },
      after: { creditHold: hold, creditHoldReason: reason, comment: input.reason ?? null, confirmedOrders: confirmed },
    });
    return { creditHold: hold, changed: true, confirmed };
  });
}

export const backorderPolicyInput = z.object({
  organizationId: z.string(),
  policy: z.enum(backorderPolicies, { error: "validation.invalid" }),
});

/** Backorder the shortfall or ship what is available and cancel the rest; applies to later confirmations. */
export async function setBackorderPolicy(ctx: Ctx, raw: unknown): Promise<{ policy: string; changed: boolean }> {
  authorize(ctx.actor, "credit:manage");
  const input = parseInput(backorderPolicyInput, raw);
  if (!isUuid(input.organizationId)) throw new NotFoundError("organization");
  return inTransaction(ctx, async (tx) => {
    const [org] = await tx
      .select({ id: organizations.id, policy: organizations.backorderPolicy, kind: organizations.kind })
      .from(organizations)
      .where(and(eq(organizations.id, input.organizationId), organizationScope(ctx.actor)))
      .for("update");
    if (!org) throw new NotFoundError("organization");
    if (org.kind === "branch") throw new ValidationError({ policy: ["validation.invalid"] });
    if (org.policy === input.policy) return { policy: org.policy, changed: false };
    await tx
      .update(organizations)
      .set({ backorderPolicy: input.policy, updatedAt: new Date(), version: sql`${organizations.version} + 1` })
      .where(eq(organizations.id, org.id));
    await recordAudit(tx, ctx.actor, { action: "update", entity: "organization", entityId: org.id, before: { backorderPolicy: org.policy }, after: { backorderPolicy: input.policy } });
    return { policy: input.policy, changed: true };
  });
}

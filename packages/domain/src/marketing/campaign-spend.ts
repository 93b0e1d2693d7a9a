import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { budgetCategories, campaignBudgetLines, campaigns, campaignSpends, type CampaignSpendStatus } from "@cs/db";
import { authorize } from "../access/authorize";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { ConflictError, NotFoundError, ValidationError } from "../shared/errors";
import { keyOf, once } from "../shared/idempotency";
import { isUuid, parseInput } from "../shared/parse";
import { moneyField, optionalText, requiredDateField } from "../validation/fields";
import { checkCampaignApprover, lockCampaign } from "./campaign-status";
import { commitPool, spendFromPool } from "./pools";

export const campaignSpendInput = z.object({
  campaignId: z.string(),
  category: z.enum(budgetCategories, { error: "validation.required" }),
  amount: moneyField,
  spentOn: requiredDateField,
  note: optionalText(500),
});

export const decideCampaignSpendInput = z.object({
  campaignId: z.string(),
  spendId: z.string(),
  decision: z.enum(["approve", "reject"], { error: "validation.required" }),
  reason: optionalText(500),
});

/**
 * Marketing enters money spent on an approved or running campaign, once per form key. Within the
 * campaign's approved budget it counts at once: the campaign's spent and its pool's spent move
 * together. Past that budget it is recorded as pending and counts nothing until a manager approves
 * it (`decideCampaignSpend`); the answer carries the figures for the message.
 */
export async function addCampaignSpend(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "marketing:manage");
  const input = parseInput(campaignSpendInput, raw);
  if (input.amount <= 0n) throw new ValidationError({ amount: ["marketing.errors.amountPositive"] });
  return inTransaction(ctx, async (tx) => {
    const { result, replayed } = await once(tx, ctx.actor, keyOf(raw), input, async () => {
      const campaign = await lockCampaign(tx, ctx, input.campaignId);
      if (campaign.status !== "approved" && campaign.status !== "running") throw new ConflictError("marketing.errors.notSpendable");
      const overFen = campaign.spentFen + input.amount - campaign.plannedFen;
      const status = overFen > 0n ? ("pending" as const) : ("counted" as const);
      const [spend] = await tx
        .insert(campaignSpends)
        .values({ campaignId: campaign.id, category: input.category, amountFen: input.amount, spentOn: input.spentOn, note: input.note ?? null, status, createdBy: ctx.actor.userId })
        .returning({ id: campaignSpends.id });
      if (status === "counted") {
        await tx
          .update(campaigns)
          .set({ spentFen: sql`${campaigns.spentFen} + ${input.amount}`, updatedAt: new Date() })
          .where(eq(campaigns.id, campaign.id));
        await spendFromPool(tx, campaign.poolId, input.amount);
      }
      await recordAudit(tx, ctx.actor, {
        action: status === "counted" ? "campaign.spend" : "campaign.spend_pending",
        entity: "campaign",
        entityId: campaign.id,
        after: { spendId: spend!.id, category: input.category, amountFen: input.amount, spentOn: input.spentOn, note: input.note ?? null, status, plannedFen: campaign.plannedFen, spentFen: campaign.spentFen },
      });
      return { spendId: spend!.id, status, plannedFen: String(campaign.plannedFen), spentFen: String(campaign.spentFen), overFen: String(overFen > 0n ? overFen : 0n) };
    });
    return { ...result, plannedFen: BigInt(result.plannedFen), spentFen: BigInt(result.spentFen), overFen: BigInt(result.overFen), replayed };
  });
}

/**
 * A manager decides a pending spend. Approving raises the campaign's approved budget by what the
 * spend takes it over (the spend's category line too), commits that on the pool — one conditional
 * UPDATE, so approvals at once never overdraw it — and counts the spend; the approver's campaign
 * limit applies to the raised budget, and never to their own entry. Rejecting needs a reason. The
 * spend row is locked, so a repeated decision is a replay and a contrary one a conflict.
 */
export async function decideCampaignSpend(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "campaign:approve");
  const input = parseInput(decideCampaignSpendInput, raw);
  if (input.decision === "reject" && !input.reason) throw new ValidationError({ reason: ["marketing.errors.reasonRequired"] });
  return inTransaction(ctx, async (tx) => {
    const campaign = await lockCampaign(tx, ctx, input.campaignId);
    if (!isUuid(input.spendId)) throw new NotFoundError("campaign_spend");
    const [spend] = await tx
      .select()
      .from(campaignSpends)
      .where(and(eq(campaignSpends.id, input.spendId), eq(campaignSpends.campaignId, campaign.id)))
      .for("update");
    if (!spend) throw new NotFoundError("campaign_spend");
    const decided: CampaignSpendStatus = input.decision === "approve" ? "counted" : "rejected";
    if (spend.status === decided) return { spendId: spend.id, status: decided, raisedFen: 0n, replayed: true };
    if (spend.status !== "pending") throw new ConflictError("marketing.errors.alreadyDecided");
    const now = new Date();
    const decision = { status: decided, decidedBy: ctx.actor.userId, decidedAt: now, decisionReason: input.reason ?? null };
    if (input.decision === "reject") {
      await tx.update(campaignSpends).set(decision).where(eq(campaignSpends.id, spend.id));
      await recordAudit(tx, ctx.actor, { action: "campaign.spend_reject", entity: "campaign", entityId: campaign.id, before: { spendId: spend.id, status: spend.status }, after: { status: decided, reason: input.reason } });
      return { spendId: spend.id, status: decided, raisedFen: 0n, replayed: false };
    }
    if (campaign.status !== "approved" && campaign.status !== "running") throw new ConflictError("marketing.errors.notSpendable");
    const over = campaign.spentFen + spend.amountFen - campaign.plannedFen;
    const raisedFen = over > 0n ? over : 0n;
    checkCampaignApprover(ctx.actor, spend.createdBy, campaign.plannedFen + raisedFen);
    if (raisedFen > 0n) {
      await commitPool(tx, campaign.poolId, raisedFen, "form");
      await tx
        .insert(campaignBudgetLines)
        .values({ campaignId: campaign.id, category: spend.category, amountFen: raisedFen })
        .onConflictDoUpdate({ target: [campaignBudgetLines.campaignId, campaignBudgetLines.category], set: { amountFen: sql`${campaignBudgetLines.amountFen} + ${raisedFen}` } });
    }
    await tx
      .update(campaigns)
      .set({ plannedFen: campaign.plannedFen + raisedFen, spentFen: campaign.spentFen + spend.amountFen, updatedAt: now, version: sql`${campaigns.version} + 1` })
      .where(eq(campaigns.id, campaign.id));
    await spendFromPool(tx, campaign.poolId, spend.amountFen);
    await tx.update(campaignSpends).set(decision).where(eq(campaignSpends.id, spend.id));
    await recordAudit(tx, ctx.actor, {
      action: "campaign.spend_approve",
      entity: "campaign",
      entityId: campaign.id,
      before: { spendId: spend.id, status: spend.status, plannedFen: campaign.plannedFen, spentFen: campaign.spentFen },
      after: { status: decided, plannedFen: campaign.plannedFen + raisedFen, spentFen: campaign.spentFen + spend.amountFen, raisedFen, reason: input.reason ?? null },
    });
    return { spendId: spend.id, status: decided, raisedFen, replayed: false };
  });
}

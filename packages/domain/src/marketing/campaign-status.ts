import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { budgetCategories, campaigns, campaignSpends, type CampaignStatus, type Transaction } from "@cs/db";
import { authorize } from "../access/authorize";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { ConflictError, NotFoundError, ValidationError } from "../shared/errors";
import { keyOf, once } from "../shared/idempotency";
import { formatYuan } from "../shared/money";
import { isUuid, parseInput } from "../shared/parse";
import { moneyField, optionalText, requiredDateField } from "../validation/fields";
import { commitPool, releasePool, spendFromPool } from "./pools";
import { campaignScope } from "./scope";

const campaignIdInput = z.object({ campaignId: z.string() });

export const campaignSpendInput = z.object({
  campaignId: z.string(),
  category: z.enum(budgetCategories, { error: "validation.required" }),
  amount: moneyField,
  spentOn: requiredDateField,
  note: optionalText(500),
});

/** The campaign, locked, if this actor may see it. */
async function lockCampaign(tx: Transaction, ctx: Ctx, campaignId: string) {
  if (!isUuid(campaignId)) throw new NotFoundError("campaign");
  const [row] = await tx
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.id, campaignId), campaignScope(ctx.actor)))
    .for("update");
  if (!row) throw new NotFoundError("campaign");
  return row;
}

async function move(tx: Transaction, ctx: Ctx, campaign: { id: string; status: CampaignStatus }, to: CampaignStatus, extra: Record<string, unknown> = {}) {
  const now = new Date();
  await tx
    .update(campaigns)
    .set({ status: to, updatedAt: now, version: sql`${campaigns.version} + 1`, ...(to === "approved" ? { decidedBy: ctx.actor.userId, decidedAt: now } : {}) })
    .where(eq(campaigns.id, campaign.id));
  await recordAudit(tx, ctx.actor, { action: `campaign.${to}`, entity: "campaign", entityId: campaign.id, before: { status: campaign.status }, after: { status: to, ...extra } });
}

/**
 * Management approves a draft: its planned budget is committed on its pool in the same
 * transaction, or the approval is refused with the pool's figures. A second approval (double
 * click, two managers at once) waits on the row lock and then finds it approved.
 */
export async function approveCampaign(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "marketing:approve");
  const input = parseInput(campaignIdInput, raw);
  return inTransaction(ctx, async (tx) => {
    const campaign = await lockCampaign(tx, ctx, input.campaignId);
    if (campaign.status !== "draft") throw new ConflictError("marketing.errors.notDraft");
    await commitPool(tx, campaign.poolId, campaign.plannedFen, "form");
    await move(tx, ctx, campaign, "approved", { committedFen: campaign.plannedFen, poolId: campaign.poolId });
    return { campaignId: campaign.id, committedFen: campaign.plannedFen };
  });
}

/** Marketing starts an approved campaign. */
export async function startCampaign(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "marketing:manage");
  const input = parseInput(campaignIdInput, raw);
  return inTransaction(ctx, async (tx) => {
    const campaign = await lockCampaign(tx, ctx, input.campaignId);
    if (campaign.status !== "approved") throw new ConflictError("marketing.errors.badTransition");
    await move(tx, ctx, campaign, "running");
    return { campaignId: campaign.id };
  });
}

/** Marketing closes an approved or running campaign; what it did not spend goes back to the pool. */
export async function closeCampaign(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "marketing:manage");
  const input = parseInput(campaignIdInput, raw);
  return inTransaction(ctx, async (tx) => {
    const campaign = await lockCampaign(tx, ctx, input.campaignId);
    if (campaign.status !== "approved" && campaign.status !== "running") throw new ConflictError("marketing.errors.badTransition");
    const releasedFen = campaign.plannedFen - campaign.spentFen;
    await releasePool(tx, campaign.poolId, releasedFen);
    await move(tx, ctx, campaign, "closed", { releasedFen });
    return { campaignId: campaign.id, releasedFen };
  });
}

/**
 * Marketing enters money spent on an approved or running campaign: the campaign's spent and its
 * pool's spent move together, within the campaign's planned (committed) budget, once per form key.
 */
export async function addCampaignSpend(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "marketing:manage");
  const input = parseInput(campaignSpendInput, raw);
  if (input.amount <= 0n) throw new ValidationError({ amount: ["marketing.errors.amountPositive"] });
  return inTransaction(ctx, async (tx) => {
    const { result, replayed } = await once(tx, ctx.actor, keyOf(raw), input, async () => {
      const campaign = await lockCampaign(tx, ctx, input.campaignId);
      if (campaign.status !== "approved" && campaign.status !== "running") throw new ConflictError("marketing.errors.notSpendable");
      if (campaign.spentFen + input.amount > campaign.plannedFen)
        throw new ValidationError({ amount: ["marketing.errors.overBudget"] }, "marketing.errors.overBudget", {
          planned: formatYuan(campaign.plannedFen),
          spent: formatYuan(campaign.spentFen),
          amount: formatYuan(input.amount),
        });
      const [spend] = await tx
        .insert(campaignSpends)
        .values({ campaignId: campaign.id, category: input.category, amountFen: input.amount, spentOn: input.spentOn, note: input.note ?? null, createdBy: ctx.actor.userId })
        .returning({ id: campaignSpends.id });
      await tx
        .update(campaigns)
        .set({ spentFen: sql`${campaigns.spentFen} + ${input.amount}`, updatedAt: new Date() })
        .where(eq(campaigns.id, campaign.id));
      await spendFromPool(tx, campaign.poolId, input.amount);
      await recordAudit(tx, ctx.actor, {
        action: "campaign.spend",
        entity: "campaign",
        entityId: campaign.id,
        after: { spendId: spend!.id, category: input.category, amountFen: input.amount, spentOn: input.spentOn, note: input.note ?? null },
      });
      return { spendId: spend!.id };
    });
    return { ...result, replayed };
  });
}

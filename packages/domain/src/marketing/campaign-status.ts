import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { campaigns, type CampaignStatus, type Transaction } from "@cs/db";
import type { Actor } from "../access/actor";
import { authorize } from "../access/authorize";
import { campaignApprovalLimit } from "../access/permissions";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { ConflictError, NotFoundError, ValidationError } from "../shared/errors";
import { formatYuan } from "../shared/money";
import { isUuid, parseInput } from "../shared/parse";
import { commitPool, releasePool } from "./pools";
import { campaignScope } from "./scope";

const campaignIdInput = z.object({ campaignId: z.string() });

/** The campaign, locked, if this actor may see it. */
export async function lockCampaign(tx: Transaction, ctx: Ctx, campaignId: string) {
  if (!isUuid(campaignId)) throw new NotFoundError("campaign");
  const [row] = await tx
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.id, campaignId), campaignScope(ctx.actor)))
    .for("update");
  if (!row) throw new NotFoundError("campaign");
  return row;
}

/**
 * Campaign approvals follow order approvals (docs/decisions/036): campaign:approve, within the
 * role's limit (`campaignApprovalLimit`, the one limits table), never one's own campaign or spend.
 */
export function checkCampaignApprover(actor: Actor, authorId: string | null, budgetFen: bigint) {
  authorize(actor, "campaign:approve");
  if (authorId === actor.userId) throw new ValidationError({ form: ["marketing.errors.ownCampaign"] }, "marketing.errors.ownCampaign");
  const limit = campaignApprovalLimit(actor.roles);
  if (limit !== null && budgetFen > limit)
    throw new ValidationError({ form: ["marketing.errors.beyondApprovalLimit"] }, "marketing.errors.beyondApprovalLimit", { amount: formatYuan(budgetFen), limit: formatYuan(limit) });
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
 * A second person approves a draft within their campaign limit (marketing up to its limit, management
 * above it; never the one who drafted it): its planned budget is committed on its pool in the same
 * transaction, or the approval is refused with the pool's figures. A second approval (double
 * click, two managers at once) waits on the row lock and then finds it approved.
 */
export async function approveCampaign(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "campaign:approve");
  const input = parseInput(campaignIdInput, raw);
  return inTransaction(ctx, async (tx) => {
    const campaign = await lockCampaign(tx, ctx, input.campaignId);
    if (campaign.status !== "draft") throw new ConflictError("marketing.errors.notDraft");
    checkCampaignApprover(ctx.actor, campaign.createdBy, campaign.plannedFen);
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

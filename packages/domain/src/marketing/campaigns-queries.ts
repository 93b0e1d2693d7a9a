import { and, asc, count, desc, eq, ilike, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { budgetPools, campaignBudgetLines, campaigns, campaignSpends, campaignStatuses, campaignTypes, divisions, organizations, users } from "@cs/db";
import { authorize, can } from "../access/authorize";
import { campaignApprovalLimit } from "../access/permissions";
import type { Ctx } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { likePattern, listQuerySchema, type Page } from "../shared/list-query";
import { isUuid } from "../shared/parse";
import { campaignScope } from "./scope";

export const campaignListQuery = listQuerySchema(["startsOn", "number", "plannedFen", "spentFen"] as const, "startsOn").extend({
  dir: z.enum(["asc", "desc"]).catch("desc"),
  status: z.enum(campaignStatuses).optional().catch(undefined),
  type: z.enum(campaignTypes).optional().catch(undefined),
  division: z.uuid().optional().catch(undefined),
  branch: z.uuid().optional().catch(undefined),
});
export type CampaignListQuery = z.output<typeof campaignListQuery>;

const owner = alias(users, "owner");
const decider = alias(users, "decider");

const campaignColumns = {
  id: campaigns.id,
  number: campaigns.number,
  name: campaigns.name,
  type: campaigns.type,
  status: campaigns.status,
  divisionZh: divisions.nameZh,
  divisionEn: divisions.nameEn,
  branchId: campaigns.branchId,
  branch: organizations.name,
  startsOn: campaigns.startsOn,
  endsOn: campaigns.endsOn,
  owner: owner.displayName,
  plannedFen: campaigns.plannedFen,
  spentFen: campaigns.spentFen,
};
export type CampaignRow = {
  id: string;
  number: string;
  name: string;
  type: (typeof campaignTypes)[number];
  status: (typeof campaignStatuses)[number];
  divisionZh: string;
  divisionEn: string;
  branchId: string;
  branch: string;
  startsOn: string;
  endsOn: string;
  owner: string;
  plannedFen: bigint;
  spentFen: bigint;
};

/** The campaigns this actor may see, filtered, sorted and paged in SQL. */
export async function listCampaigns(ctx: Ctx, query: CampaignListQuery): Promise<Page<CampaignRow>> {
  authorize(ctx.actor, "marketing:read");
  const where = and(
    campaignScope(ctx.actor),
    query.status ? eq(campaigns.status, query.status) : undefined,
    query.type ? eq(campaigns.type, query.type) : undefined,
    query.division ? eq(campaigns.divisionId, query.division) : undefined,
    query.branch ? eq(campaigns.branchId, query.branch) : undefined,
    query.q ? or(ilike(campaigns.number, likePattern(query.q)), ilike(campaigns.name, likePattern(query.q))) : undefined,
  );
  const order = query.dir === "desc" ? desc : asc;
  const sortColumns = { startsOn: campaigns.startsOn, number: campaigns.number, plannedFen: campaigns.plannedFen, spentFen: campaigns.spentFen };
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select(campaignColumns)
      .from(campaigns)
      .innerJoin(divisions, eq(divisions.id, campaigns.divisionId))
      .innerJoin(organizations, eq(organizations.id, campaigns.branchId))
      .innerJoin(owner, eq(owner.id, campaigns.ownerId))
      .where(where)
      .orderBy(order(sortColumns[query.sort]), desc(campaigns.number))
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    ctx.db.select({ n: count() }).from(campaigns).where(where),
  ]);
  return { rows, total: total?.n ?? 0, page: query.page, size: query.size };
}

/** One campaign with its budget by category, its spend and its pool's figures. */
export async function getCampaign(ctx: Ctx, campaignId: string) {
  authorize(ctx.actor, "marketing:read");
  if (!isUuid(campaignId)) throw new NotFoundError("campaign");
  const [campaign] = await ctx.db
    .select({
      ...campaignColumns,
      goal: campaigns.goal,
      poolId: campaigns.poolId,
      poolQuarter: budgetPools.quarter,
      poolPlannedFen: budgetPools.plannedFen,
      poolCommittedFen: budgetPools.committedFen,
      poolSpentFen: budgetPools.spentFen,
      decidedBy: decider.displayName,
      decidedAt: campaigns.decidedAt,
      createdBy: campaigns.createdBy,
      version: campaigns.version,
    })
    .from(campaigns)
    .innerJoin(divisions, eq(divisions.id, campaigns.divisionId))
    .innerJoin(organizations, eq(organizations.id, campaigns.branchId))
    .innerJoin(owner, eq(owner.id, campaigns.ownerId))
    .innerJoin(budgetPools, eq(budgetPools.id, campaigns.poolId))
    .leftJoin(decider, eq(decider.id, campaigns.decidedBy))
    .where(and(eq(campaigns.id, campaignId), campaignScope(ctx.actor)));
  if (!campaign) throw new NotFoundError("campaign");
  const [lines, spends] = await Promise.all([
    ctx.db.select({ category: campaignBudgetLines.category, amountFen: campaignBudgetLines.amountFen }).from(campaignBudgetLines).where(eq(campaignBudgetLines.campaignId, campaign.id)),
    ctx.db
      .select({
        id: campaignSpends.id,
        category: campaignSpends.category,
        amountFen: campaignSpends.amountFen,
        spentOn: campaignSpends.spentOn,
        note: campaignSpends.note,
        status: campaignSpends.status,
        decisionReason: campaignSpends.decisionReason,
        createdBy: campaignSpends.createdBy,
      })
      .from(campaignSpends)
      .where(eq(campaignSpends.campaignId, campaign.id))
      .orderBy(desc(campaignSpends.spentOn), desc(campaignSpends.createdAt)),
  ]);
  const canApprove = can(ctx.actor, "campaign:approve");
  return { campaign, lines, spends, canManage: can(ctx.actor, "marketing:manage"), canApprove, approvalLimitFen: canApprove ? campaignApprovalLimit(ctx.actor.roles) : 0n, me: ctx.actor.userId };
}

import { and, asc, count, desc, eq, ilike, inArray, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { budgetPools, campaigns, divisions, fundApplications, fundApplicationStatuses, fundClaimFiles, fundClaims, fundClaimStatuses, organizations, users } from "@cs/db";
import type { Actor } from "../access/actor";
import { authorize, can } from "../access/authorize";
import { resolveStored, type UploadStore } from "../service/uploads";
import type { Ctx } from "../shared/context";
import { shanghaiToday } from "../shared/dates";
import { NotFoundError } from "../shared/errors";
import { likePattern, listQuerySchema, type Page } from "../shared/list-query";
import { isUuid } from "../shared/parse";
import { fundScope } from "./funds-scope";

export const fundListQuery = listQuerySchema(["createdAt", "number", "requestedFen"] as const, "createdAt").extend({
  dir: z.enum(["asc", "desc"]).catch("desc"),
  status: z.enum(fundApplicationStatuses).optional().catch(undefined),
  claim: z.enum(fundClaimStatuses).optional().catch(undefined),
  branch: z.uuid().optional().catch(undefined),
});
export type FundListQuery = z.output<typeof fundListQuery>;

/** Staff read every application of their branches; a partner only its own. */
function authorizeRead(actor: Actor) {
  authorize(actor, actor.kind === "staff" ? "marketing:read" : "own_marketing:apply");
}

const branch = alias(organizations, "branch");
const decider = alias(users, "decider");

export type FundApplicationRow = {
  id: string;
  number: string;
  partner: string;
  partnerCode: string;
  branch: string | null;
  activity: string;
  startsOn: string;
  endsOn: string;
  status: (typeof fundApplicationStatuses)[number];
  requestedFen: bigint;
  approvedFen: bigint | null;
  claimStatus: "submitted" | "returned" | "approved" | null;
  claimApprovedFen: bigint | null;
  createdAt: Date;
};

/** Applications with their claim's state, filtered, sorted and paged in SQL (the staff list and the partner's own). */
export async function listFundApplications(ctx: Ctx, query: FundListQuery): Promise<Page<FundApplicationRow>> {
  authorizeRead(ctx.actor);
  const where = and(
    fundScope(ctx.actor),
    query.status ? eq(fundApplications.status, query.status) : undefined,
    query.claim ? eq(fundClaims.status, query.claim) : undefined,
    query.branch ? eq(fundApplications.ownerBranchId, query.branch) : undefined,
    query.q
      ? or(ilike(fundApplications.number, likePattern(query.q)), ilike(fundApplications.activity, likePattern(query.q)), ilike(organizations.name, likePattern(query.q)), ilike(organizations.code, likePattern(query.q)))
      : undefined,
  );
  const order = query.dir === "desc" ? desc : asc;
  const sortColumns = { createdAt: fundApplications.createdAt, number: fundApplications.number, requestedFen: fundApplications.requestedFen };
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        id: fundApplications.id,
        number: fundApplications.number,
        partner: organizations.name,
        partnerCode: organizations.code,
        branch: branch.name,
        activity: fundApplications.activity,
        startsOn: fundApplications.startsOn,
        endsOn: fundApplications.endsOn,
        status: fundApplications.status,
        requestedFen: fundApplications.requestedFen,
        approvedFen: fundApplications.approvedFen,
        claimStatus: fundClaims.status,
        claimApprovedFen: fundClaims.approvedFen,
        createdAt: fundApplications.createdAt,
      })
      .from(fundApplications)
      .innerJoin(organizations, eq(organizations.id, fundApplications.organizationId))
      .leftJoin(branch, eq(branch.id, fundApplications.ownerBranchId))
      .leftJoin(fundClaims, eq(fundClaims.applicationId, fundApplications.id))
      .where(where)
      .orderBy(order(sortColumns[query.sort]), desc(fundApplications.number))
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    ctx.db
      .select({ n: count() })
      .from(fundApplications)
      .innerJoin(organizations, eq(organizations.id, fundApplications.organizationId))
      .leftJoin(fundClaims, eq(fundClaims.applicationId, fundApplications.id))
      .where(where),
  ]);
  return { rows, total: total?.n ?? 0, page: query.page, size: query.size };
}

/** One application with its claim and proof files; NotFound when out of scope (another partner's id). */
export async function getFundApplication(ctx: Ctx, applicationId: string) {
  authorizeRead(ctx.actor);
  if (!isUuid(applicationId)) throw new NotFoundError("fund_application");
  const [application] = await ctx.db
    .select({
      id: fundApplications.id,
      number: fundApplications.number,
      organizationId: fundApplications.organizationId,
      partner: organizations.name,
      partnerCode: organizations.code,
      branch: branch.name,
      activity: fundApplications.activity,
      startsOn: fundApplications.startsOn,
      endsOn: fundApplications.endsOn,
      expectedResult: fundApplications.expectedResult,
      status: fundApplications.status,
      requestedFen: fundApplications.requestedFen,
      approvedFen: fundApplications.approvedFen,
      decisionReason: fundApplications.decisionReason,
      decidedBy: decider.displayName,
      decidedAt: fundApplications.decidedAt,
      claimDueOn: fundApplications.claimDueOn,
      poolId: fundApplications.poolId,
      poolQuarter: budgetPools.quarter,
      poolPlannedFen: budgetPools.plannedFen,
      poolCommittedFen: budgetPools.committedFen,
      divisionZh: divisions.nameZh,
      divisionEn: divisions.nameEn,
      campaignNumber: campaigns.number,
      campaignName: campaigns.name,
      createdAt: fundApplications.createdAt,
    })
    .from(fundApplications)
    .innerJoin(organizations, eq(organizations.id, fundApplications.organizationId))
    .innerJoin(budgetPools, eq(budgetPools.id, fundApplications.poolId))
    .innerJoin(divisions, eq(divisions.id, budgetPools.divisionId))
    .leftJoin(branch, eq(branch.id, fundApplications.ownerBranchId))
    .leftJoin(campaigns, eq(campaigns.id, fundApplications.campaignId))
    .leftJoin(decider, eq(decider.id, fundApplications.decidedBy))
    .where(and(eq(fundApplications.id, applicationId), fundScope(ctx.actor)));
  if (!application) throw new NotFoundError("fund_application");
  const [claim] = await ctx.db
    .select({
      id: fundClaims.id,
      number: fundClaims.number,
      claimedFen: fundClaims.claimedFen,
      description: fundClaims.description,
      status: fundClaims.status,
      approvedFen: fundClaims.approvedFen,
      decisionComment: fundClaims.decisionComment,
      decidedAt: fundClaims.decidedAt,
    })
    .from(fundClaims)
    .where(and(eq(fundClaims.applicationId, application.id), fundScope(ctx.actor, fundClaims)));
  const files = claim
    ? await ctx.db
        .select({
          id: fundClaimFiles.id,
          originalName: fundClaimFiles.originalName,
          mime: fundClaimFiles.mime,
          sizeBytes: fundClaimFiles.sizeBytes,
          acceptedFen: fundClaimFiles.acceptedFen,
          rejectReason: fundClaimFiles.rejectReason,
          createdAt: fundClaimFiles.createdAt,
        })
        .from(fundClaimFiles)
        .where(eq(fundClaimFiles.claimId, claim.id))
        .orderBy(asc(fundClaimFiles.createdAt))
    : [];
  const today = shanghaiToday();
  const staff = ctx.actor.kind === "staff";
  return {
    application,
    claim: claim ?? null,
    files,
    mayDecide: staff && can(ctx.actor, "marketing:approve") && application.status === "submitted",
    mayDecideClaim: staff && can(ctx.actor, "marketing:approve") && claim?.status === "submitted",
    mayClaim:
      !staff && application.status === "approved" && (!claim || claim.status === "returned") && today >= application.endsOn && today <= application.claimDueOn,
  };
}

/** A claim's proof file, for those who may see the application. */
export async function getFundClaimFile(ctx: Ctx, store: UploadStore, applicationId: string, fileId: string) {
  authorizeRead(ctx.actor);
  if (!isUuid(applicationId) || !isUuid(fileId)) throw new NotFoundError("fund_claim_file");
  const [row] = await ctx.db
    .select({ storedPath: fundClaimFiles.storedPath, mime: fundClaimFiles.mime, sizeBytes: fundClaimFiles.sizeBytes, originalName: fundClaimFiles.originalName })
    .from(fundClaimFiles)
    .innerJoin(fundClaims, eq(fundClaims.id, fundClaimFiles.claimId))
    .innerJoin(fundApplications, eq(fundApplications.id, fundClaims.applicationId))
    .where(and(eq(fundClaimFiles.id, fileId), eq(fundApplications.id, applicationId), fundScope(ctx.actor)));
  if (!row) throw new NotFoundError("fund_claim_file");
  return { path: resolveStored(store, row.storedPath), mime: row.mime, sizeBytes: row.sizeBytes, name: row.originalName };
}

/** What a partner may apply on: the divisions (pools of its owner branch) and its branch's approved or running campaigns. */
export async function fundChoices(ctx: Ctx) {
  authorize(ctx.actor, "own_marketing:apply");
  const orgId = ctx.actor.organizationId;
  if (!orgId) throw new NotFoundError("organization");
  const [org] = await ctx.db.select({ ownerBranchId: organizations.ownerBranchId }).from(organizations).where(eq(organizations.id, orgId));
  const [divisionRows, campaignRows] = await Promise.all([
    ctx.db.select({ id: divisions.id, nameZh: divisions.nameZh, nameEn: divisions.nameEn }).from(divisions).orderBy(asc(divisions.code)),
    org?.ownerBranchId
      ? ctx.db
          .select({ id: campaigns.id, number: campaigns.number, name: campaigns.name })
          .from(campaigns)
          .where(and(eq(campaigns.branchId, org.ownerBranchId), inArray(campaigns.status, ["approved", "running"])))
          .orderBy(desc(campaigns.startsOn))
          .limit(50)
      : [],
  ]);
  return { divisions: divisionRows, campaigns: campaignRows };
}

import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { budgetPools, campaigns, fundApplications, organizations, type Transaction } from "@cs/db";
import { authorize } from "../access/authorize";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { addDays, shanghaiYear } from "../shared/dates";
import { nextDocumentNumber } from "../shared/document-number";
import { ConflictError, NotFoundError, ValidationError } from "../shared/errors";
import { keyOf, once } from "../shared/idempotency";
import { formatYuan } from "../shared/money";
import { isUuid, parseInput } from "../shared/parse";
import { moneyField, requiredDateField, requiredText, yuanToFenField } from "../validation/fields";
import { fundScope } from "./funds-scope";
import { commitPool } from "./pools";
import { quarterOf } from "./quarter";

/** Days after the activity's end in which the partner may file its claim. */
export const CLAIM_WINDOW_DAYS = 60;

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const applyForFundsInput = z.object({
  campaignId: z.preprocess(blankToUndefined, z.string().optional()),
  divisionId: z.preprocess(blankToUndefined, z.string().optional()),
  activity: requiredText(500),
  startsOn: requiredDateField,
  endsOn: requiredDateField,
  amount: moneyField,
  expectedResult: requiredText(1000),
});

export const decideFundApplicationInput = z.object({
  applicationId: z.string(),
  decision: z.enum(["approve", "reject"], { error: "validation.required" }),
  /** Blank approves the full amount asked for. */
  amount: yuanToFenField,
  reason: z.preprocess(blankToUndefined, z.string().trim().max(1000, "validation.tooLong").optional()),
});

/**
 * A partner applies for co-marketing funds for an activity: on an approved or running campaign of
 * its owner branch, or on the pool of a division × its owner branch × the activity's quarter.
 * Nothing is committed until staff decide. Once per form `_key`.
 */
export async function applyForFunds(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "own_marketing:apply");
  const orgId = ctx.actor.organizationId;
  if (!orgId) throw new NotFoundError("organization");
  const input = parseInput(applyForFundsInput, raw);
  if (input.amount <= 0n) throw new ValidationError({ amount: ["marketing.errors.amountPositive"] });
  if (input.endsOn < input.startsOn) throw new ValidationError({ endsOn: ["marketing.errors.datesOrder"] });
  if (!input.campaignId && !input.divisionId) throw new ValidationError({ divisionId: ["marketing.errors.poolOrCampaign"] });
  if (input.campaignId && !isUuid(input.campaignId)) throw new ValidationError({ campaignId: ["validation.invalid"] });
  if (input.divisionId && !isUuid(input.divisionId)) throw new ValidationError({ divisionId: ["validation.invalid"] });
  return inTransaction(ctx, async (tx) => {
    const { result } = await once(tx, ctx.actor, keyOf(raw), input, async () => {
      const [org] = await tx.select({ id: organizations.id, ownerBranchId: organizations.ownerBranchId }).from(organizations).where(eq(organizations.id, orgId));
      if (!org?.ownerBranchId) throw new ValidationError({ divisionId: ["marketing.errors.noPoolForPartner"] });
      const poolId = input.campaignId ? await campaignPool(tx, input.campaignId, org.ownerBranchId) : await divisionPool(tx, input.divisionId!, org.ownerBranchId, input.startsOn);
      const number = await nextDocumentNumber(tx, "MF", shanghaiYear());
      const [created] = await tx
        .insert(fundApplications)
        .values({
          number,
          organizationId: org.id,
          ownerBranchId: org.ownerBranchId,
          poolId,
          campaignId: input.campaignId ?? null,
          activity: input.activity,
          startsOn: input.startsOn,
          endsOn: input.endsOn,
          requestedFen: input.amount,
          expectedResult: input.expectedResult,
          claimDueOn: addDays(input.endsOn, CLAIM_WINDOW_DAYS),
          createdBy: ctx.actor.userId,
        })
        .returning({ id: fundApplications.id });
      await recordAudit(tx, ctx.actor, {
        action: "fund_application.submit",
        entity: "fund_application",
        entityId: created!.id,
        after: { number, poolId, campaignId: input.campaignId ?? null, activity: input.activity, startsOn: input.startsOn, endsOn: input.endsOn, requestedFen: input.amount },
      });
      return { applicationId: created!.id, number };
    });
    return result;
  });
}

async function campaignPool(tx: Transaction, campaignId: string, branchId: string) {
  const [campaign] = await tx
    .select({ poolId: campaigns.poolId })
    .from(campaigns)
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.branchId, branchId), inArray(campaigns.status, ["approved", "running"])));
  if (!campaign) throw new ValidationError({ campaignId: ["validation.invalid"] });
  return campaign.poolId;
}

async function divisionPool(tx: Transaction, divisionId: string, branchId: string, startsOn: string) {
  const [pool] = await tx
    .select({ id: budgetPools.id })
    .from(budgetPools)
    .where(and(eq(budgetPools.divisionId, divisionId), eq(budgetPools.branchId, branchId), eq(budgetPools.quarter, quarterOf(startsOn))));
  if (!pool) throw new ValidationError({ divisionId: ["marketing.errors.noPoolForPartner"] });
  return pool.id;
}

/** The application, locked, if this actor may see it. */
export async function lockFundApplication(tx: Transaction, ctx: Ctx, applicationId: string) {
  if (!isUuid(applicationId)) throw new NotFoundError("fund_application");
  const [row] = await tx
    .select()
    .from(fundApplications)
    .where(and(eq(fundApplications.id, applicationId), fundScope(ctx.actor)))
    .for("update");
  if (!row) throw new NotFoundError("fund_application");
  return row;
}

/**
 * Staff approve an application fully (blank amount) or partly (an amount below the request, with a
 * reason), committing that on its pool in the same transaction — refused with the pool's figures
 * when it does not fit — or reject it with a reason. The first decision stands.
 */
export async function decideFundApplication(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "marketing:approve");
  const input = parseInput(decideFundApplicationInput, raw);
  if (input.decision === "reject" && !input.reason) throw new ValidationError({ reason: ["marketing.errors.reasonRequired"] });
  if (input.amount !== undefined && input.amount <= 0n) throw new ValidationError({ amount: ["marketing.errors.amountPositive"] });
  return inTransaction(ctx, async (tx) => {
    const app = await lockFundApplication(tx, ctx, input.applicationId);
    if (app.status !== "submitted") throw new ConflictError("marketing.errors.alreadyDecided");
    const now = new Date();
    if (input.decision === "reject") {
      await tx.update(fundApplications).set({ status: "rejected", decisionReason: input.reason!, decidedBy: ctx.actor.userId, decidedAt: now, updatedAt: now }).where(eq(fundApplications.id, app.id));
      await recordAudit(tx, ctx.actor, { action: "fund_application.reject", entity: "fund_application", entityId: app.id, before: { status: app.status }, after: { status: "rejected", reason: input.reason } });
      return { applicationId: app.id, status: "rejected" as const, approvedFen: null };
    }
    const approvedFen = input.amount ?? app.requestedFen;
    if (approvedFen > app.requestedFen)
      throw new ValidationError({ amount: ["marketing.errors.aboveRequest"] }, "marketing.errors.aboveRequest", { requested: formatYuan(app.requestedFen), amount: formatYuan(approvedFen) });
    if (approvedFen < app.requestedFen && !input.reason) throw new ValidationError({ reason: ["marketing.errors.reasonRequired"] });
    await commitPool(tx, app.poolId, approvedFen, "amount");
    await tx
      .update(fundApplications)
      .set({ status: "approved", approvedFen, decisionReason: input.reason ?? null, decidedBy: ctx.actor.userId, decidedAt: now, updatedAt: now })
      .where(eq(fundApplications.id, app.id));
    await recordAudit(tx, ctx.actor, {
      action: "fund_application.approve",
      entity: "fund_application",
      entityId: app.id,
      before: { status: app.status },
      after: { status: "approved", requestedFen: app.requestedFen, approvedFen, reason: input.reason ?? null, poolId: app.poolId },
    });
    return { applicationId: app.id, status: "approved" as const, approvedFen };
  });
}


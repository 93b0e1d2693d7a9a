import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { budgetCategories, budgetPools, campaignBudgetLines, campaigns, campaignTypes, userRoles, users, type BudgetCategory } from "@cs/db";
import { authorize } from "../access/authorize";
import { canUseBranch } from "../access/scopes";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { yearOf } from "../shared/dates";
import { nextDocumentNumber } from "../shared/document-number";
import { ValidationError } from "../shared/errors";
import { keyOf, once } from "../shared/idempotency";
import { isUuid, parseInput } from "../shared/parse";
import { requiredDateField, requiredText, yuanToFenField } from "../validation/fields";
import { quarterOf } from "./quarter";


export const createCampaignInput = z.object({
  name: requiredText(200),
  type: z.enum(campaignTypes, { error: "validation.required" }),
  divisionId: z.string({ error: "validation.required" }).min(1, "validation.required"),
  branchId: z.string({ error: "validation.required" }).min(1, "validation.required"),
  startsOn: requiredDateField,
  endsOn: requiredDateField,
  ownerId: z.string({ error: "validation.required" }).min(1, "validation.required"),
  goal: requiredText(1000),
  budget_venue: yuanToFenField,
  budget_materials: yuanToFenField,
  budget_advertising: yuanToFenField,
  budget_gifts: yuanToFenField,
  budget_staff: yuanToFenField,
  budget_other: yuanToFenField,
});
export type CreateCampaignInput = z.input<typeof createCampaignInput>;

/** Roles that may own a campaign: the people who run them. */
export const campaignOwnerRoles = ["marketing", "management", "admin"] as const;

/** Staff who may own a campaign, for the form's choice. */
export async function listCampaignOwners(ctx: Ctx) {
  authorize(ctx.actor, "marketing:read");
  return ctx.db
    .selectDistinct({ id: users.id, name: users.displayName })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(users.kind, "staff"), eq(users.status, "active"), inArray(userRoles.role, [...campaignOwnerRoles])))
    .orderBy(users.displayName);
}

/**
 * Marketing drafts a campaign in one of its branches. Its pool is the one of its division × branch
 * × the quarter it starts in; nothing is committed until management approves it.
 */
export async function createCampaign(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "marketing:manage");
  const input = parseInput(createCampaignInput, raw);
  if (input.endsOn < input.startsOn) throw new ValidationError({ endsOn: ["marketing.errors.datesOrder"] });
  const lines: { category: BudgetCategory; amountFen: bigint }[] = [];
  const fieldErrors: Record<string, string[]> = {};
  for (const category of budgetCategories) {
    const amount = input[`budget_${category}`];
    if (amount === undefined) continue;
    if (amount <= 0n) fieldErrors[`budget_${category}`] = ["marketing.errors.amountPositive"];
    else lines.push({ category, amountFen: amount });
  }
  if (Object.keys(fieldErrors).length) throw new ValidationError(fieldErrors);
  if (lines.length === 0) throw new ValidationError({ budget_venue: ["marketing.errors.budgetRequired"] });
  if (!isUuid(input.divisionId)) throw new ValidationError({ divisionId: ["validation.invalid"] });
  if (!isUuid(input.branchId) || !canUseBranch(ctx.actor, input.branchId)) throw new ValidationError({ branchId: ["validation.invalid"] });
  if (!isUuid(input.ownerId)) throw new ValidationError({ ownerId: ["validation.invalid"] });
  const plannedFen = lines.reduce((sum, l) => sum + l.amountFen, 0n);
  return inTransaction(ctx, async (tx) => {
    const { result } = await once(tx, ctx.actor, keyOf(raw), input, async () => {
      const owners = await listCampaignOwners({ ...ctx, db: tx });
      if (!owners.some((o) => o.id === input.ownerId)) throw new ValidationError({ ownerId: ["validation.invalid"] });
      const [pool] = await tx
        .select({ id: budgetPools.id })
        .from(budgetPools)
        .where(and(eq(budgetPools.divisionId, input.divisionId), eq(budgetPools.branchId, input.branchId), eq(budgetPools.quarter, quarterOf(input.startsOn))));
      if (!pool) throw new ValidationError({ startsOn: ["marketing.errors.noPool"] });
      const number = await nextDocumentNumber(tx, "MC", yearOf(input.startsOn));
      const [campaign] = await tx
        .insert(campaigns)
        .values({
          number,
          name: input.name,
          type: input.type,
          divisionId: input.divisionId,
          branchId: input.branchId,
          poolId: pool.id,
          startsOn: input.startsOn,
          endsOn: input.endsOn,
          ownerId: input.ownerId,
          goal: input.goal,
          plannedFen,
          createdBy: ctx.actor.userId,
        })
        .returning({ id: campaigns.id });
      await tx.insert(campaignBudgetLines).values(lines.map((l) => ({ campaignId: campaign!.id, ...l })));
      await recordAudit(tx, ctx.actor, {
        action: "campaign.create",
        entity: "campaign",
        entityId: campaign!.id,
        after: { number, name: input.name, type: input.type, poolId: pool.id, startsOn: input.startsOn, endsOn: input.endsOn, plannedFen, lines },
      });
      return { campaignId: campaign!.id, number };
    });
    return result;
  });
}


import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { fundClaimFiles, fundClaims, type Transaction } from "@cs/db";
import { authorize } from "../access/authorize";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { ConflictError, NotFoundError, ValidationError } from "../shared/errors";
import { formatYuan } from "../shared/money";
import { isUuid, parseInput } from "../shared/parse";
import { optionalText, yuanToFenField } from "../validation/fields";
import { lockFundApplication } from "./funds";
import { fundScope } from "./funds-scope";

export const reviewClaimLineInput = z.object({
  claimId: z.string(),
  fileId: z.string(),
  decision: z.enum(["accept", "reject"], { error: "validation.required" }),
  amount: yuanToFenField,
  reason: optionalText(500),
});

/** A claim's lines (its proof files) as reviewed so far: how many, how many decided, the accepted sum. */
export async function claimLineReview(tx: Transaction, claimId: string) {
  const [row] = await tx
    .select({
      lines: sql<number>`count(*)::int`,
      reviewed: sql<number>`count(*) filter (where ${fundClaimFiles.acceptedFen} is not null or ${fundClaimFiles.rejectReason} is not null)::int`,
      acceptedFen: sql<string>`coalesce(sum(${fundClaimFiles.acceptedFen}), 0)::text`,
    })
    .from(fundClaimFiles)
    .where(eq(fundClaimFiles.claimId, claimId));
  return { lines: row?.lines ?? 0, reviewed: row?.reviewed ?? 0, acceptedFen: BigInt(row?.acceptedFen ?? "0") };
}

/** The claim's amount may never pass what was claimed nor what the fund approved. */
export function claimCeiling(claimedFen: bigint, approvedFen: bigint | null) {
  const approved = approvedFen ?? 0n;
  return claimedFen < approved ? claimedFen : approved;
}

/**
 * Staff audit a claim under review line by line (each proof file a line): accept an amount for it,
 * or reject it with a reason. The accepted lines together never pass the claim's ceiling (what was
 * claimed, at most what the fund approved): a line that would is refused with the figures. Deciding
 * a line again replaces its review (the same input leaves the same state); the claim row is locked,
 * so two reviewers at once cannot together pass the ceiling.
 */
export async function reviewClaimLine(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "marketing:approve");
  const input = parseInput(reviewClaimLineInput, raw);
  if (!isUuid(input.claimId) || !isUuid(input.fileId)) throw new NotFoundError("fund_claim");
  if (input.decision === "accept" && (input.amount === undefined || input.amount <= 0n)) throw new ValidationError({ amount: ["marketing.errors.amountPositive"] });
  if (input.decision === "reject" && !input.reason) throw new ValidationError({ reason: ["marketing.errors.reasonRequired"] });
  return inTransaction(ctx, async (tx) => {
    const [claim] = await tx
      .select()
      .from(fundClaims)
      .where(and(eq(fundClaims.id, input.claimId), fundScope(ctx.actor, fundClaims)))
      .for("update");
    if (!claim) throw new NotFoundError("fund_claim");
    if (claim.status !== "submitted") throw new ConflictError("marketing.errors.alreadyDecided");
    const [file] = await tx
      .select()
      .from(fundClaimFiles)
      .where(and(eq(fundClaimFiles.id, input.fileId), eq(fundClaimFiles.claimId, claim.id)));
    if (!file) throw new NotFoundError("fund_claim_file");
    const acceptedFen = input.decision === "accept" ? input.amount! : null;
    if (acceptedFen !== null) {
      const app = await lockFundApplication(tx, ctx, claim.applicationId);
      const ceiling = claimCeiling(claim.claimedFen, app.approvedFen);
      const total = (await claimLineReview(tx, claim.id)).acceptedFen - (file.acceptedFen ?? 0n) + acceptedFen;
      if (total > ceiling)
        throw new ValidationError({ amount: ["marketing.errors.linesAboveApproval"] }, "marketing.errors.linesAboveApproval", {
          total: formatYuan(total),
          approved: formatYuan(ceiling),
          amount: formatYuan(acceptedFen),
        });
    }
    const review = { acceptedFen, rejectReason: acceptedFen === null ? input.reason! : null, reviewedBy: ctx.actor.userId, reviewedAt: new Date() };
    await tx.update(fundClaimFiles).set(review).where(eq(fundClaimFiles.id, file.id));
    await recordAudit(tx, ctx.actor, {
      action: "fund_claim.review_line",
      entity: "fund_claim",
      entityId: claim.id,
      before: { fileId: file.id, acceptedFen: file.acceptedFen, rejectReason: file.rejectReason },
      after: { fileId: file.id, acceptedFen, rejectReason: review.rejectReason },
    });
    const after = await claimLineReview(tx, claim.id);
    return { claimId: claim.id, fileId: file.id, ...after };
  });
}

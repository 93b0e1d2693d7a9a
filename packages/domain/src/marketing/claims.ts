import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { fundClaimFiles, fundClaims, type FundClaim, type Transaction } from "@cs/db";
import { authorize } from "../access/authorize";
import { postLedgerEntry } from "../rebates/balance";
import { storeFiles, type UploadedFile, type UploadStore } from "../service/uploads";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { shanghaiToday, shanghaiYear } from "../shared/dates";
import { nextDocumentNumber } from "../shared/document-number";
import { ConflictError, NotFoundError, ValidationError } from "../shared/errors";
import { keyOf, once } from "../shared/idempotency";
import { formatYuan } from "../shared/money";
import { isUuid, parseInput } from "../shared/parse";
import { moneyField, requiredText, yuanToFenField } from "../validation/fields";
import { claimCeiling, claimLineReview } from "./claim-review";
import { lockFundApplication } from "./funds";
import { fundScope } from "./funds-scope";
import { releasePool, spendFromPool } from "./pools";
import { checkProofFiles } from "./proof";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const fileClaimInput = z.object({
  applicationId: z.string(),
  amount: moneyField,
  description: requiredText(1000),
});

export const decideClaimInput = z.object({
  claimId: z.string(),
  decision: z.enum(["approve", "return"], { error: "validation.required" }),
  /** Blank approves the full amount claimed. */
  amount: yuanToFenField,
  comment: z.preprocess(blankToUndefined, z.string().trim().max(1000, "validation.tooLong").optional()),
});

/**
 * After the activity the partner files its claim (核销) on an approved application, with proof (PDF
 * or images, checked by their bytes): at most the approved amount, by the claim deadline. A claim
 * returned for more proof is filed again on the same row with more files. Once per form `_key`.
 */
export async function fileFundClaim(ctx: Ctx, raw: unknown, proof: UploadedFile[], store: UploadStore) {
  authorize(ctx.actor, "own_marketing:apply");
  const input = parseInput(fileClaimInput, raw);
  if (input.amount <= 0n) throw new ValidationError({ amount: ["marketing.errors.amountPositive"] });
  const checked = checkProofFiles(proof, "proof");
  if (checked.length === 0) throw new ValidationError({ proof: ["marketing.errors.proofRequired"] });
  const files = await storeFiles(store, "marketing", checked);
  try {
    const { result, replayed } = await inTransaction(ctx, (tx) =>
      once(tx, ctx.actor, keyOf(raw), { ...input, proof: checked.map((f) => f.bytes.length) }, async () => {
        const app = await lockFundApplication(tx, ctx, input.applicationId);
        if (app.status !== "approved" || app.approvedFen === null) throw new ConflictError("marketing.errors.notApproved");
        const today = shanghaiToday();
        if (today < app.endsOn) throw new ValidationError({ form: ["marketing.errors.claimEarly"] }, "marketing.errors.claimEarly", { endsOn: app.endsOn });
        if (today > app.claimDueOn) throw new ValidationError({ form: ["marketing.errors.claimLate"] }, "marketing.errors.claimLate", { due: app.claimDueOn });
        if (input.amount > app.approvedFen)
          throw new ValidationError({ amount: ["marketing.errors.claimAboveApproval"] }, "marketing.errors.claimAboveApproval", { approved: formatYuan(app.approvedFen), amount: formatYuan(input.amount) });
        const [existing] = await tx.select().from(fundClaims).where(eq(fundClaims.applicationId, app.id)).for("update");
        if (existing && existing.status !== "returned") throw new ConflictError("marketing.errors.alreadyClaimed");
        const now = new Date();
        let claimId: string;
        let number: string;
        if (existing) {
          await tx.update(fundClaims).set({ claimedFen: input.amount, description: input.description, status: "submitted", updatedAt: now }).where(eq(fundClaims.id, existing.id));
          [claimId, number] = [existing.id, existing.number];
        } else {
          number = await nextDocumentNumber(tx, "MFC", shanghaiYear());
          const [created] = await tx
            .insert(fundClaims)
            .values({ number, applicationId: app.id, organizationId: app.organizationId, ownerBranchId: app.ownerBranchId, claimedFen: input.amount, description: input.description, createdBy: ctx.actor.userId })
            .returning({ id: fundClaims.id });
          claimId = created!.id;
        }
        await tx.insert(fundClaimFiles).values(files.stored.map((f) => ({ claimId, organizationId: app.organizationId, ...f })));
        await recordAudit(tx, ctx.actor, {
          action: existing ? "fund_claim.resubmit" : "fund_claim.submit",
          entity: "fund_claim",
          entityId: claimId,
          before: existing ? { status: existing.status, claimedFen: existing.claimedFen } : undefined,
          after: { number, applicationId: app.id, claimedFen: input.amount, files: files.stored.map((f) => f.originalName) },
        });
        return { claimId, number };
      }),
    );
    if (replayed) await files.discard();
    return result;
  } catch (e) {
    await files.discard();
    throw e;
  }
}

/**
 * What approving a claim settles. Reviewed line by line (`reviewClaimLine`): the sum of the accepted
 * lines, once every line is decided and at least one accepted (a form amount must then agree).
 * Without line reviews: the form's amount or the whole claim, a partial one with a comment.
 */
async function approvedClaimAmount(tx: Transaction, claim: FundClaim, input: { amount?: bigint; comment?: string }) {
  const review = await claimLineReview(tx, claim.id);
  if (review.reviewed === 0) {
    const amount = input.amount ?? claim.claimedFen;
    if (amount < claim.claimedFen && !input.comment) throw new ValidationError({ comment: ["marketing.errors.reasonRequired"] });
    return amount;
  }
  if (review.reviewed < review.lines)
    throw new ValidationError({ form: ["marketing.errors.linesUnreviewed"] }, "marketing.errors.linesUnreviewed", { count: String(review.lines - review.reviewed) });
  if (review.acceptedFen === 0n) throw new ValidationError({ form: ["marketing.errors.nothingAccepted"] }, "marketing.errors.nothingAccepted");
  if (input.amount !== undefined && input.amount !== review.acceptedFen)
    throw new ValidationError({ amount: ["marketing.errors.amountNotLines"] }, "marketing.errors.amountNotLines", { total: formatYuan(review.acceptedFen) });
  return review.acceptedFen;
}

/**
 * Staff approve a claim (all, or part with a comment, or the sum of its reviewed lines) or return it for more proof. An approved claim
 * settles at once as money the partner can spend: one credit on its rebate balance (the one
 * balance checkout spends), the pool's spent moves by the amount and what the application held
 * beyond it goes back to the pool. The claim row is locked first, so a retry — even a parallel one —
 * finds it approved and settles nothing more; the unique index on a claim's credit says the same.
 */
export async function decideFundClaim(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "marketing:approve");
  const input = parseInput(decideClaimInput, raw);
  if (!isUuid(input.claimId)) throw new NotFoundError("fund_claim");
  if (input.decision === "return" && !input.comment) throw new ValidationError({ comment: ["marketing.errors.reasonRequired"] });
  if (input.amount !== undefined && input.amount <= 0n) throw new ValidationError({ amount: ["marketing.errors.amountPositive"] });
  return inTransaction(ctx, async (tx) => {
    const [claim] = await tx
      .select()
      .from(fundClaims)
      .where(and(eq(fundClaims.id, input.claimId), fundScope(ctx.actor, fundClaims)))
      .for("update");
    if (!claim) throw new NotFoundError("fund_claim");
    if (claim.status === "approved" && input.decision === "approve") return { claimId: claim.id, status: "approved" as const, settledFen: claim.approvedFen, replayed: true };
    if (claim.status !== "submitted") throw new ConflictError("marketing.errors.alreadyDecided");
    const app = await lockFundApplication(tx, ctx, claim.applicationId);
    const now = new Date();
    if (input.decision === "return") {
      await tx.update(fundClaims).set({ status: "returned", decisionComment: input.comment!, decidedBy: ctx.actor.userId, decidedAt: now, updatedAt: now }).where(eq(fundClaims.id, claim.id));
      await recordAudit(tx, ctx.actor, { action: "fund_claim.return", entity: "fund_claim", entityId: claim.id, before: { status: claim.status }, after: { status: "returned", comment: input.comment } });
      return { claimId: claim.id, status: "returned" as const, settledFen: null, replayed: false };
    }
    const approvedFen = await approvedClaimAmount(tx, claim, input);
    const ceiling = app.approvedFen ?? 0n;
    if (approvedFen > claimCeiling(claim.claimedFen, app.approvedFen))
      throw new ValidationError({ amount: ["marketing.errors.claimAboveApproval"] }, "marketing.errors.claimAboveApproval", {
        approved: formatYuan(claimCeiling(claim.claimedFen, app.approvedFen)),
        amount: formatYuan(approvedFen),
      });
    const entry = await postLedgerEntry(tx, { organizationId: claim.organizationId, kind: "fund_credit", amountFen: approvedFen, fundClaimId: claim.id, note: `${claim.number} · ${app.activity}`.slice(0, 500), createdBy: ctx.actor.userId });
    await spendFromPool(tx, app.poolId, approvedFen);
    await releasePool(tx, app.poolId, ceiling - approvedFen);
    await tx
      .update(fundClaims)
      .set({ status: "approved", approvedFen, decisionComment: input.comment ?? null, decidedBy: ctx.actor.userId, decidedAt: now, updatedAt: now })
      .where(eq(fundClaims.id, claim.id));
    await recordAudit(tx, ctx.actor, {
      action: "fund_claim.settle",
      entity: "fund_claim",
      entityId: claim.id,
      before: { status: claim.status, claimedFen: claim.claimedFen },
      after: { status: "approved", approvedFen, releasedFen: ceiling - approvedFen, ledgerId: entry.id, balanceAfterFen: entry.balanceAfterFen },
    });
    return { claimId: claim.id, status: "approved" as const, settledFen: approvedFen, replayed: false };
  });
}


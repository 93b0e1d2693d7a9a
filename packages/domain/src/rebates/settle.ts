import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { rebateAdjustments, rebateStatements } from "@cs/db";
import { authorize } from "../access/authorize";
import { rebateStatementScope } from "../access/scopes";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { ConflictError, NotFoundError } from "../shared/errors";
import { isUuid, parseInput } from "../shared/parse";
import { postLedgerEntry } from "./balance";
import { strictNumber } from "../validation/fields";

const settleInput = z.object({ statementId: z.string(), version: strictNumber(z.number().int().optional()) });

export type SettleResult = { status: "settled"; creditedFen: bigint; carriedFen: bigint; replayed: boolean };

/**
 * Settles a published statement (rebate or price protection): its amount is credited to the
 * partner's rebate balance once. The statement row is locked first, so a second click waits and
 * then finds it settled (a replay, nothing more); the unique index on a statement's credit guards
 * the same at the database.
 *
 * A statement whose amount is negative (adjustments from late returns larger than what the period
 * earned) is settled without touching the balance: the balance is money we owe the partner and may
 * already be spent on orders, so clawing back from it could leave it negative or take what the
 * partner counted on. The shortfall is carried instead as an adjustment into the partner's next
 * statement, where it is netted against what the partner earns next, explained on that statement.
 */
export async function settleStatement(ctx: Ctx, raw: unknown): Promise<SettleResult> {
  authorize(ctx.actor, "rebate:approve");
  const input = parseInput(settleInput, raw);
  if (!isUuid(input.statementId)) throw new NotFoundError("rebate_statement");
  return inTransaction(ctx, async (tx) => {
    const [statement] = await tx
      .select()
      .from(rebateStatements)
      .where(and(eq(rebateStatements.id, input.statementId), rebateStatementScope(ctx.actor)))
      .for("update");
    if (!statement) throw new NotFoundError("rebate_statement");
    if (statement.status === "settled") return { status: "settled" as const, creditedFen: statement.amountFen > 0n ? statement.amountFen : 0n, carriedFen: 0n, replayed: true };
    if (statement.status !== "published") throw new ConflictError("rebateBalance.errors.notPublished");
    if (input.version !== undefined && input.version !== statement.version) throw new ConflictError("errors.staleEdit");

    const creditedFen = statement.amountFen > 0n ? statement.amountFen : 0n;
    const carriedFen = statement.amountFen < 0n ? statement.amountFen : 0n;
    if (creditedFen > 0n)
      await postLedgerEntry(tx, { organizationId: statement.organizationId, kind: "statement_credit", amountFen: creditedFen, statementId: statement.id, createdBy: ctx.actor.userId });
    if (carriedFen < 0n)
      await tx.insert(rebateAdjustments).values({ organizationId: statement.organizationId, sourceStatementId: statement.id, amountFen: carriedFen, reason: "negative_settlement", createdBy: ctx.actor.userId });
    const now = new Date();
    await tx
      .update(rebateStatements)
      .set({ status: "settled", settledBy: ctx.actor.userId, settledAt: now, version: sql`${rebateStatements.version} + 1` })
      .where(eq(rebateStatements.id, statement.id));
    await recordAudit(tx, ctx.actor, {
      action: "rebate_statement.settle",
      entity: "rebate_statement",
      entityId: statement.id,
      before: { status: statement.status },
      after: { status: "settled", number: statement.number, creditedFen, carriedFen },
    });
    return { status: "settled" as const, creditedFen, carriedFen, replayed: false };
  });
}

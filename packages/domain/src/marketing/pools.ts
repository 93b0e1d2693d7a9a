import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { budgetPools, divisions, organizations, type Transaction } from "@cs/db";
import { authorize } from "../access/authorize";
import { canUseBranch } from "../access/scopes";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { NotFoundError, ValidationError } from "../shared/errors";
import { keyOf, once } from "../shared/idempotency";
import { formatYuan } from "../shared/money";
import { isUuid, parseInput } from "../shared/parse";
import { moneyField, optionalText } from "../validation/fields";
import { budgetPoolScope } from "./scope";

const quarterField = z.string({ error: "validation.required" }).trim().regex(/^20\d{2}-Q[1-4]$/, "marketing.errors.quarter");

export const createPoolInput = z.object({
  divisionId: z.string({ error: "validation.required" }).min(1, "validation.required"),
  branchId: z.string({ error: "validation.required" }).min(1, "validation.required"),
  quarter: quarterField,
  planned: moneyField,
  note: optionalText(500),
});

export const raisePoolInput = z.object({
  poolId: z.string(),
  amount: moneyField,
  reason: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(500, "validation.tooLong"),
});

/** A commitment or spend that does not fit the pool: the message names the amount and the figures. */
export class PoolExceededError extends ValidationError {
  constructor(field: string, amountFen: bigint, pool: { plannedFen: bigint; committedFen: bigint; spentFen: bigint }) {
    const params = {
      amount: formatYuan(amountFen),
      planned: formatYuan(pool.plannedFen),
      committed: formatYuan(pool.committedFen),
      remaining: formatYuan(pool.plannedFen - pool.committedFen),
    };
    super({ [field]: ["marketing.errors.poolExceeded"] }, "marketing.errors.poolExceeded", params);
  }
}

/** Marketing staff open a pool for a division in one of their branches for a quarter. */
export async function createBudgetPool(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "marketing:manage");
  const input = parseInput(createPoolInput, raw);
  if (input.planned <= 0n) throw new ValidationError({ planned: ["marketing.errors.amountPositive"] });
  if (!isUuid(input.divisionId)) throw new ValidationError({ divisionId: ["validation.invalid"] });
  if (!isUuid(input.branchId) || !canUseBranch(ctx.actor, input.branchId)) throw new ValidationError({ branchId: ["validation.invalid"] });
  return inTransaction(ctx, async (tx) => {
    const { result } = await once(tx, ctx.actor, keyOf(raw), input, async () => {
      const [division] = await tx.select({ id: divisions.id }).from(divisions).where(eq(divisions.id, input.divisionId));
      if (!division) throw new ValidationError({ divisionId: ["validation.invalid"] });
      const [branch] = await tx
        .select({ id: organizations.id })
        .from(organizations)
        .where(and(eq(organizations.id, input.branchId), eq(organizations.kind, "branch")));
      if (!branch) throw new ValidationError({ branchId: ["validation.invalid"] });
      const [pool] = await tx
        .insert(budgetPools)
        .values({ divisionId: division.id, branchId: branch.id, quarter: input.quarter, plannedFen: input.planned, note: input.note ?? null, createdBy: ctx.actor.userId })
        .onConflictDoNothing()
        .returning();
      if (!pool) throw new ValidationError({ quarter: ["marketing.errors.poolExists"] });
      await recordAudit(tx, ctx.actor, {
        action: "budget_pool.create",
        entity: "budget_pool",
        entityId: pool.id,
        after: { divisionId: pool.divisionId, branchId: pool.branchId, quarter: pool.quarter, plannedFen: pool.plannedFen, note: pool.note },
      });
      return { poolId: pool.id };
    });
    return result;
  });
}

/** Locks a pool this actor may see. */
export async function lockPool(tx: Transaction, ctx: Ctx, poolId: string) {
  if (!isUuid(poolId)) throw new NotFoundError("budget_pool");
  const [pool] = await tx
    .select()
    .from(budgetPools)
    .where(and(eq(budgetPools.id, poolId), budgetPoolScope(ctx.actor)))
    .for("update");
  if (!pool) throw new NotFoundError("budget_pool");
  return pool;
}

/** Raises a pool's planned budget (never lowers it); audited with the reason, once per form key. */
export async function raiseBudgetPool(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "marketing:manage");
  const input = parseInput(raisePoolInput, raw);
  if (input.amount <= 0n) throw new ValidationError({ amount: ["marketing.errors.amountPositive"] });
  return inTransaction(ctx, async (tx) => {
    const { result, replayed } = await once(tx, ctx.actor, keyOf(raw), input, async () => {
      const pool = await lockPool(tx, ctx, input.poolId);
      if (!canUseBranch(ctx.actor, pool.branchId)) throw new NotFoundError("budget_pool");
      const plannedFen = pool.plannedFen + input.amount;
      await tx
        .update(budgetPools)
        .set({ plannedFen, version: sql`${budgetPools.version} + 1`, updatedAt: new Date() })
        .where(eq(budgetPools.id, pool.id));
      await recordAudit(tx, ctx.actor, {
        action: "budget_pool.raise",
        entity: "budget_pool",
        entityId: pool.id,
        before: { plannedFen: pool.plannedFen },
        after: { plannedFen, raisedFen: input.amount, reason: input.reason },
      });
      return { poolId: pool.id, plannedFen: String(plannedFen) };
    });
    return { poolId: result.poolId, plannedFen: BigInt(result.plannedFen), replayed };
  });
}

/**
 * Commits `amountFen` on a pool, or refuses with the figures. One conditional UPDATE: two
 * approvals at once serialise on the row, and the second sees the first's commitment, so the
 * committed total never passes the planned one. No authorisation: callers (campaign and fund
 * approvals) authorise and audit.
 */
export async function commitPool(tx: Transaction, poolId: string, amountFen: bigint, field = "amount") {
  if (amountFen <= 0n) throw new ValidationError({ [field]: ["marketing.errors.amountPositive"] });
  const [row] = await tx
    .update(budgetPools)
    .set({ committedFen: sql`${budgetPools.committedFen} + ${amountFen}`, updatedAt: new Date() })
    .where(and(eq(budgetPools.id, poolId), sql`${budgetPools.plannedFen} - ${budgetPools.committedFen} >= ${amountFen}`))
    .returning({ committedFen: budgetPools.committedFen });
  if (row) return row;
  const [pool] = await tx.select().from(budgetPools).where(eq(budgetPools.id, poolId));
  if (!pool) throw new NotFoundError("budget_pool");
  throw new PoolExceededError(field, amountFen, pool);
}

/** Gives back part of a commitment (a campaign closed under budget, a claim settled for less). */
export async function releasePool(tx: Transaction, poolId: string, amountFen: bigint) {
  if (amountFen <= 0n) return;
  await tx
    .update(budgetPools)
    .set({ committedFen: sql`greatest(${budgetPools.committedFen} - ${amountFen}, ${budgetPools.spentFen})`, updatedAt: new Date() })
    .where(eq(budgetPools.id, poolId));
}

/** Moves money spent against a commitment onto the pool's spent. */
export async function spendFromPool(tx: Transaction, poolId: string, amountFen: bigint) {
  await tx
    .update(budgetPools)
    .set({ spentFen: sql`${budgetPools.spentFen} + ${amountFen}`, updatedAt: new Date() })
    .where(eq(budgetPools.id, poolId));
}

import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { budgetPools, campaigns, divisions, organizations } from "@cs/db";
import { authorize, can } from "../access/authorize";
import { listBranches } from "../organizations/list";
import type { Ctx } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { listQuerySchema, type Page } from "../shared/list-query";
import { isUuid } from "../shared/parse";
import { budgetPoolScope } from "./scope";

export const budgetPoolListQuery = listQuerySchema(["quarter", "division", "branch", "plannedFen", "remainingFen"] as const, "quarter").extend({
  dir: z.enum(["asc", "desc"]).catch("desc"),
  quarter: z
    .string()
    .regex(/^20\d{2}-Q[1-4]$/)
    .optional()
    .catch(undefined),
  division: z.uuid().optional().catch(undefined),
  branch: z.uuid().optional().catch(undefined),
});
export type BudgetPoolListQuery = z.output<typeof budgetPoolListQuery>;

const remaining = sql<bigint>`(${budgetPools.plannedFen} - ${budgetPools.committedFen})`.mapWith((v: string) => BigInt(v));

const poolColumns = {
  id: budgetPools.id,
  quarter: budgetPools.quarter,
  divisionId: budgetPools.divisionId,
  divisionZh: divisions.nameZh,
  divisionEn: divisions.nameEn,
  branchId: budgetPools.branchId,
  branch: organizations.name,
  plannedFen: budgetPools.plannedFen,
  committedFen: budgetPools.committedFen,
  spentFen: budgetPools.spentFen,
  remainingFen: remaining,
  note: budgetPools.note,
  version: budgetPools.version,
};

/** The pools this actor may see, with planned, committed, spent and remaining, filtered in SQL. */
export async function listBudgetPools(ctx: Ctx, query: BudgetPoolListQuery): Promise<Page<BudgetPoolRow>> {
  authorize(ctx.actor, "marketing:read");
  const where = and(
    budgetPoolScope(ctx.actor),
    query.quarter ? eq(budgetPools.quarter, query.quarter) : undefined,
    query.division ? eq(budgetPools.divisionId, query.division) : undefined,
    query.branch ? eq(budgetPools.branchId, query.branch) : undefined,
  );
  const order = query.dir === "desc" ? desc : asc;
  const sortColumns = { quarter: budgetPools.quarter, division: divisions.code, branch: organizations.code, plannedFen: budgetPools.plannedFen, remainingFen: remaining };
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select(poolColumns)
      .from(budgetPools)
      .innerJoin(divisions, eq(divisions.id, budgetPools.divisionId))
      .innerJoin(organizations, eq(organizations.id, budgetPools.branchId))
      .where(where)
      .orderBy(order(sortColumns[query.sort]), asc(budgetPools.id))
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    ctx.db.select({ n: count() }).from(budgetPools).where(where),
  ]);
  return { rows, total: total?.n ?? 0, page: query.page, size: query.size };
}
export type BudgetPoolRow = {
  id: string;
  quarter: string;
  divisionId: string;
  divisionZh: string;
  divisionEn: string;
  branchId: string;
  branch: string;
  plannedFen: bigint;
  committedFen: bigint;
  spentFen: bigint;
  remainingFen: bigint;
  note: string | null;
  version: number;
};

/** One pool, or NotFound when out of scope. */
export async function getBudgetPool(ctx: Ctx, poolId: string) {
  authorize(ctx.actor, "marketing:read");
  if (!isUuid(poolId)) throw new NotFoundError("budget_pool");
  const [pool] = await ctx.db
    .select(poolColumns)
    .from(budgetPools)
    .innerJoin(divisions, eq(divisions.id, budgetPools.divisionId))
    .innerJoin(organizations, eq(organizations.id, budgetPools.branchId))
    .where(and(eq(budgetPools.id, poolId), budgetPoolScope(ctx.actor)));
  if (!pool) throw new NotFoundError("budget_pool");
  const drawing = await ctx.db
    .select({ id: campaigns.id, number: campaigns.number, name: campaigns.name, status: campaigns.status, plannedFen: campaigns.plannedFen, spentFen: campaigns.spentFen })
    .from(campaigns)
    .where(eq(campaigns.poolId, pool.id))
    .orderBy(desc(campaigns.number))
    .limit(100);
  return { pool, campaigns: drawing, canManage: can(ctx.actor, "marketing:manage") };
}

/** Divisions and branches to pick from in the marketing forms and filters. */
export async function marketingChoices(ctx: Ctx) {
  authorize(ctx.actor, "marketing:read");
  const [divisionRows, branches] = await Promise.all([
    ctx.db.select({ id: divisions.id, code: divisions.code, nameZh: divisions.nameZh, nameEn: divisions.nameEn }).from(divisions).orderBy(asc(divisions.code)),
    listBranches(ctx),
  ]);
  return { divisions: divisionRows, branches };
}

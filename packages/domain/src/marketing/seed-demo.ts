import { asc, eq, sql } from "drizzle-orm";
import { budgetPools, divisions, organizations, users, type Database } from "@cs/db";
import type { Ctx } from "../shared/context";
import { shanghaiToday } from "../shared/dates";
import { loadActor } from "../users/actor";
import { createBudgetPool } from "./pools";
import { quarterOf } from "./quarter";

async function ctxFor(db: Database, login: string): Promise<Ctx> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.login, login));
  const actor = user ? await loadActor(db, user.id) : null;
  if (!actor) throw new Error(`marketing demo: no active user ${login}`);
  return { db, actor };
}

/**
 * Budget pools for this quarter through the real verbs: every division in every branch, ¥200,000
 * each (¥500,000 for the first division in Beijing). Runs once: skipped when any pool exists.
 */
export async function seedDemoMarketing(db: Database): Promise<{ pools: number }> {
  const [{ n } = { n: 0 }] = await db.execute<{ n: number }>(sql`select count(*)::int as n from ${budgetPools}`);
  if (Number(n) > 0) return { pools: 0 };
  const marketing = await ctxFor(db, "marketing@demo.cn");
  const quarter = quarterOf(shanghaiToday());
  const divisionRows = await db.select({ id: divisions.id }).from(divisions).orderBy(asc(divisions.code));
  const branches = await db.select({ id: organizations.id, code: organizations.code }).from(organizations).where(eq(organizations.kind, "branch")).orderBy(asc(organizations.code));
  let pools = 0;
  for (const branch of branches)
    for (const [i, division] of divisionRows.entries()) {
      const planned = branch.code === "BJ" && i === 0 ? "500000" : "200000";
      await createBudgetPool(marketing, { _key: `demo-pool-${branch.code}-${i}-${quarter}`, divisionId: division.id, branchId: branch.id, quarter, planned, note: "演示预算" });
      pools += 1;
    }
  return { pools };
}

import { eq, sql } from "drizzle-orm";
import { organizations, rebateBalances, rebatePrograms, rebateStatements, type Database } from "@cs/db";
import type { Ctx } from "@cs/domain/shared/context";
import { settleStatement } from "@cs/domain/rebates/settle";

/** Test-only: published statements and settled credits without running a whole rebate program. */

let made = 0;

/** A published rebate statement of `amountFen` for the partner, from a throwaway program. */
export async function publishedStatement(db: Database, organizationId: string, amountFen: bigint) {
  const n = ++made;
  const [org] = await db.select({ ownerBranchId: organizations.ownerBranchId }).from(organizations).where(eq(organizations.id, organizationId));
  const [program] = await db
    .insert(rebatePrograms)
    .values({ code: `T-BAL-${n}-${Date.now()}`, name: `测试返利 ${n}`, periodStart: "2026-01-01", periodEnd: "2026-03-31", basis: "invoiced", method: "retroactive", tiers: [{ minCompletionBp: 0, rateBp: 100 }] })
    .returning({ id: rebatePrograms.id });
  const [statement] = await db
    .insert(rebateStatements)
    .values({ number: `RB-T-${n}-${Date.now()}`, kind: "rebate", programId: program!.id, organizationId, ownerBranchId: org?.ownerBranchId ?? null, periodStart: "2026-01-01", periodEnd: "2026-03-31", status: "published", amountFen, calculatedFen: amountFen })
    .returning();
  return statement!;
}

/** Credits the partner's balance through the real settlement of a published statement. */
export async function creditBalance(db: Database, finance: Ctx, organizationId: string, amountFen: bigint) {
  const statement = await publishedStatement(db, organizationId, amountFen);
  await settleStatement(finance, { statementId: statement.id });
  return statement;
}

export async function balanceOf(db: Database, organizationId: string): Promise<bigint> {
  const [row] = await db.select({ b: rebateBalances.balanceFen }).from(rebateBalances).where(eq(rebateBalances.organizationId, organizationId));
  return row?.b ?? 0n;
}

/** The balance equals the sum of its ledger, and every row's balance-after is the running sum. */
export async function ledgerConsistent(db: Database, organizationId: string) {
  const [row] = await db.execute<{ ok: boolean }>(sql`
    select coalesce((select balance_fen from rebate_balances where organization_id = ${organizationId}::uuid), 0)
             = coalesce((select sum(amount_fen) from rebate_ledger where organization_id = ${organizationId}::uuid), 0)
       and not exists (
             select 1 from (select balance_after_fen, sum(amount_fen) over (order by id) as running
                              from rebate_ledger where organization_id = ${organizationId}::uuid) x
              where x.balance_after_fen <> x.running) as ok`);
  return row!.ok;
}

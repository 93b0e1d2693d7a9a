import { and, asc, eq, inArray } from "drizzle-orm";
import { organizations, rebatePrograms, rebateStatements, users, type Database } from "@cs/db";
import { STAR_DEALER } from "../base/demo";
import { addMonths, shanghaiToday } from "@cs/domain/shared/dates";
import { currentPeriod } from "@cs/domain/channel/periods";
import { loadActor } from "@cs/domain/users/actor";
import { createRebateProgram } from "@cs/domain/rebates/programs";
import { runRebateProgramNow } from "@cs/domain/rebates/run";
import { settleStatement } from "@cs/domain/rebates/settle";
import { approveRebateStatements, publishRebateStatements } from "@cs/domain/rebates/statements";

const dayBefore = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * Rebate demo data after the channel targets: a quarterly program for every tiered partner and a
 * monthly incremental one for the demo dealers and agent, created, run and reviewed by the finance
 * demo user through the domain (audited like any other): DL-0001's and AG-001's quarterly
 * statements published (the portal shows them), DL-0002's approved, the rest left as drafts.
 * STAR_DEALER (star@demo.cn, a dealer with a real ledger) has its quarterly statement published
 * and settled, so its portal shows a non-zero statement and a rebate balance.
 * Idempotent: skipped when the programs exist.
 */
export async function seedDemoRebates(db: Database, today = shanghaiToday()) {
  const [existing] = await db.select({ id: rebatePrograms.id }).from(rebatePrograms).where(eq(rebatePrograms.code, "RB-DEMO-Q"));
  if (existing) return { seeded: false };
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.login, "finance@demo.cn"));
  const actor = user ? await loadActor(db, user.id) : null;
  if (!actor) return { seeded: false };
  const ctx = { db, actor };
  const quarter = currentPeriod("quarter", today);
  const month = currentPeriod("month", today);
  const q = await createRebateProgram(ctx, {
    code: "RB-DEMO-Q",
    name: "季度采购返利（全体伙伴）",
    nameEn: "Quarterly purchase rebate (all partners)",
    status: "active",
    periodStart: quarter,
    periodEnd: dayBefore(addMonths(quarter, 3)),
    basis: "invoiced",
    method: "retroactive",
    eligibleTiers: ["strategic", "gold", "silver", "bronze"],
    tiers: [
      { minCompletion: "80", rate: "1" },
      { minCompletion: "100", rate: "2" },
      { minCompletion: "120", rate: "3" },
    ],
    multiplierTiers: [
      { minOnTime: "0", multiplier: "90" },
      { minOnTime: "90", multiplier: "110" },
    ],
    cap: "50000",
  });
  const m = await createRebateProgram(ctx, {
    code: "RB-DEMO-M",
    name: "月度冲量返利（分段累进）",
    nameEn: "Monthly volume rebate (incremental tiers)",
    status: "active",
    periodStart: month,
    periodEnd: dayBefore(addMonths(month, 1)),
    basis: "invoiced",
    method: "incremental",
    eligiblePartners: "DL-0001 DL-0002 AG-001",
    tiers: [
      { minCompletion: "50", rate: "0.5" },
      { minCompletion: "100", rate: "1.5" },
    ],
  });
  await runRebateProgramNow(ctx, q.id);
  await runRebateProgramNow(ctx, m.id);
  const statementsOf = (programId: string, codes: string[]) =>
    db
      .select({ id: rebateStatements.id })
      .from(rebateStatements)
      .innerJoin(organizations, eq(organizations.id, rebateStatements.organizationId))
      .where(and(eq(rebateStatements.programId, programId), inArray(organizations.code, codes)))
      .orderBy(asc(organizations.code));
  const published = (await statementsOf(q.id, ["DL-0001", "AG-001"])).map((s) => s.id);
  const approved = (await statementsOf(q.id, ["DL-0002"])).map((s) => s.id);
  const settled = (await statementsOf(q.id, [STAR_DEALER])).map((s) => s.id);
  const toApprove = [...published, ...approved, ...settled];
  if (toApprove.length > 0) await approveRebateStatements(ctx, { ids: toApprove });
  if (published.length + settled.length > 0) await publishRebateStatements(ctx, { ids: [...published, ...settled] });
  for (const statementId of settled) await settleStatement(ctx, { statementId });
  return { seeded: true };
}

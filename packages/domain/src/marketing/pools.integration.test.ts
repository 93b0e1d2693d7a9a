import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, budgetPools, createDatabase, divisions, type Database } from "@cs/db";
import { testDatabaseUrl, testDb } from "../../../../tests/db";
import type { Ctx } from "../shared/context";
import { expectDomainError } from "@cs/testing/billing";
import { ctxOf, newKey, orgByCode, seedDemoData } from "@cs/testing/demo";
import { expectUnchanged } from "@cs/testing/unchanged";
import { commitPool, createBudgetPool, raiseBudgetPool, PoolExceededError } from "./pools";
import { budgetPoolListQuery, getBudgetPool, listBudgetPools } from "./pools-queries";

let db: Database;
let marketing: Ctx;
let salesBj: Ctx;
let dealer: Ctx;
let divisionId: string;
let bj: string;
let sh: string;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  marketing = await ctxOf(db, "marketing@demo.cn");
  dealer = await ctxOf(db, "dealer@demo.cn");
  salesBj = await ctxOf(db, "sales.bj@demo.cn");
  divisionId = (await db.select({ id: divisions.id }).from(divisions).orderBy(divisions.code).limit(1))[0]!.id;
  bj = (await orgByCode(db, "BJ")).id;
  sh = (await orgByCode(db, "SH")).id;
});

const poolOf = async (id: string) => (await db.select().from(budgetPools).where(eq(budgetPools.id, id)))[0]!;

describe("budget pools", () => {
  it("opens a pool once per division × branch × quarter; a retried form opens it once", async () => {
    const input = { _key: newKey(), divisionId, branchId: bj, quarter: "2026-Q4", planned: "100,000.00" };
    const first = await createBudgetPool(marketing, input);
    const again = await createBudgetPool(marketing, input);
    expect(again.poolId).toBe(first.poolId);
    const pool = await poolOf(first.poolId);
    expect(pool).toMatchObject({ plannedFen: 100_000_00n, committedFen: 0n, spentFen: 0n, quarter: "2026-Q4" });
    await expectUnchanged(db, () =>
      expectDomainError(createBudgetPool(marketing, { ...input, _key: newKey() }), { code: "errors.validation", fields: { quarter: ["marketing.errors.poolExists"] } }),
    );
    const page = await listBudgetPools(marketing, budgetPoolListQuery.parse({ quarter: "2026-Q4" }));
    expect(page.rows.map((r) => r.id)).toContain(first.poolId);
    expect(page.rows.find((r) => r.id === first.poolId)?.remainingFen).toBe(100_000_00n);
  });

  it("refuses bad input with translated errors and changes nothing", async () => {
    const base = { divisionId, branchId: sh, quarter: "2026-Q3", planned: "10.00" };
    await expectUnchanged(db, async () => {
      await expectDomainError(createBudgetPool(marketing, { ...base, _key: newKey(), planned: "0" }), { fields: { planned: ["marketing.errors.amountPositive"] } });
      await expectDomainError(createBudgetPool(marketing, { ...base, _key: newKey(), planned: "-5" }), { fields: { planned: ["validation.money"] } });
      await expectDomainError(createBudgetPool(marketing, { ...base, _key: newKey(), quarter: "2026-Q5" }), { fields: { quarter: ["marketing.errors.quarter"] } });
      await expectDomainError(createBudgetPool(marketing, { ...base, _key: newKey(), branchId: "nope" }), { fields: { branchId: ["validation.invalid"] } });
      await expectDomainError(createBudgetPool(salesBj, { ...base, _key: newKey() }), { code: "errors.forbidden" });
      await expectDomainError(createBudgetPool(dealer, { ...base, _key: newKey() }), { code: "errors.forbidden" });
    });
  });

  it("raises a pool with an audit entry and never lowers it", async () => {
    const { poolId } = await createBudgetPool(marketing, { _key: newKey(), divisionId, branchId: sh, quarter: "2027-Q1", planned: "500.00" });
    const key = newKey();
    const raised = await raiseBudgetPool(marketing, { _key: key, poolId, amount: "250.50", reason: "展会追加" });
    expect(raised.plannedFen).toBe(750_50n);
    const replay = await raiseBudgetPool(marketing, { _key: key, poolId, amount: "250.50", reason: "展会追加" });
    expect(replay.replayed).toBe(true);
    expect((await poolOf(poolId)).plannedFen).toBe(750_50n);
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.entityId, poolId), eq(auditLog.action, "budget_pool.raise")));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.before).toEqual({ plannedFen: "50000" });
    expect(audits[0]!.after).toMatchObject({ plannedFen: "75050", raisedFen: "25050", reason: "展会追加" });
    await expectUnchanged(db, async () => {
      await expectDomainError(raiseBudgetPool(marketing, { _key: newKey(), poolId, amount: "0", reason: "x" }), { fields: { amount: ["marketing.errors.amountPositive"] } });
      await expectDomainError(raiseBudgetPool(marketing, { _key: newKey(), poolId, amount: "1", reason: "" }), { fields: { reason: ["validation.required"] } });
      await expectDomainError(raiseBudgetPool(marketing, { _key: newKey(), poolId: "00000000-0000-4000-8000-000000000000", amount: "1", reason: "x" }), { code: "errors.notFound" });
    });
    await expectDomainError(getBudgetPool(dealer, poolId), { code: "errors.forbidden" });
    await expectDomainError(getBudgetPool(marketing, "not-a-uuid"), { code: "errors.notFound" });
  });

  it("refuses a commitment past the remainder with the figures, and parallel commitments never exceed the pool", async () => {
    const { poolId } = await createBudgetPool(marketing, { _key: newKey(), divisionId, branchId: bj, quarter: "2027-Q2", planned: "1,000.00" });
    const refused = await db.transaction((tx) => commitPool(tx, poolId, 1_000_01n)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PoolExceededError);
    expect((refused as PoolExceededError).params).toEqual({ amount: "¥1,000.01", planned: "¥1,000.00", committed: "¥0.00", remaining: "¥1,000.00" });
    // ten commitments of ¥300 at once on separate connections: exactly three fit in ¥1,000
    const pool = createDatabase(testDatabaseUrl(), { max: 10 });
    try {
      const results = await Promise.allSettled(Array.from({ length: 10 }, () => pool.transaction((tx) => commitPool(tx, poolId, 300_00n))));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
      const reasons = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
      expect(reasons.every((e) => e instanceof PoolExceededError)).toBe(true);
    } finally {
      await pool.$client.end();
    }
    expect(await poolOf(poolId)).toMatchObject({ plannedFen: 1_000_00n, committedFen: 900_00n });
  });
});

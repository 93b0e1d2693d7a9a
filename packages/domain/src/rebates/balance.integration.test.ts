import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createDatabase, rebateAdjustments, rebateLedger, rebateStatements, type Database } from "@cs/db";
import { testDatabaseUrl, testDb } from "../../../../tests/db";
import type { Ctx } from "../shared/context";
import { expectDomainError } from "@cs/testing/billing";
import { ctxOf, newKey, orgByCode, seedDemoData } from "@cs/testing/demo";
import { balanceOf, creditBalance, ledgerConsistent, publishedStatement } from "@cs/testing/rebate-balance";
import { ownRebateAccount, rebateAccount, listRebateBalances } from "./balance-queries";
import { payoutRebate } from "./payout";
import { settleStatement } from "./settle";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;
let finance: Ctx;
let dealer: Ctx;
let dealer2: Ctx;
let orgId: string;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  finance = await ctxOf(db, "finance@demo.cn");
  dealer = await ctxOf(db, "dealer@demo.cn");
  dealer2 = await ctxOf(db, "dealer2@demo.cn");
  orgId = (await orgByCode(db, "DL-0001")).id;
});

const ledgerRows = async (statementId: string) => (await db.select({ n: count() }).from(rebateLedger).where(eq(rebateLedger.statementId, statementId)))[0]!.n;

describe("settleStatement", () => {
  it("credits a published statement once: a retry, even a parallel one, is a replay", async () => {
    const before = await balanceOf(db, orgId);
    const statement = await publishedStatement(db, orgId, 1234_56n);
    const pool = createDatabase(testDatabaseUrl(), { max: 3 });
    try {
      const results = await Promise.all([1, 2, 3].map(() => settleStatement({ ...finance, db: pool }, { statementId: statement.id })));
      expect(results.filter((r) => !r.replayed)).toHaveLength(1);
      expect(results.every((r) => r.creditedFen === 1234_56n)).toBe(true);
    } finally {
      await pool.$client.end();
    }
    expect(await balanceOf(db, orgId)).toBe(before + 1234_56n);
    expect(await ledgerRows(statement.id)).toBe(1);
    const [saved] = await db.select().from(rebateStatements).where(eq(rebateStatements.id, statement.id));
    expect(saved).toMatchObject({ status: "settled", settledBy: finance.actor.userId });
    expect(await ledgerConsistent(db, orgId)).toBe(true);
  });

  it("refuses a statement that is not published, and anyone without rebate:approve", async () => {
    const statement = await publishedStatement(db, orgId, 10_00n);
    await db.update(rebateStatements).set({ status: "approved" }).where(eq(rebateStatements.id, statement.id));
    await expectUnchanged(db, () => expectDomainError(settleStatement(finance, { statementId: statement.id }), { code: "rebateBalance.errors.notPublished" }));
    await expectUnchanged(db, () => expectDomainError(settleStatement(dealer, { statementId: statement.id }), { code: "errors.forbidden" }));
    await expectUnchanged(db, () => expectDomainError(settleStatement(finance, { statementId: "not-a-uuid" }), { code: "errors.notFound" }));
    expect(await ledgerRows(statement.id)).toBe(0);
  });

  it("settles a negative statement without touching the balance and carries the shortfall as an adjustment", async () => {
    const before = await balanceOf(db, orgId);
    const statement = await publishedStatement(db, orgId, -50_00n);
    const result = await settleStatement(finance, { statementId: statement.id });
    expect(result).toMatchObject({ creditedFen: 0n, carriedFen: -50_00n });
    expect(await balanceOf(db, orgId)).toBe(before);
    const carried = await db.select().from(rebateAdjustments).where(eq(rebateAdjustments.sourceStatementId, statement.id));
    expect(carried.map((a) => [a.amountFen, a.appliedStatementId])).toEqual([[-50_00n, null]]);
  });
});

describe("payoutRebate", () => {
  it("never overdraws when payouts race: each waits for the balance row", async () => {
    const org = (await orgByCode(db, "DL-0002")).id;
    await creditBalance(db, finance, org, 100_00n);
    const pool = createDatabase(testDatabaseUrl(), { max: 5 });
    try {
      const outcomes = await Promise.allSettled(
        [1, 2, 3, 4, 5].map(() => payoutRebate({ ...finance, db: pool }, { _key: newKey(), organizationId: org, amount: "30", method: "bank_transfer", reference: "招行 0001" })),
      );
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(3);
      const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
      expect(refused.map((o) => (o.reason as { fieldErrors?: unknown }).fieldErrors)).toEqual([{ amount: ["rebateBalance.errors.moreThanBalance"] }, { amount: ["rebateBalance.errors.moreThanBalance"] }]);
    } finally {
      await pool.$client.end();
    }
    expect(await balanceOf(db, org)).toBe(10_00n);
    expect(await ledgerConsistent(db, org)).toBe(true);
  });

  it("pays once per form key, and refuses zero, a negative amount or more than the balance", async () => {
    const org = (await orgByCode(db, "DL-0002")).id;
    const before = await balanceOf(db, org);
    const form = { _key: newKey(), organizationId: org, amount: "1.50", method: "bank_transfer", reference: "回单 7" };
    const first = await payoutRebate(finance, form);
    const again = await payoutRebate(finance, form);
    expect(again).toMatchObject({ replayed: true, ledgerId: first.ledgerId });
    expect(await balanceOf(db, org)).toBe(before - 1_50n);
    await expectUnchanged(db, () => expectDomainError(payoutRebate(finance, { ...form, _key: newKey(), amount: "0" }), { fields: { amount: ["rebateBalance.errors.amountPositive"] } }));
    await expectUnchanged(db, () => expectDomainError(payoutRebate(finance, { ...form, _key: newKey(), amount: "-5" }), { fields: { amount: ["validation.money"] } }));
    await expectUnchanged(db, () => expectDomainError(payoutRebate(finance, { ...form, _key: newKey(), amount: "100000" }), { fields: { amount: ["rebateBalance.errors.moreThanBalance"] } }));
    await expectUnchanged(db, () => expectDomainError(payoutRebate(dealer, { ...form, _key: newKey() }), { code: "errors.forbidden" }));
    expect(await balanceOf(db, org)).toBe(before - 1_50n);
  });
});

describe("rebate balance reads", () => {
  it("shows a partner admin its own balance and ledger, and another partner's as not found", async () => {
    const own = await ownRebateAccount(dealer, {});
    expect(own.organization.id).toBe(orgId);
    expect(own.balanceFen).toBe(await balanceOf(db, orgId));
    expect(own.ledger.rows[0]).toMatchObject({ kind: "statement_credit" });
    await expectUnchanged(db, () => expectDomainError(rebateAccount(dealer2, orgId, {}), { code: "errors.notFound" }));
    const buyer = await ctxOf(db, "buyer@demo.cn");
    await expectUnchanged(db, () => expectDomainError(ownRebateAccount(buyer, {}), { code: "errors.notFound" }));
  });

  it("lists balances for finance, largest first", async () => {
    const page = await listRebateBalances(finance, {});
    expect(page.rows.length).toBeGreaterThanOrEqual(2);
    expect(page.rows[0]!.balanceFen >= page.rows[1]!.balanceFen).toBe(true);
    expect(page.rows.find((r) => r.organizationId === orgId)?.creditedFen).toBe(1234_56n);
  });
});

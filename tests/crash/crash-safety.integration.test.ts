import { and, asc, count, eq, inArray, like, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  ALL_DIVISIONS,
  auditLog,
  documentSequences,
  DISTRIBUTOR_OWNER,
  idempotencyKeys,
  invoices,
  orderSubmissions,
  organizations,
  partnerMonthStats,
  paymentAllocations,
  payments,
  rebateRuns,
  rebateStatementLines,
  rebateStatements,
  stockDocuments,
  stockMoves,
  type Database,
} from "@cs/db";
import { shanghaiToday } from "@cs/domain/shared/dates";
import { enterCounts, openStocktake } from "@cs/domain/inventory/documents/stocktakes";
import { verifyStockLevels } from "@cs/domain/inventory/verify";
import { createRebateProgram } from "@cs/domain/rebates/programs";
import { requestRebateRun } from "@cs/domain/rebates/run";
import { createTestInvoice } from "@cs/testing/billing";
import { ctxOf, newKey, orgByCode } from "@cs/testing/demo";
import { createTestProduct, levelOf } from "@cs/testing/inventory";
import { orderingCounts, readyBuyer, stockedProducts } from "@cs/testing/ordering";
import { createRebatePartner, invoiceOn, programForm, setTarget } from "@cs/testing/rebate-programs";
import { addProduct, form, setUpStockWorld, stockIn, type StockWorld } from "@cs/testing/stock-documents";
import { processNextRebateRun } from "@cs/worker/rebate-runs";
import { testDatabaseUrl, testDb } from "../db";
import { crashDuring, runOperation } from "./harness";

/**
 * Crash safety (issue 11): a process killed with SIGKILL in the middle of checkout, a payment
 * allocation, a stocktake posting and a rebate run leaves no half-written document; the stock
 * ledger still verifies; the same request sent again by a restarted process does the work once.
 */

let db: Database;
let w: StockWorld;
const LONG = 300_000;

beforeAll(async () => {
  db = testDb();
  w = await setUpStockWorld(db, "CR");
});

afterEach(async () => {
  expect(await verifyStockLevels(db)).toEqual([]);
});

const auditCount = async () => (await db.select({ n: count() }).from(auditLog))[0]!.n;
const sequence = async (prefix: string) =>
  (await db.select({ v: documentSequences.lastValue }).from(documentSequences).where(eq(documentSequences.prefix, prefix))).map((r) => r.v);

describe("a process killed with SIGKILL mid-transaction", () => {
  it("checkout: no order, reservation, key or audit survives; the same _key then places one order and replays it", async () => {
    const buyer = await readyBuyer(db, "DL-0001");
    const warehouse = buyer.warehouses[0]!;
    const [p1, p2] = await stockedProducts(db, "CR-SO", 2, warehouse, 100);
    const key = newKey();
    const input = { login: "buyer@demo.cn", form: { _key: key, shipToAddressId: buyer.addressId, lines: [{ productId: p1, quantity: 3 }, { productId: p2, quantity: 4 }] } };
    const before = { counts: await orderingCounts(db), levels: [await levelOf(db, warehouse, p1!), await levelOf(db, warehouse, p2!)], audit: await auditCount(), so: await sequence("SO") };

    // The reservation of the second product waits for us: the key is claimed and the audit written by then.
    const exit = await crashDuring(db, {
      operation: "checkout",
      url: testDatabaseUrl(),
      input,
      lock: (c) => c`select 1 from stock_levels where location_id = ${warehouse} and product_id = ${p2!} and owner_id = ${DISTRIBUTOR_OWNER} for update`,
      blockedIn: /stock_levels/,
    });
    expect(exit.signal).toBe("SIGKILL");

    expect(await orderingCounts(db)).toEqual(before.counts);
    expect([await levelOf(db, warehouse, p1!), await levelOf(db, warehouse, p2!)]).toEqual(before.levels);
    expect(await db.select().from(orderSubmissions).where(eq(orderSubmissions.key, key))).toEqual([]);
    expect(await auditCount()).toBe(before.audit);
    expect(await sequence("SO")).toEqual(before.so);
    expect(await verifyStockLevels(db)).toEqual([]);

    // The buyer's retry after the restart: one order; the retry of the retry gets that same order back.
    type Placed = { orders: { id: string; number: string; status: string }[]; replayed: boolean };
    const placed = await runOperation<Placed>(testDatabaseUrl(), "checkout", input);
    expect(placed.replayed).toBe(false);
    expect(placed.orders).toHaveLength(1);
    expect(placed.orders[0]!.status).toBe("confirmed");
    const again = await runOperation<Placed>(testDatabaseUrl(), "checkout", input);
    expect(again).toEqual({ orders: placed.orders, replayed: true });
    expect(await orderingCounts(db)).toMatchObject({ orders: before.counts.orders + 1, keys: before.counts.keys + 1 });
    expect((await levelOf(db, warehouse, p1!)).reserved).toBe(before.levels[0]!.reserved + 3);
    expect((await levelOf(db, warehouse, p2!)).reserved).toBe(before.levels[1]!.reserved + 4);
  }, LONG);

  it("payment allocation: no payment, allocation, settled amount, key or number survives; the same _key then records it once", async () => {
    const org = await partner("CR-PAY");
    const productId = await createTestProduct(db, "CR-PAY-P");
    const today = shanghaiToday();
    // One after the other: same-day invoices are allocated by number, so the ¥100 one must get the lower.
    const inv: Awaited<ReturnType<typeof createTestInvoice>>[] = [];
    for (const totalFen of [10_000n, 20_000n]) inv.push(await createTestInvoice(db, { organizationId: org, productId, totalFen, issuedOn: today, dueOn: today }));
    const key = newKey();
    const input = { login: "finance@demo.cn", form: { _key: key, organizationId: org, receivedOn: today, method: "bank_transfer", reference: "崩溃测试", amount: "250.00" } };
    const settled = async () => (await db.select({ s: invoices.settledFen }).from(invoices).where(inArray(invoices.id, inv.map((i) => i.id))).orderBy(asc(invoices.totalFen))).map((r) => r.s);
    const before = { audit: await auditCount(), pay: await sequence("PAY"), keys: (await db.select({ n: count() }).from(idempotencyKeys))[0]!.n };

    // The partner's monthly payment figures are updated after the payment, its allocations and the settled invoices.
    // (The row exists beforehand: inserting it in the lock's transaction would key-share-lock the
    // partner, which the payment locks first.)
    const month = `${today.slice(0, 7)}-01`;
    await db.insert(partnerMonthStats).values({ organizationId: org, month, divisionId: ALL_DIVISIONS }).onConflictDoNothing();
    await crashDuring(db, {
      operation: "payment",
      url: testDatabaseUrl(),
      input,
      lock: (c) => c`select 1 from partner_month_stats where organization_id = ${org} and month = ${month} and division_id = ${ALL_DIVISIONS} for update`,
      blockedIn: /partner_month_stats/,
    });

    expect(await db.select().from(payments).where(eq(payments.organizationId, org))).toEqual([]);
    expect(await db.select().from(paymentAllocations).where(inArray(paymentAllocations.invoiceId, inv.map((i) => i.id)))).toEqual([]);
    expect(await settled()).toEqual([0n, 0n]);
    expect((await db.select({ n: count() }).from(idempotencyKeys))[0]!.n).toBe(before.keys);
    expect(await auditCount()).toBe(before.audit);
    expect(await sequence("PAY")).toEqual(before.pay);

    type Paid = { paymentId: string; number: string; allocatedFen: string; unallocatedFen: string };
    const paid = await runOperation<Paid>(testDatabaseUrl(), "payment", input);
    expect(paid).toMatchObject({ allocatedFen: "25000", unallocatedFen: "0" });
    // gap-free numbering: the killed attempt's number was never used
    expect(Number(paid.number.slice(-6))).toBe((before.pay[0] ?? 0) + 1);
    expect(await runOperation<Paid>(testDatabaseUrl(), "payment", input)).toEqual(paid);
    expect((await db.select().from(payments).where(eq(payments.organizationId, org))).map((p) => p.id)).toEqual([paid.paymentId]);
    expect(await settled()).toEqual([10_000n, 15_000n]);
  }, LONG);

  it("stocktake posting: no move or level change survives and the count stays open; posting again posts it once", async () => {
    const location = w.wBJ;
    const [a, b] = [await addProduct(db, "CR-ST-A", { productLineId: w.lineId, costFen: 100n }), await addProduct(db, "CR-ST-B", { productLineId: w.lineId, costFen: 100n })];
    await stockIn(db, w.sys.supplier, a, location, 10);
    await stockIn(db, w.sys.supplier, b, location, 10);
    const { id } = await openStocktake(w.warehouse, form({ locationId: location, productLineId: w.lineId }));
    await enterCounts(w.warehouse, id, { counts: [{ sku: "CR-ST-A", counted: 8 }, { sku: "CR-ST-B", counted: 13 }] });
    const [doc] = await db.select().from(stockDocuments).where(eq(stockDocuments.id, id));
    const moves = async () => db.select().from(stockMoves).where(eq(stockMoves.referenceId, doc!.number));
    const levels = async () => [(await levelOf(db, location, a)).onHand, (await levelOf(db, location, b)).onHand];
    const audit = await auditCount();

    // The levels are updated in product-id order: the test holds the second, so the first is written when it waits.
    const second = [a, b].sort()[1]!;
    await crashDuring(db, {
      operation: "stocktake",
      url: testDatabaseUrl(),
      input: { login: "warehouse@demo.cn", id },
      lock: (c) => c`select 1 from stock_levels where location_id = ${location} and product_id = ${second} and owner_id = ${DISTRIBUTOR_OWNER} for update`,
      blockedIn: /stock_levels/,
    });

    expect(await levels()).toEqual([10, 10]);
    expect(await moves()).toEqual([]);
    expect((await db.select().from(stockDocuments).where(eq(stockDocuments.id, id)))[0]!.status).toBe("counting");
    expect(await auditCount()).toBe(audit);
    expect(await verifyStockLevels(db)).toEqual([]);

    expect(await runOperation(testDatabaseUrl(), "stocktake", { login: "warehouse@demo.cn", id })).toEqual({ status: "posted" });
    expect(await runOperation(testDatabaseUrl(), "stocktake", { login: "warehouse@demo.cn", id })).toEqual({ status: "posted" });
    expect(await levels()).toEqual([8, 13]);
    expect((await moves()).map((m) => m.quantity).sort()).toEqual([2, 3]);
  }, LONG);

  it("rebate run: the committed chunk stays, the killed one leaves nothing, and the resumed run ends as an uninterrupted one", async () => {
    const finance = await ctxOf(db, "finance@demo.cn");
    const productId = await createTestProduct(db, "CR-RB-P");
    const ids: string[] = [];
    const codes: string[] = [];
    // completions 70%, 90%, 110% and 130%: four partners, four different tiers
    for (const purchases of [700_000n, 900_000n, 1_100_000n, 1_300_000n]) {
      const p = await createRebatePartner(db, { branchId: w.bj, prefix: "CR" });
      await invoiceOn(db, p.id, productId, purchases, "2024-02-10", "2024-03-11");
      await setTarget(db, p.id, "2024-01-01", 1_000_000n);
      ids.push(p.id);
      codes.push(p.code);
    }
    const eligiblePartners = codes.join(" ");
    const reference = await createRebateProgram(finance, programForm({ eligiblePartners }));
    const crashed = await createRebateProgram(finance, programForm({ eligiblePartners }));

    // The result of an uninterrupted run, by the worker's own function.
    await requestRebateRun(finance, reference.id);
    expect(await processNextRebateRun(db, { chunkSize: 2, log: () => {} })).toBe(true);

    const run = await requestRebateRun(finance, crashed.id);
    // Statements are written in chunks of partners in id order; the test holds the last partner's
    // statement key, so the second chunk waits inside its transaction after taking its numbers.
    const last = [...ids].sort()[3]!;
    await crashDuring(db, {
      operation: "rebate-run",
      url: testDatabaseUrl(),
      input: { chunkSize: 2 },
      lock: (c) => c`
        insert into rebate_statements (number, kind, program_id, organization_id, period_start, period_end)
        values (${`HOLD-${run.id}`}, 'rebate', ${crashed.id}, ${last}, '2024-01-01', '2024-03-31')`,
      blockedIn: /rebate_statements/,
      // the first chunk is committed: the run really is half done when it dies
      whileBlocked: async () =>
        expect((await db.select().from(rebateRuns).where(eq(rebateRuns.id, run.id)))[0]).toMatchObject({ status: "running", progressDone: 2, progressTotal: 4 }),
    });

    const firstChunk = [...ids].sort().slice(0, 2);
    const afterKill = await statementsOf(crashed.id);
    expect(afterKill.map((s) => s.organizationId).sort()).toEqual(firstChunk);
    expect(afterKill.every((s) => s.lines.length > 0)).toBe(true);
    expect((await db.select().from(rebateRuns).where(eq(rebateRuns.id, run.id)))[0]).toMatchObject({ status: "running", progressDone: 2 });

    // A restarted worker takes the run over once its lease has run out (set here rather than waited for).
    await db.update(rebateRuns).set({ lockedUntil: sql`now() - interval '1 second'` }).where(eq(rebateRuns.id, run.id));
    expect(await runOperation(testDatabaseUrl(), "rebate-run", { chunkSize: 2 })).toBe(true);
    expect((await db.select().from(rebateRuns).where(eq(rebateRuns.id, run.id)))[0]).toMatchObject({ status: "done", progressDone: 4, progressTotal: 4, statementsWritten: 4, attempts: 2 });

    const resumed = await statementsOf(crashed.id);
    const uninterrupted = await statementsOf(reference.id);
    expect(resumed.map(({ number: _n, ...figures }) => figures)).toEqual(uninterrupted.map(({ number: _n, ...figures }) => figures));
    expect(new Set(resumed.map((s) => s.amountFen)).size).toBe(4);
    // the killed chunk's numbers were rolled back with it: the program's four numbers have no gap
    const numbers = resumed.map((s) => Number(s.number.slice(-6))).sort((x, y) => x - y);
    expect(numbers).toEqual([numbers[0]!, numbers[0]! + 1, numbers[0]! + 2, numbers[0]! + 3]);
    expect(await db.select({ n: count() }).from(rebateStatements).where(like(rebateStatements.number, "HOLD-%"))).toEqual([{ n: 0 }]);
  }, LONG);
});

/** A dealer of its own (a copy of DL-0001 under its branch), so the figures are exact. */
async function partner(code: string) {
  const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = await orgByCode(db, "DL-0001");
  const [org] = await db.insert(organizations).values({ ...rest, code, name: `崩溃测试${code}`, shortName: code, taxId: null, creditHold: false }).returning();
  return org!.id;
}

/** A program's statements with their lines, by partner, without ids or timestamps. */
async function statementsOf(programId: string) {
  const rows = await db.select().from(rebateStatements).where(and(eq(rebateStatements.programId, programId))).orderBy(asc(rebateStatements.organizationId));
  return Promise.all(
    rows.map(async (s) => ({
      number: s.number,
      organizationId: s.organizationId,
      status: s.status,
      figures: [s.basisFen, s.targetFen, s.completionBp, s.onTimeBp, s.tierIndex, s.rateBp, s.multiplierBp, s.calculatedFen, s.capApplied, s.adjustmentsFen],
      amountFen: s.amountFen,
      lines: (await db.select().from(rebateStatementLines).where(eq(rebateStatementLines.statementId, s.id)).orderBy(asc(rebateStatementLines.lineNo))).map(
        ({ id: _id, statementId: _s, ...line }) => line,
      ),
    })),
  );
}

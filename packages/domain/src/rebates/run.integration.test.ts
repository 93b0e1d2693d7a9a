import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { invoiceLines, rebateAdjustments, rebatePrograms, rebateRuns, rebateStatementLines, rebateStatements, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { createCreditNote } from "../billing/credit-notes";
import { recordPayment } from "../billing/payments";
import type { Ctx } from "../shared/context";
import { expectDomainError } from "@cs/testing/billing";
import { ctxOf, newKey, orgByCode, seedDemoData } from "@cs/testing/demo";
import { createTestProduct } from "@cs/testing/inventory";
import { createRebatePartner, invoiceOn, placeUnder, programForm, setTarget, statementOf } from "@cs/testing/rebate-programs";
import { calculateRebate } from "./calculate";
import { calculateProgramRows } from "./calculate-sql";
import { createRebateProgram } from "./programs";
import { previewRebateProgram } from "./programs-queries";
import { claimRebateRun, processRebateRun, recalculateRebateStatement, requestRebateRun, runRebateProgramNow } from "./run";
import { approveRebateStatements, publishRebateStatements } from "./statements";
import { getRebateStatement, listRebateStatements, rebateStatementListQuery } from "./statements-queries";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;
let finance: Ctx & { db: Database };
let productId: string;
let branchId: string | null;
const Q1 = "2024-01-01";
const target = 1_000_000n;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  finance = { ...(await ctxOf(db, "finance@demo.cn")), db };
  productId = await createTestProduct(db, "RB-P1");
  branchId = (await orgByCode(db, "DL-0001")).ownerBranchId;
});

/** Partners with Q1 2024 purchases and targets; returns their ids in order. */
async function partnersWith(purchases: bigint[], opts: { targets?: (bigint | null)[] } = {}) {
  const ids: string[] = [];
  for (const [i, fen] of purchases.entries()) {
    const p = await createRebatePartner(db, { branchId });
    if (fen > 0n) await invoiceOn(db, p.id, productId, fen, "2024-02-10", "2024-03-11");
    const t = opts.targets ? opts.targets[i] : target;
    if (t) await setTarget(db, p.id, Q1, t);
    ids.push(p.id);
  }
  return ids;
}

async function codesOf(ids: string[]) {
  const rows = await db.execute<{ code: string }>(sql`select code from organizations where id = any(${`{${ids.join(",")}}`}::uuid[]) order by code`);
  return rows.map((r) => r.code).join(" ");
}

describe("golden: SQL = calculator = expected", () => {
  const cases: [string, Record<string, unknown>, bigint, bigint][] = [
    ["exactly 80 %", {}, 800_000n, 8_000n],
    ["1 fen below 80 %", {}, 799_999n, 0n],
    ["exactly 100 %", {}, 1_000_000n, 20_000n],
    ["1 fen below 100 %, rounded to the fen", {}, 999_999n, 10_000n],
    ["retroactive 130 %", {}, 1_300_000n, 39_000n],
    ["incremental 130 %", { method: "incremental" }, 1_300_000n, 9_000n],
    ["capped", { cap: "300" }, 1_300_000n, 30_000n],
  ];
  it.each(cases)("%s", async (_name, over, purchases, expected) => {
    const [id] = await partnersWith([purchases]);
    const program = await createRebateProgram(finance, programForm({ eligiblePartners: await codesOf([id!]), ...over }));
    const [row] = await calculateProgramRows(db, program);
    const pure = calculateRebate(program, { basisFen: BigInt(row!.basis_fen), targetFen: BigInt(row!.target_fen!), dueFen: 0n, paidOnTimeFen: 0n });
    expect(pure.amountFen).toBe(expected);
    await runRebateProgramNow(finance, program.id);
    const s = await statementOf(db, program.id, id!);
    expect(s!.amountFen).toBe(expected);
    const lines = await db.select().from(rebateStatementLines).where(eq(rebateStatementLines.statementId, s!.id));
    expect(lines.reduce((sum, l) => sum + l.amountFen, 0n)).toBe(expected);
  });

  it("no target: nothing, explained by a line", async () => {
    const [id] = await partnersWith([2_000_000n], { targets: [null] });
    const program = await createRebateProgram(finance, programForm({ eligiblePartners: await codesOf([id!]) }));
    await runRebateProgramNow(finance, program.id);
    const s = await statementOf(db, program.id, id!);
    expect(s!.amountFen).toBe(0n);
    const lines = await db.select().from(rebateStatementLines).where(eq(rebateStatementLines.statementId, s!.id));
    expect(lines.map((l) => l.kind)).toEqual(["basis", "no_target"]);
  });

  it("on-time multiplier from payments by the due date, and the SQL matches the calculator", async () => {
    const [onTime, late] = await partnersWith([1_000_000n, 1_000_000n]);
    const invoices = await db.execute<{ id: string; organization_id: string }>(sql`select id, organization_id from invoices where organization_id in (${onTime}, ${late})`);
    for (const inv of invoices) {
      const receivedOn = inv.organization_id === onTime ? "2024-03-01" : "2024-03-20";
      await recordPayment(finance, { _key: newKey(), organizationId: inv.organization_id, receivedOn, method: "bank_transfer", amount: "10000.00", allocations: [{ invoiceId: inv.id, amount: "10000.00" }] });
    }
    const program = await createRebateProgram(finance, programForm({ eligiblePartners: await codesOf([onTime!, late!]), multiplierTiers: [{ minOnTime: "0", multiplier: "80" }, { minOnTime: "90", multiplier: "110" }] }));
    const rows = await calculateProgramRows(db, program);
    for (const r of rows) {
      const pure = calculateRebate(program, { basisFen: BigInt(r.basis_fen), targetFen: BigInt(r.target_fen!), dueFen: BigInt(r.due_fen), paidOnTimeFen: BigInt(r.paid_on_time_fen) });
      expect(BigInt(r.capped_fen)).toBe(pure.amountFen);
    }
    await runRebateProgramNow(finance, program.id);
    expect((await statementOf(db, program.id, onTime!))!.amountFen).toBe(22_000n);
    expect((await statementOf(db, program.id, late!))!.amountFen).toBe(16_000n);
  });

  it("a partner moved in the tree mid-period counts for its old parent before the move and its new one after", async () => {
    const oldParent = await createRebatePartner(db, { branchId, kind: "agent" });
    const newParent = await createRebatePartner(db, { branchId, kind: "agent" });
    const child = await createRebatePartner(db, { branchId });
    await placeUnder(db, child.id, [
      { parentId: oldParent.id, from: "2020-01-01", to: "2024-02-15" },
      { parentId: newParent.id, from: "2024-02-15", to: null },
    ]);
    await invoiceOn(db, child.id, productId, 300_000n, "2024-02-01");
    await invoiceOn(db, child.id, productId, 500_000n, "2024-02-15");
    for (const p of [oldParent, newParent]) await setTarget(db, p.id, Q1, target);
    const program = await createRebateProgram(finance, programForm({ eligiblePartners: await codesOf([oldParent.id, newParent.id]), includeSubtree: "on", tiers: [{ minCompletion: "10", rate: "1" }] }));
    await runRebateProgramNow(finance, program.id);
    expect((await statementOf(db, program.id, oldParent.id))!.basisFen).toBe(300_000n);
    expect((await statementOf(db, program.id, newParent.id))!.basisFen).toBe(500_000n);
    expect((await statementOf(db, program.id, newParent.id))!.amountFen).toBe(5_000n);
  });
});

describe("runs, workflow and adjustments", () => {
  it("re-runs rewrite drafts in place, skip frozen ones, and refuse recalculating a frozen one", async () => {
    const ids = await partnersWith([1_000_000n, 1_200_000n, 500_000n]);
    const program = await createRebateProgram(finance, programForm({ eligiblePartners: await codesOf(ids) }));
    const first = await runRebateProgramNow(finance, program.id);
    expect(first.status).toBe("done");
    const before = await db.select().from(rebateStatements).where(eq(rebateStatements.programId, program.id)).orderBy(rebateStatements.number);
    expect(before).toHaveLength(3);
    expect(before.every((s) => /^RB-2024-\d{6}$/.test(s.number))).toBe(true);
    await runRebateProgramNow(finance, program.id);
    const after = await db.select().from(rebateStatements).where(eq(rebateStatements.programId, program.id)).orderBy(rebateStatements.number);
    expect(after.map((s) => [s.id, s.number, s.amountFen])).toEqual(before.map((s) => [s.id, s.number, s.amountFen]));
    expect(after.map((s) => s.version)).toEqual([2, 2, 2]);

    const approved = after[0]!;
    await approveRebateStatements(finance, { ids: [approved.id] });
    await expectUnchanged(db, () => expectDomainError(approveRebateStatements(finance, { ids: [approved.id] }), { code: "rebatePrograms.errors.notDraft" }));
    await expectUnchanged(db, () => expectDomainError(publishRebateStatements(finance, { ids: [after[1]!.id] }), { code: "rebatePrograms.errors.notApproved" }));
    await expectUnchanged(db, () => expectDomainError(recalculateRebateStatement(finance, approved.id), { code: "rebatePrograms.errors.statementFrozen" }));
    const third = await runRebateProgramNow(finance, program.id);
    expect([third.progressDone, third.statementsWritten]).toEqual([3, 2]);
    const [frozen] = await db.select().from(rebateStatements).where(eq(rebateStatements.id, approved.id));
    expect([frozen!.status, frozen!.version]).toEqual(["approved", 3]);
    // all or none: one already approved in the batch refuses the batch
    await expectUnchanged(db, () => expectDomainError(approveRebateStatements(finance, { ids: [after[1]!.id, approved.id] }), { code: "rebatePrograms.errors.notDraft" }));
    expect((await db.select().from(rebateStatements).where(eq(rebateStatements.id, after[1]!.id)))[0]!.status).toBe("draft");
  });

  it("a partner reads only its own published statements; anything else is not found", async () => {
    const dealer = await orgByCode(db, "DL-0001");
    const dealer2 = await orgByCode(db, "DL-0002");
    await setTarget(db, dealer.id, Q1, target);
    await setTarget(db, dealer2.id, Q1, target);
    await invoiceOn(db, dealer.id, productId, 900_000n, "2024-01-20");
    await invoiceOn(db, dealer2.id, productId, 900_000n, "2024-01-20");
    const program = await createRebateProgram(finance, programForm({ eligiblePartners: "DL-0001 DL-0002" }));
    await runRebateProgramNow(finance, program.id);
    const mine = (await statementOf(db, program.id, dealer.id))!;
    const theirs = (await statementOf(db, program.id, dealer2.id))!;
    const me = await ctxOf(db, "dealer@demo.cn");
    await expectUnchanged(db, () => expectDomainError(getRebateStatement(me, mine.id), { code: "errors.notFound" }));
    await approveRebateStatements(finance, { ids: [mine.id, theirs.id] });
    await publishRebateStatements(finance, { ids: [mine.id, theirs.id] });
    const got = await getRebateStatement(me, mine.id);
    expect(got.statement.amountFen).toBe(9_000n);
    expect(got.program?.code).toBe(program.code);
    expect(got.lines.map((l) => l.kind)).toEqual(["basis", "tier"]);
    await expectUnchanged(db, () => expectDomainError(getRebateStatement(me, theirs.id), { code: "errors.notFound" }));
    const list = await listRebateStatements(me, rebateStatementListQuery.parse({}));
    expect(list.rows.map((r) => r.organizationId)).toEqual([dealer.id]);
  });

  it("a return after approval becomes an adjustment carried into the next statement and applied on its approval", async () => {
    const [id] = await partnersWith([0n]);
    const invoice = await invoiceOn(db, id!, productId, 1_000_000n, "2024-02-01");
    await setTarget(db, id!, "2024-04-01", target);
    await invoiceOn(db, id!, productId, 1_000_000n, "2024-05-01");
    const codes = await codesOf([id!]);
    const q1 = await createRebateProgram(finance, programForm({ eligiblePartners: codes }));
    await runRebateProgramNow(finance, q1.id);
    const s1 = (await statementOf(db, q1.id, id!))!;
    expect(s1.amountFen).toBe(20_000n);
    await approveRebateStatements(finance, { ids: [s1.id] });
    // ¥1,000 returned in Q2 on the Q1 invoice: 2 % of 100,000 fen back
    const [line] = await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id));
    const note = await db.transaction((tx) => createCreditNote(tx, finance.actor, { originalInvoiceId: invoice.id, lines: [{ orderLineId: null, productId: line!.productId, quantity: 1, unitPriceFen: 100_000n }], issuedOn: "2024-04-10" }));
    const adjustments = await db.select().from(rebateAdjustments).where(eq(rebateAdjustments.creditNoteId, note.id));
    expect(adjustments.map((a) => [a.sourceStatementId, a.amountFen])).toEqual([[s1.id, -2_000n]]);
    // Q1 stays as approved; Q2 carries the adjustment
    expect((await db.select().from(rebateStatements).where(eq(rebateStatements.id, s1.id)))[0]!.amountFen).toBe(20_000n);
    const q2 = await createRebateProgram(finance, programForm({ eligiblePartners: codes, periodStart: "2024-04-01", periodEnd: "2024-06-30" }));
    await runRebateProgramNow(finance, q2.id);
    const s2 = (await statementOf(db, q2.id, id!))!;
    expect([s2.basisFen, s2.adjustmentsFen, s2.amountFen]).toEqual([1_000_000n, -2_000n, 18_000n]);
    await approveRebateStatements(finance, { ids: [s2.id] });
    expect((await db.select().from(rebateAdjustments).where(eq(rebateAdjustments.id, adjustments[0]!.id)))[0]!.appliedStatementId).toBe(s2.id);
  });
});

describe("branch scope", () => {
  it("a branch's sales staff see only their branch's partners in the preview, the counts and the statements", async () => {
    const sales = await ctxOf(db, "sales.bj@demo.cn");
    const own = (sales.actor.branchIds as string[])[0]!;
    const [other] = await db.execute<{ id: string }>(sql`select id from organizations where kind = 'branch' and id <> ${own} limit 1`);
    const mine = await createRebatePartner(db, { branchId: own });
    const theirs = await createRebatePartner(db, { branchId: other!.id });
    for (const p of [mine, theirs]) {
      await invoiceOn(db, p.id, productId, 1_000_000n, "2024-02-01");
      await setTarget(db, p.id, Q1, target);
    }
    const program = await createRebateProgram(finance, programForm({ eligiblePartners: await codesOf([mine.id, theirs.id]) }));
    await runRebateProgramNow(finance, program.id);
    const preview = await previewRebateProgram(sales, program.id);
    expect(preview.top.map((r) => r.organizationId)).toEqual([mine.id]);
    expect(preview.totals).toMatchObject({ partners: 1, amountFen: 20_000n });
    const all = await previewRebateProgram(finance, program.id);
    expect(all.totals).toMatchObject({ partners: 2, amountFen: 40_000n });
    const listed = await listRebateStatements(sales, rebateStatementListQuery.parse({ program: program.id }));
    expect(listed.rows.map((r) => r.organizationId)).toEqual([mine.id]);
    const theirStatement = (await statementOf(db, program.id, theirs.id))!;
    await expectUnchanged(db, () => expectDomainError(getRebateStatement(sales, theirStatement.id), { code: "errors.notFound" }));
  });
});

describe("the worker's run", () => {
  it("claims with a lease, reports progress chunk by chunk, and the preview matches what it wrote", async () => {
    const ids = await partnersWith([900_000n, 1_000_000n, 1_100_000n, 1_300_000n, 100n]);
    const program = await createRebateProgram(finance, programForm({ eligiblePartners: await codesOf(ids) }));
    const preview = await previewRebateProgram(finance, program.id, 3);
    expect(preview.totals.partners).toBe(5);
    expect(preview.top.map((t) => t.amountFen)).toEqual([39_000n, 22_000n, 20_000n]);
    const queued = await requestRebateRun(finance, program.id);
    expect((await requestRebateRun(finance, program.id)).id).toBe(queued.id);
    const run = await claimRebateRun(db, queued.id);
    expect(run).toMatchObject({ status: "running", attempts: 1 });
    expect(await claimRebateRun(db, queued.id)).toBeNull();
    const done = await processRebateRun(db, run!, { chunkSize: 2 });
    expect(done).toMatchObject({ status: "done", phase: "done", progressDone: 5, progressTotal: 5, statementsWritten: 5 });
    const written = await db.execute<{ total: string }>(sql`select sum(amount_fen)::text as total from rebate_statements where program_id = ${program.id}`);
    expect(BigInt(written[0]!.total)).toBe(preview.totals.amountFen);
  });

  it("a failing run goes back to the queue with its error, then fails for good after the last attempt", async () => {
    const [id] = await partnersWith([1_000_000n]);
    const program = await createRebateProgram(finance, programForm({ eligiblePartners: await codesOf([id!]) }));
    const queued = await requestRebateRun(finance, program.id);
    // a period the calculator cannot map to a target period (bypassing validation) makes it throw
    await db.update(rebatePrograms).set({ periodEnd: "2024-02-20" }).where(eq(rebatePrograms.id, program.id));
    let last = queued;
    for (let attempt = 1; attempt <= 3; attempt++) {
      const run = await claimRebateRun(db, queued.id);
      expect(run?.attempts).toBe(attempt);
      last = await processRebateRun(db, run!);
      expect(last.error).toMatch(/calendar period/);
    }
    expect(last.status).toBe("failed");
    expect(await claimRebateRun(db, queued.id)).toBeNull();
    const [row] = await db.select().from(rebateRuns).where(eq(rebateRuns.id, queued.id));
    expect(row!.phase).toBe("failed");
  });
});

import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { invoiceLines, rebateStatementLines, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { createCreditNote } from "../billing/credit-notes";
import type { Ctx } from "../shared/context";
import { expectDomainError } from "@cs/testing/billing";
import { ctxOf, seedDemoData } from "@cs/testing/demo";
import { createTestProduct } from "@cs/testing/inventory";
import { createRebatePartner, invoiceOn, programForm, setTarget, statementOf } from "@cs/testing/rebate-programs";
import { listRebateAdjustments, rebateAdjustmentListQuery } from "./adjustments-queries";
import { createRebateProgram } from "./programs";
import { runRebateProgramNow } from "./run";
import { approveRebateStatements } from "./statements";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;
let finance: Ctx & { db: Database };
let sales: Ctx;
const target = 1_000_000n;
const list = (ctx: Ctx, q: Record<string, string> = {}) => listRebateAdjustments(ctx, rebateAdjustmentListQuery.parse(q));

/** Two partners (sales.bj's branch and another) with an approved Q1 2024 statement each and a return on it in Q2. */
let mine: { id: string; code: string; q1: string; creditNote: string };
let theirs: { id: string; code: string; q1: string; creditNote: string };
let otherBranch: string;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  finance = { ...(await ctxOf(db, "finance@demo.cn")), db };
  sales = await ctxOf(db, "sales.bj@demo.cn");
  const own = (sales.actor.branchIds as string[])[0]!;
  const [other] = await db.execute<{ id: string }>(sql`select id from organizations where kind = 'branch' and id <> ${own} order by code limit 1`);
  otherBranch = other!.id;
  const productId = await createTestProduct(db, "RB-ADJ-P1");
  const setUp = async (branchId: string) => {
    const p = await createRebatePartner(db, { branchId });
    const invoice = await invoiceOn(db, p.id, productId, 1_000_000n, "2024-02-01");
    await setTarget(db, p.id, "2024-01-01", target);
    await setTarget(db, p.id, "2024-04-01", target);
    await invoiceOn(db, p.id, productId, 1_000_000n, "2024-05-01");
    const program = await createRebateProgram(finance, programForm({ eligiblePartners: p.code }));
    await runRebateProgramNow(finance, program.id);
    const q1 = (await statementOf(db, program.id, p.id))!;
    await approveRebateStatements(finance, { ids: [q1.id] });
    const [line] = await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id));
    const note = await db.transaction((tx) =>
      createCreditNote(tx, finance.actor, { originalInvoiceId: invoice.id, lines: [{ orderLineId: null, productId: line!.productId, quantity: 1, unitPriceFen: 100_000n }], issuedOn: "2024-04-10" }),
    );
    return { id: p.id, code: p.code, q1: q1.number, creditNote: note.number };
  };
  mine = await setUp(own);
  theirs = await setUp(otherBranch);
});

describe("rebate adjustments list", () => {
  it("lists each return after approval as pending, with its partner, source statement, credit note and amount", async () => {
    const all = await list(finance, { status: "pending", sort: "partner", dir: "asc" });
    expect(all.total).toBe(2);
    expect(all.rows.map((r) => [r.partnerCode, r.sourceNumber, r.creditNoteNumber, r.amountFen, r.reason, r.appliedNumber])).toEqual(
      [mine, theirs].sort((a, b) => a.code.localeCompare(b.code)).map((p) => [p.code, p.q1, p.creditNote, -2_000n, "return", null]),
    );
    expect((await list(finance, { status: "applied" })).total).toBe(0);
    expect((await list(finance, { q: mine.creditNote })).rows.map((r) => r.organizationId)).toEqual([mine.id]);
    expect((await list(finance, { branch: otherBranch })).rows.map((r) => r.organizationId)).toEqual([theirs.id]);
  });

  it("a branch's sales staff see only their branch's adjustments; a partner may not list them", async () => {
    expect((await list(sales)).rows.map((r) => r.organizationId)).toEqual([mine.id]);
    expect((await list(sales, { branch: otherBranch })).total).toBe(0);
    await expectUnchanged(db, async () => expectDomainError(list(await ctxOf(db, "dealer@demo.cn")), { code: "errors.forbidden" }));
  });

  it("shows the statement that carried it once that one is approved; a re-run replaces the draft's lines instead of adding to them", async () => {
    const q2 = await createRebateProgram(finance, programForm({ eligiblePartners: mine.code, periodStart: "2024-04-01", periodEnd: "2024-06-30" }));
    await runRebateProgramNow(finance, q2.id);
    await runRebateProgramNow(finance, q2.id);
    const s2 = (await statementOf(db, q2.id, mine.id))!;
    const lines = await db.select({ kind: rebateStatementLines.kind }).from(rebateStatementLines).where(eq(rebateStatementLines.statementId, s2.id)).orderBy(rebateStatementLines.lineNo);
    expect(lines.map((l) => l.kind)).toEqual(["basis", "tier", "adjustment"]);
    expect([s2.version, s2.amountFen]).toEqual([2, 18_000n]);
    // carried by a draft is still pending: only the approval applies it
    expect((await list(finance, { status: "pending" })).total).toBe(2);
    await approveRebateStatements(finance, { ids: [s2.id] });
    const applied = await list(finance, { status: "applied" });
    expect(applied.rows.map((r) => [r.organizationId, r.appliedStatementId, r.appliedNumber])).toEqual([[mine.id, s2.id, s2.number]]);
    expect((await list(finance, { status: "pending" })).rows.map((r) => r.organizationId)).toEqual([theirs.id]);
  });
});

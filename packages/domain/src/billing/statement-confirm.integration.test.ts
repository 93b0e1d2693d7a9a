import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accountStatements, emailOutbox, notifications, payments, statementDisputes, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { ctxOf, newKey, orgByCode, seedDemoData } from "@cs/testing/demo";
import { createTestInvoice, expectDomainError } from "@cs/testing/billing";
import { createTestProduct } from "@cs/testing/inventory";
import { pdfText } from "@cs/testing/pdf-text";
import { expectUnchanged } from "@cs/testing/unchanged";
import type { Ctx } from "../shared/context";
import { partnerScorecard, scorecardQuery } from "../channel/evaluation";
import { statementOfAccount } from "./statement";
import { accountStatementFile } from "./statement-files";
import { confirmAccountStatement, disputeStatementLine, resolveStatementDispute } from "./statement-confirm";
import { getAccountStatement, issueMonthlyStatements, listAccountStatements, remindUnconfirmedStatements, statementListQuery } from "./statement-records";

/** A month long before the demo seed's invoices, so its statement holds only this file's documents. */
const MONTH = "2024-03-01";
const t = (key: string) => key;

let db: Database;
let finance: Ctx;
let dealer: Ctx;
let other: Ctx;
let orgId: string;
let productId: string;
let statementId: string;
let invoiceNumber: string;

const statusOf = async (id: string) => (await db.select({ s: accountStatements.status }).from(accountStatements).where(eq(accountStatements.id, id)))[0]?.s;
const noticesOf = async (kind: string, entityId: string) =>
  (await db.select({ n: sql<number>`count(*)::int` }).from(notifications).where(and(eq(notifications.kind, kind), eq(notifications.entityId, entityId))))[0]!.n;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  finance = await ctxOf(db, "finance@demo.cn");
  dealer = await ctxOf(db, "dealer@demo.cn");
  other = await ctxOf(db, "dealer2@demo.cn");
  productId = await createTestProduct(db, "SC-P");
  orgId = (await orgByCode(db, "DL-0001")).id;
  const invoice = await createTestInvoice(db, { organizationId: orgId, productId, totalFen: 80_000n, issuedOn: "2024-03-05", dueOn: "2024-04-04" });
  invoiceNumber = invoice.number;
  await db.insert(payments).values({ number: "PAY-SC-1", organizationId: orgId, receivedOn: "2024-03-20", method: "bank_transfer", reference: "招行回单 SC", amountFen: 30_000n, unallocatedFen: 30_000n });
});

describe("monthly statements", () => {
  it("are issued once per partner and month, only to partners with documents by then", async () => {
    expect(await issueMonthlyStatements(db, MONTH)).toBe(1);
    expect(await issueMonthlyStatements(db, MONTH)).toBe(0);
    const page = await listAccountStatements(dealer, statementListQuery.parse({}));
    const mine = page.rows.find((r) => r.month === MONTH)!;
    expect(mine).toMatchObject({ status: "open", partnerCode: "DL-0001", openDisputes: 0 });
    statementId = mine.id;
    expect((await listAccountStatements(other, statementListQuery.parse({}))).rows.some((r) => r.id === statementId)).toBe(false);
  });

  it("is another partner's: not found to read, download, dispute or confirm, and nothing changes", async () => {
    await expectUnchanged(db, async () => {
      await expectDomainError(getAccountStatement(other, statementId), { code: "errors.notFound" });
      await expectDomainError(accountStatementFile(other, statementId, "pdf", t), { code: "errors.notFound" });
      await expectDomainError(disputeStatementLine(other, { statementId, entryNumber: invoiceNumber, reason: "不对", _key: newKey() }), { code: "errors.notFound" });
      await expectDomainError(confirmAccountStatement(other, { statementId, _key: newKey() }), { code: "errors.notFound" });
    });
  });

  it("takes a dispute on one of its lines with a reason, tells finance, and cannot be confirmed until finance answers", async () => {
    await expectUnchanged(db, () =>
      expectDomainError(disputeStatementLine(dealer, { statementId, entryNumber: "INV-NOT-HERE", reason: "不对", _key: newKey() }), { fields: { entryNumber: ["billing.statements.unknownLine"] } }),
    );
    await disputeStatementLine(dealer, { statementId, entryNumber: invoiceNumber, reason: "数量不符，实收 1 台", _key: newKey() });
    expect(await statusOf(statementId)).toBe("disputed");
    expect(await noticesOf("statement.disputed", statementId)).toBeGreaterThan(0);
    await expectUnchanged(db, () => expectDomainError(confirmAccountStatement(dealer, { statementId, _key: newKey() }), { code: "billing.statements.openDisputes" }));

    const [dispute] = await db.select().from(statementDisputes).where(eq(statementDisputes.statementId, statementId));
    // a partner cannot answer its own dispute
    await expectDomainError(resolveStatementDispute(dealer, { disputeId: dispute!.id, resolution: "ok", _key: newKey() }), { code: "errors.forbidden" });
    await resolveStatementDispute(finance, { disputeId: dispute!.id, resolution: "已核对出库单，数量无误", _key: newKey() });
    expect(await statusOf(statementId)).toBe("open");
    expect(await noticesOf("statement.resolved", statementId)).toBeGreaterThan(0);
    await expectUnchanged(db, () =>
      expectDomainError(resolveStatementDispute(finance, { disputeId: dispute!.id, resolution: "again", _key: newKey() }), { code: "billing.statements.alreadyResolved" }),
    );
  });

  it("once confirmed is frozen: later documents of the month change the ledger, not the statement, and its PDF says who confirmed it when", async () => {
    const key = newKey();
    await confirmAccountStatement(dealer, { statementId, _key: key });
    await confirmAccountStatement(dealer, { statementId, _key: key }); // a retry: the same answer
    const frozen = await getAccountStatement(dealer, statementId);
    expect(frozen).toMatchObject({ status: "confirmed", confirmedBy: "郑浩" });
    expect(frozen.statement.closingFen).toBe(50_000n);
    expect(frozen.statement.entries.map((e) => [e.number, e.debitFen, e.creditFen])).toEqual([
      [invoiceNumber, 80_000n, 0n],
      ["PAY-SC-1", 0n, 30_000n],
    ]);

    // a late invoice dated in the confirmed month: the live ledger has it, the confirmed statement does not
    await createTestInvoice(db, { organizationId: orgId, productId, totalFen: 5_000n, issuedOn: "2024-03-28", dueOn: "2024-04-28" });
    expect((await statementOfAccount(finance, orgId, { from: "2024-03-01", to: "2024-03-31" })).closingFen).toBe(55_000n);
    const again = await getAccountStatement(finance, statementId);
    expect(again.statement.closingFen).toBe(50_000n);
    expect(again.statement.entries).toHaveLength(2);

    const pdf = pdfText(Buffer.from((await accountStatementFile(dealer, statementId, "pdf", t)).body));
    expect(pdf).toContain("billing.statements.confirmedBy");
    expect(pdf).toContain("郑浩");
    expect(pdf).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
  });

  it("refuses a dispute or a second confirmation on a confirmed statement, changing nothing; the database refuses edits too", async () => {
    await expectUnchanged(db, async () => {
      await expectDomainError(disputeStatementLine(dealer, { statementId, entryNumber: invoiceNumber, reason: "又不对了", _key: newKey() }), { code: "billing.statements.alreadyConfirmed" });
      await expectDomainError(confirmAccountStatement(dealer, { statementId, _key: newKey() }), { code: "billing.statements.alreadyConfirmed" });
    });
    await expect(db.update(accountStatements).set({ closingFen: 1n }).where(eq(accountStatements.id, statementId))).rejects.toThrow();
  });

  it("counts towards the confirmation rate on the partner scorecard", async () => {
    const page = await partnerScorecard(finance, scorecardQuery.parse({ periodKind: "month", periodStart: MONTH, q: "DL-0001" }));
    expect(page.rows.find((r) => r.id === orgId)).toMatchObject({ statements: 1, statementsConfirmed: 1, confirmationBp: 10000 });
  });
});

describe("remindUnconfirmedStatements", () => {
  it("reminds each partner once for a statement left unconfirmed past the limit, never for a confirmed one", async () => {
    const month = "2024-04-01";
    await createTestInvoice(db, { organizationId: orgId, productId, totalFen: 1_000n, issuedOn: "2024-04-02", dueOn: "2024-05-02" });
    expect(await issueMonthlyStatements(db, month)).toBe(1);
    const [s] = await db.select({ id: accountStatements.id }).from(accountStatements).where(and(eq(accountStatements.organizationId, orgId), eq(accountStatements.month, month)));
    const outboxBefore = await db.$count(emailOutbox);
    expect(await remindUnconfirmedStatements(db, { afterDays: 7 })).toBe(0); // issued just now
    const later = new Date(Date.now() + 8 * 86_400_000);
    expect(await remindUnconfirmedStatements(db, { afterDays: 7, now: later })).toBe(1);
    expect(await remindUnconfirmedStatements(db, { afterDays: 7, now: later })).toBe(0);
    expect(await noticesOf("statement.reminder", s!.id)).toBe(1);
    expect(await db.$count(emailOutbox)).toBe(outboxBefore + 1); // the dealer's admin logs in with an e-mail address
    expect(await noticesOf("statement.reminder", statementId)).toBe(0);
  });
});

import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { invoices, organizations, paymentAllocations, payments, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { ctxOf, newKey, orgByCode, seedDemoData } from "@cs/testing/demo";
import { createTestInvoice, expectDomainError } from "@cs/testing/billing";
import { createTestProduct } from "@cs/testing/inventory";
import { createConfirmedOrder, stockUp } from "@cs/testing/orders";
import type { Ctx } from "../shared/context";
import { receivablesAging, agingQuery } from "./aging";
import { createCreditNote } from "./credit-notes";
import { creditPosition } from "./credit";
import { addDays, shanghaiToday } from "../shared/dates";
import { allocateCredit, recordPayment } from "./payments";
import { hasKey } from "../shared/keys";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;
let finance: Ctx;
let productId: string;
const today = shanghaiToday();
const ago = (days: number) => addDays(today, -days);

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  finance = await ctxOf(db, "finance@demo.cn");
  productId = await createTestProduct(db, "PAY-P");
});

/** A partner of its own per test (a fresh dealer under DL-0001's branch), so figures are exact. */
async function freshPartner(code: string, creditLimitFen = 1_000_000n) {
  const base = await orgByCode(db, "DL-0001");
  const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = base;
  const [org] = await db
    .insert(organizations)
    .values({ ...rest, code, name: `测试经销商${code}`, shortName: code, taxId: null, creditLimitFen, creditHold: false })
    .returning();
  return org!.id;
}

const invoice = (organizationId: string, totalFen: bigint, issuedAgo: number, dueAgo: number) =>
  createTestInvoice(db, { organizationId, productId, totalFen, issuedOn: ago(issuedAgo), dueOn: ago(dueAgo) });

const settled = async (id: string) => (await db.select({ s: invoices.settledFen }).from(invoices).where(eq(invoices.id, id)))[0]!.s;

describe("recordPayment", () => {
  it("allocates oldest first, partially, across several invoices", async () => {
    const org = await freshPartner("PAY-A");
    const older = await invoice(org, 10_000n, 40, 10);
    const newer = await invoice(org, 20_000n, 20, -10);
    const paid = await recordPayment(finance, { organizationId: org, receivedOn: today, method: "bank_transfer", reference: "招行 0001", amount: "150.00", _key: newKey() });
    expect(paid).toMatchObject({ allocatedFen: 15_000n, unallocatedFen: 0n });
    expect(paid.number).toMatch(/^PAY-\d{4}-\d{6}$/);
    expect([await settled(older.id), await settled(newer.id)]).toEqual([10_000n, 5_000n]);
    expect(await db.$count(paymentAllocations, eq(paymentAllocations.paymentId, paid.paymentId))).toBe(2);
  });

  it("takes explicit amounts and keeps the rest as credit only when asked", async () => {
    const org = await freshPartner("PAY-B");
    const a = await invoice(org, 10_000n, 40, 10);
    const b = await invoice(org, 20_000n, 20, -10);
    const input = { organizationId: org, receivedOn: today, method: "bank_transfer", amount: "500", allocations: [{ invoiceId: b.id, amount: "100" }, { invoiceId: a.id, amount: "" }] };
    const before = await db.$count(payments);
    await expectUnchanged(db, () => expectDomainError(recordPayment(finance, { ...input, _key: newKey() }), { fields: { keepRemainderAsCredit: ["billing.validation.remainderUnassigned"] } }));
    expect(await db.$count(payments)).toBe(before);
    const paid = await recordPayment(finance, { ...input, keepRemainderAsCredit: "on", _key: newKey() });
    expect(paid).toMatchObject({ allocatedFen: 10_000n, unallocatedFen: 40_000n });
    expect([await settled(a.id), await settled(b.id)]).toEqual([0n, 10_000n]);
    const position = await creditPosition(db, org);
    // open 10,000 + 10,000, less 40,000 of credit
    expect(position.openReceivablesFen).toBe(-20_000n);

    // the credit later settles the open invoices, oldest first
    const applied = await allocateCredit(finance, { organizationId: org, _key: newKey() });
    expect(applied).toEqual({ allocatedFen: 20_000n, remainingCreditFen: 20_000n });
    expect([await settled(a.id), await settled(b.id)]).toEqual([10_000n, 20_000n]);
    expect((await creditPosition(db, org)).openReceivablesFen).toBe(-20_000n);
  });

  it.each([
    ["zero", { amount: "0" }, { amount: ["billing.validation.amountPositive"] }],
    ["negative", { amount: "-5" }, { amount: ["validation.money"] }],
    ["three decimals", { amount: "1.001" }, { amount: ["validation.money"] }],
    ["over an invoice's outstanding", { amount: "200", allocations: "over" }, { "allocations.0.amount": ["billing.validation.moreThanOutstanding"] }],
    ["a date in the future", { receivedOn: addDays(today, 1) }, { receivedOn: ["stock.validation.futureDate"] }],
  ] as [string, Record<string, string>, Record<string, string[]>][])("refuses %s and changes nothing", async (_name, patch, fields) => {
    const org = await freshPartner(`PAY-X${_name.length}`);
    const inv = await invoice(org, 10_000n, 5, -25);
    const allocations = hasKey(patch, "allocations") ? [{ invoiceId: inv.id, amount: "100.01" }] : undefined;
    const before = [await db.$count(payments), await db.$count(paymentAllocations)];
    await expectUnchanged(db, () => expectDomainError(
      recordPayment(finance, { organizationId: org, receivedOn: today, method: "cash", amount: "50", keepRemainderAsCredit: true, ...patch, allocations, _key: newKey() }),
      { fields },
    ));
    expect([await db.$count(payments), await db.$count(paymentAllocations)]).toEqual(before);
    expect(await settled(inv.id)).toBe(0n);
  });

  it("needs payment:record and the same key replays the first payment", async () => {
    const org = await freshPartner("PAY-C");
    await invoice(org, 10_000n, 5, -25);
    const warehouse = await ctxOf(db, "warehouse@demo.cn");
    await expectUnchanged(db, () => expectDomainError(recordPayment(warehouse, { organizationId: org, receivedOn: today, method: "cash", amount: "10", _key: newKey() }), { code: "errors.forbidden" }));
    const input = { organizationId: org, receivedOn: today, method: "cash", amount: "10", _key: newKey() };
    const [one, two] = [await recordPayment(finance, input), await recordPayment(finance, input)];
    expect(two).toEqual(one);
    expect(await db.$count(payments, eq(payments.organizationId, org))).toBe(1);
  });
});

describe("createCreditNote", () => {
  it("settles the original invoice first and leaves the rest as credit", async () => {
    const org = await freshPartner("CN-A");
    const inv = await invoice(org, 11_300n, 5, -25);
    await recordPayment(finance, { organizationId: org, receivedOn: today, method: "cash", amount: "100", _key: newKey() });
    const note = await db.transaction((tx) =>
      createCreditNote(tx, finance.actor, { originalInvoiceId: inv.id, lines: [{ orderLineId: null, productId, quantity: 1, unitPriceFen: 5_650n }] }),
    );
    expect(note.number).toMatch(/^CN-/);
    expect([note.totalFen, note.taxFen, note.appliedFen, note.availableFen]).toEqual([5_650n, 650n, 1_300n, 4_350n]);
    expect(await settled(inv.id)).toBe(11_300n);
    // receivable: 0 open − 4,350 unapplied credit
    expect((await creditPosition(db, org)).openReceivablesFen).toBe(-4_350n);
    await expectUnchanged(db, () => expectDomainError(
      db.transaction((tx) => createCreditNote(tx, finance.actor, { originalInvoiceId: inv.id, lines: [{ orderLineId: null, productId, quantity: 1, unitPriceFen: 5_651n }] })),
      { fields: { lines: ["billing.validation.creditNoteTooLarge"] } },
    ));
  });
});

describe("creditPosition", () => {
  it("adds open receivables and unshipped orders (approved or waiting) against the limit", async () => {
    const org = await freshPartner("CP-A", 100_000n);
    await invoice(org, 30_000n, 5, -25);
    await stockUp(db, productId, "WH-BJ", 10);
    await createConfirmedOrder(db, { organizationId: org, lines: [{ productId, quantity: 2, unitPriceFen: 10_000n }] });
    await createConfirmedOrder(db, { organizationId: org, status: "pending_approval", lines: [{ productId, quantity: 1, unitPriceFen: 99_000n }] });
    await db.update(organizations).set({ creditHold: true, creditHoldReason: "90+" }).where(eq(organizations.id, org));
    expect(await creditPosition(db, org)).toEqual({
      limitFen: 100_000n,
      openReceivablesFen: 30_000n,
      openOrdersFen: 20_000n + 99_000n,
      availableFen: 100_000n - 30_000n - 119_000n,
      onHold: true,
      holdReason: "90+",
    });
  });
});

describe("receivablesAging", () => {
  it("puts open amounts in buckets by days past due, as of a date, per partner and per branch", async () => {
    const org = await freshPartner("AG-A");
    await invoice(org, 100n, 10, -5); // not due
    await invoice(org, 200n, 40, 0); // due today: not yet overdue
    await invoice(org, 300n, 40, 1); // 1 day
    await invoice(org, 400n, 60, 30); // 30 days
    await invoice(org, 500n, 70, 31); // 31
    await invoice(org, 600n, 100, 60);
    await invoice(org, 700n, 100, 61);
    await invoice(org, 800n, 120, 90);
    await invoice(org, 900n, 150, 91);
    const paidLater = await invoice(org, 1_000n, 150, 120);
    await recordPayment(finance, { organizationId: org, receivedOn: ago(1), method: "cash", amount: "10", allocations: [{ invoiceId: paidLater.id, amount: "10" }], _key: newKey() });
    await recordPayment(finance, { organizationId: org, receivedOn: ago(2), method: "cash", amount: "0.50", keepRemainderAsCredit: true, allocations: [], _key: newKey() });
    // ¥10 settled paidLater; the 50 fen went oldest first to the 900 (due 91 days ago)
    const page = await receivablesAging(finance, agingQuery.parse({ q: "AG-A" }));
    expect(page.rows).toHaveLength(1);
    expect(page.rows[0]).toMatchObject({ notDueFen: 300n, d0_30Fen: 700n, d31_60Fen: 1_100n, d61_90Fen: 1_500n, d90PlusFen: 850n, creditFen: 0n });
    expect(page.rows[0]!.balanceFen).toBe(300n + 700n + 1_100n + 1_500n + 850n);

    // three days ago neither payment had arrived, and each invoice was 3 days younger
    const before = await receivablesAging(finance, agingQuery.parse({ q: "AG-A", asOf: ago(3) }));
    expect(before.rows[0]).toMatchObject({ notDueFen: 100n + 200n + 300n, d0_30Fen: 400n + 500n, d31_60Fen: 600n + 700n, d61_90Fen: 800n + 900n, d90PlusFen: 1_000n });

    const branches = await receivablesAging(finance, agingQuery.parse({ by: "branch" }));
    expect(branches.rows.length).toBeGreaterThan(0);
    const dealerBranch = (await orgByCode(db, "DL-0001")).ownerBranchId;
    const mine = branches.rows.find((r) => r.id === dealerBranch)!;
    expect(mine.d90PlusFen).toBeGreaterThanOrEqual(850n);

    // a partner sees its own open items, with the figures staff see, and never another's
    const dealer = await ctxOf(db, "dealer@demo.cn");
    const dealerOrg = dealer.actor.organizationId!;
    await invoice(dealerOrg, 4_200n, 5, -25);
    const own = await receivablesAging(dealer, agingQuery.parse({}));
    expect(own.rows.map((r) => r.id)).toEqual([dealerOrg]);
    expect(own.rows[0]!.notDueFen).toBeGreaterThanOrEqual(4_200n);
    const staffView = await receivablesAging(finance, agingQuery.parse({ q: "DL-0001" }));
    expect(staffView.rows.find((r) => r.id === dealerOrg)).toEqual(own.rows[0]);
    const other = await ctxOf(db, "dealer2@demo.cn");
    const theirs = await expectUnchanged(db, () => receivablesAging(other, agingQuery.parse({ q: "DL-0001" })));
    // asked by the owner's code, the other partner gets no row and no totals that would leak its sums
    expect(theirs.rows).toEqual([]);
    expect(theirs.totals.balanceFen).toBe(0n);
  });
});

import { count, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { priceProtectionLines, priceProtections, rebateStatementLines, rebateStatements, stockMoves, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { addDays, shanghaiToday } from "../shared/dates";
import { applyMoves } from "../inventory/ledger";
import type { Ctx } from "../shared/context";
import { expectDomainError } from "@cs/testing/billing";
import { ctxOf, newKey, orgByCode, seedDemoData } from "@cs/testing/demo";
import { createTestProduct, locationIdOf } from "@cs/testing/inventory";
import { balanceOf } from "@cs/testing/rebate-balance";
import { approvePriceProtection, createPriceProtection, recomputePriceProtection } from "./price-protection";
import { getPriceProtection } from "./price-protection-queries";
import { partnerStockOnDate } from "./price-protection-stock";
import { settleStatement } from "./settle";
import { getRebateStatement } from "./statements-queries";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;
let finance: Ctx;
let sales: Ctx;
let productId: string;
let dl1: string;
let dl2: string;
const today = shanghaiToday();
const effective = addDays(today, -1);
let ref = 0;

/** A done move, dated `daysAgo` days back at noon Shanghai time. */
async function move(from: string, to: string, quantity: number, daysAgo: number) {
  const referenceId = `pp-test-${++ref}`;
  await applyMoves(db, null, [{ productId, quantity, fromLocationId: await locationIdOf(db, from), toLocationId: await locationIdOf(db, to), reason: "adjustment", referenceType: "test", referenceId }]);
  await db.update(stockMoves).set({ createdAt: new Date(`${addDays(today, -daysAgo)}T12:00:00+08:00`) }).where(eq(stockMoves.referenceId, referenceId));
}

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  finance = await ctxOf(db, "finance@demo.cn");
  sales = await ctxOf(db, "sales.bj@demo.cn");
  dl1 = (await orgByCode(db, "DL-0001")).id;
  dl2 = (await orgByCode(db, "DL-0002")).id;
  productId = await createTestProduct(db, "PP-NB-1");
  await move("SUPPLIER", "PV-DL-0001", 10, 5);
  await move("PV-DL-0001", "CUSTOMER", 3, 4); // sold before the date
  await move("SUPPLIER", "PC-DL-0001", 2, 3); // consignment counts too
  await move("PV-DL-0001", "PC-DL-0001", 1, 2); // between its own locations: nets to nothing
  await move("SUPPLIER", "PV-DL-0002", 4, 3);
  await move("PV-DL-0002", "CUSTOMER", 4, 0); // sold on the effective date's next day: still held on the date
  await move("SUPPLIER", "WH-BJ", 50, 5); // our own warehouse stock earns nothing
});

describe("partnerStockOnDate", () => {
  it("sums each partner's virtual and consignment stock from the ledger as it stood at the start of the date", async () => {
    expect(await partnerStockOnDate(db, productId, effective)).toEqual(
      [
        { organizationId: dl1, quantity: 9 },
        { organizationId: dl2, quantity: 4 },
      ].sort((a, b) => (a.organizationId < b.organizationId ? -1 : 1)),
    );
    expect(await partnerStockOnDate(db, productId, addDays(today, -4))).toEqual([{ organizationId: dl1, quantity: 10 }]);
    expect(await partnerStockOnDate(db, productId, addDays(today, 1))).toEqual([{ organizationId: dl1, quantity: 9 }]);
  });
});

describe("price protection", () => {
  const form = () => ({ _key: newKey(), product: "pp-nb-1", effectiveDate: effective, oldPrice: "100", newPrice: "90.50" });

  it("refuses a price that does not fall, a future date, an unknown product and staff without rebate:manage, writing nothing", async () => {
    const before = (await db.select({ n: count() }).from(priceProtections))[0]!.n;
    await expectUnchanged(db, () => expectDomainError(createPriceProtection(finance, { ...form(), newPrice: "100" }), { fields: { newPrice: ["priceProtection.errors.priceNotLower"] } }));
    await expectUnchanged(db, () => expectDomainError(createPriceProtection(finance, { ...form(), effectiveDate: addDays(today, 1) }), { fields: { effectiveDate: ["priceProtection.errors.futureDate"] } }));
    await expectUnchanged(db, () => expectDomainError(createPriceProtection(finance, { ...form(), product: "NO-SUCH-SKU" }), { fields: { product: ["priceProtection.errors.productUnknown"] } }));
    await expectUnchanged(db, () => expectDomainError(createPriceProtection(finance, { ...form(), oldPrice: "-1" }), { fields: { oldPrice: ["validation.money"] } }));
    await expectUnchanged(db, () => expectDomainError(createPriceProtection(sales, form()), { code: "errors.forbidden" }));
    expect((await db.select({ n: count() }).from(priceProtections))[0]!.n).toBe(before);
  });

  it("computes, recomputes while draft, approves once into approved statements that settle to the balance", async () => {
    const created = await createPriceProtection(finance, form());
    expect(created.number).toMatch(/^PP-\d{4}-\d{6}$/);
    let detail = await getPriceProtection(finance, created.id);
    expect(detail.lines.map((l) => [l.organizationId, l.quantity, l.unitCreditFen, l.amountFen])).toEqual(
      [
        [dl1, 9, 9_50n, 85_50n],
        [dl2, 4, 9_50n, 38_00n],
      ],
    );
    expect(detail.protection.totalFen).toBe(123_50n);

    await move("SUPPLIER", "PV-DL-0002", 2, 2); // a receipt posted late for before the date
    await recomputePriceProtection(finance, { id: created.id, version: detail.protection.version });
    detail = await getPriceProtection(finance, created.id);
    expect(detail.lines.find((l) => l.organizationId === dl2)?.quantity).toBe(6);
    await expectUnchanged(db, () => expectDomainError(recomputePriceProtection(finance, { id: created.id, version: 1 }), { code: "errors.staleEdit" }));

    await expectUnchanged(db, () => expectDomainError(approvePriceProtection(sales, { id: created.id }), { code: "errors.forbidden" }));
    expect(await approvePriceProtection(finance, { id: created.id })).toEqual({ statements: 2 });
    await expectUnchanged(db, () => expectDomainError(approvePriceProtection(finance, { id: created.id }), { code: "priceProtection.errors.alreadyApproved" }));
    await expectUnchanged(db, () => expectDomainError(recomputePriceProtection(finance, { id: created.id }), { code: "priceProtection.errors.notDraft" }));

    const statements = await db.select().from(rebateStatements).where(eq(rebateStatements.priceProtectionId, created.id));
    expect(statements.map((s) => [s.kind, s.status, s.organizationId, s.amountFen]).sort()).toEqual(
      [
        ["price_protection", "approved", dl1, 85_50n],
        ["price_protection", "approved", dl2, 57_00n],
      ].sort(),
    );
    expect(statements.every((s) => /^PPS-\d{4}-\d{6}$/.test(s.number))).toBe(true);
    const [line] = await db.select().from(rebateStatementLines).where(eq(rebateStatementLines.statementId, statements.find((s) => s.organizationId === dl1)!.id));
    expect(line).toMatchObject({ kind: "price_protection", amountFen: 85_50n, params: { sku: "PP-NB-1", quantity: 9, unitCreditFen: "950", effectiveDate: effective } });

    // published (the statements' own workflow), then settled to the same balance as rebates
    await db.update(rebateStatements).set({ status: "published" }).where(inArray(rebateStatements.id, statements.map((s) => s.id)));
    const own = statements.find((s) => s.organizationId === dl1)!;
    const before = await balanceOf(db, dl1);
    await settleStatement(finance, { statementId: own.id });
    expect(await balanceOf(db, dl1)).toBe(before + 85_50n);

    // the dealer reads its own statement; another partner gets not found
    const dealer = await ctxOf(db, "dealer@demo.cn");
    expect((await getRebateStatement(dealer, own.id)).priceProtection?.number).toBe(created.number);
    await expectUnchanged(db, async () => expectDomainError(getRebateStatement(await ctxOf(db, "dealer2@demo.cn"), own.id), { code: "errors.notFound" }));
  });

  it("cannot approve a protection that credits nobody", async () => {
    const lonely = await createTestProduct(db, "PP-NONE");
    const created = await createPriceProtection(finance, { ...form(), product: lonely });
    expect((await db.select({ n: count() }).from(priceProtectionLines).where(eq(priceProtectionLines.priceProtectionId, created.id)))[0]!.n).toBe(0);
    await expectUnchanged(db, () => expectDomainError(approvePriceProtection(finance, { id: created.id }), { code: "priceProtection.errors.nothingToApprove" }));
  });
});

import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { priceProtections, rebateStatements, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { ctxOf, orgByCode, seedDemoData } from "@cs/testing/demo";
import { balanceOf, ledgerConsistent } from "@cs/testing/rebate-balance";
import { ownRebateAccount } from "@cs/domain/rebates/balance-queries";
import { seedDemoPriceProtection } from "./price-protection";

let db: Database;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
});

describe("seedDemoPriceProtection", () => {
  it("gives the demo dealer a settled price-protection statement and a balance, once", async () => {
    const { settledFen } = await seedDemoPriceProtection(db);
    expect(settledFen > 0n).toBe(true);
    const dl1 = (await orgByCode(db, "DL-0001")).id;
    expect(await balanceOf(db, dl1)).toBe(settledFen);
    expect(await ledgerConsistent(db, dl1)).toBe(true);
    const account = await ownRebateAccount(await ctxOf(db, "dealer@demo.cn"), {});
    expect(account.ledger.rows.map((r) => r.kind)).toEqual(["statement_credit"]);
    const protections = await db.select().from(priceProtections).orderBy(priceProtections.number);
    expect(protections.map((p) => p.status)).toEqual(["approved", "draft"]);
    const statements = await db.select().from(rebateStatements).where(eq(rebateStatements.priceProtectionId, protections[0]!.id));
    expect(statements.find((s) => s.organizationId === dl1)?.status).toBe("settled");
    expect(statements.filter((s) => s.organizationId !== dl1).every((s) => s.status === "published")).toBe(true);
    expect(await seedDemoPriceProtection(db)).toEqual({ settledFen: 0n });
  });
});

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, invoices, payments, type Database } from "@cs/db";
import { testDatabaseUrl, testDb } from "../../../../tests/db";
import { ctxOf, newKey, orgByCode, seedDemoData } from "@cs/testing/demo";
import { createTestInvoice } from "@cs/testing/billing";
import { createProduct } from "@cs/testing/orders";
import { ValidationError } from "../shared/errors";
import { addDays, shanghaiToday } from "../shared/dates";
import { recordPayment } from "./payments";

let db: Database;
let pool: Database;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  pool = createDatabase(testDatabaseUrl(), { max: 8 });
});
afterAll(() => pool?.$client.end({ timeout: 5 }));

describe("recordPayment under concurrency", () => {
  it("never settles an invoice beyond its total when several payments race for it", async () => {
    const finance = { ...(await ctxOf(db, "finance@demo.cn")), db: pool };
    const org = (await orgByCode(db, "DL-0002")).id;
    const productId = await createProduct(db, "RACE-P", 10_000n);
    const today = shanghaiToday();
    const inv = await createTestInvoice(db, { organizationId: org, productId, totalFen: 10_000n, issuedOn: addDays(today, -3), dueOn: today });
    // eight payments of ¥40 each, all naming the same ¥100 invoice: only two fit entirely
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () =>
        recordPayment(finance, { organizationId: org, receivedOn: today, method: "bank_transfer", amount: "40", allocations: [{ invoiceId: inv.id, amount: "40" }], _key: newKey() }),
      ),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(2);
    for (const r of refused) expect(r.reason).toBeInstanceOf(ValidationError);
    const [row] = await db.select().from(invoices).where(eq(invoices.id, inv.id));
    expect(row!.settledFen).toBe(8_000n);
    expect(await db.$count(payments, eq(payments.organizationId, org))).toBe(2);
  });
});

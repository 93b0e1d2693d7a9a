import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { orderLines, orders, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { orgByCode, seedDemoData } from "@cs/testing/demo";
import { expectLedgerConsistent } from "@cs/testing/inventory";
import { creditExposure } from "@cs/domain/orders/credit";
import { seedDemoOrders } from "./orders";

let db: Database;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
});

it("gives DL-0001 orders in every state a visitor should see, once, with a consistent ledger", async () => {
  expect(await seedDemoOrders(db)).toEqual({ orders: 6 });
  const dl = await orgByCode(db, "DL-0001");
  const rows = await db.select({ status: orders.status, number: orders.number }).from(orders).where(eq(orders.organizationId, dl.id));
  expect(rows.map((r) => r.status).sort()).toEqual(["cancelled", "confirmed", "confirmed", "confirmed", "pending_approval", "rejected"]);
  expect(rows.every((r) => /^SO-\d{4}-\d{6}$/.test(r.number))).toBe(true);
  const lines = await db.select().from(orderLines).where(eq(orderLines.organizationId, dl.id));
  expect(lines.some((l) => l.quantityBackordered > 0)).toBe(true);
  // What is left open fits the credit limit, so the dealer can go on ordering in the demo.
  expect(await creditExposure(db, dl.id)).toBeLessThan(dl.creditLimitFen);
  await expectLedgerConsistent(db);
  expect(await seedDemoOrders(db)).toEqual({ orders: 0 });
});

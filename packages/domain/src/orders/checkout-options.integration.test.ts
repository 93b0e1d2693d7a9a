import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { addresses, organizations, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { ctxOf, orgByCode, seedDemoData } from "@cs/testing/demo";
import { createTestProduct } from "@cs/testing/inventory";
import { createConfirmedOrder } from "@cs/testing/orders";
import { checkoutOptions } from "./checkout-options";
import { creditExposure } from "./credit";

let db: Database;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
});

describe("checkoutOptions", () => {
  it("gives the buyer its own addresses and its credit as the order check sees it; an open order uses exactly its value", async () => {
    const ctx = await ctxOf(db, "buyer@demo.cn");
    const orgId = ctx.actor.organizationId!;
    const before = await checkoutOptions(ctx);
    const org = await orgByCode(db, "DL-0001");
    expect(org.id).toBe(orgId);
    expect(before.credit).toEqual({ limitFen: org.creditLimitFen, usedFen: await creditExposure(db, orgId), availableFen: org.creditLimitFen - (await creditExposure(db, orgId)), onHold: org.creditHold });
    const own = await db.select({ id: addresses.id }).from(addresses).where(eq(addresses.organizationId, orgId));
    expect(before.addresses.map((a) => a.id).sort()).toEqual(own.map((a) => a.id).sort());

    const productId = await createTestProduct(db, "CHK-CREDIT");
    await createConfirmedOrder(db, { organizationId: orgId, lines: [{ productId, quantity: 3, unitPriceFen: 1_000n }], warehouseCodes: [] });
    await db.update(organizations).set({ creditHold: true }).where(eq(organizations.id, orgId));
    const after = await checkoutOptions(ctx);
    expect(after.credit.usedFen).toBe(before.credit.usedFen + 3_000n);
    expect(after.credit.availableFen).toBe(before.credit.availableFen - 3_000n);
    expect(after.credit.onHold).toBe(true);
  });
});

import { and, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { cartItems, notifications, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { ctxOf, orgByCode, seedDemoData, userIdOf } from "@cs/testing/demo";
import { createTestProduct } from "@cs/testing/inventory";
import { headerCounts } from "./inbox";

let db: Database;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
});

describe("headerCounts", () => {
  it("gives a buyer its own unread notices and cart lines, another dealer none of them, staff no cart", async () => {
    const buyer = await ctxOf(db, "buyer@demo.cn");
    const buyerId = await userIdOf(db, "buyer@demo.cn");
    const dealer = await orgByCode(db, "DL-0001");
    const [p1, p2] = [await createTestProduct(db, "HC-1"), await createTestProduct(db, "HC-2")];
    await db.delete(cartItems).where(eq(cartItems.userId, buyerId));
    await db.insert(cartItems).values([p1, p2].map((productId) => ({ userId: buyerId, organizationId: dealer.id, productId, quantity: 3, seenUnitPriceFen: 100n })));
    await db.insert(notifications).values({ userId: buyerId, kind: "order.shipped", entityType: "order", entityId: dealer.id, params: {} });
    const unread = await db.$count(notifications, and(eq(notifications.userId, buyerId), isNull(notifications.readAt)));
    expect(await headerCounts(buyer)).toEqual({ unread, cartLines: 2 });

    // another dealer's admin: its own (empty) cart, not the buyer's
    expect((await headerCounts(await ctxOf(db, "dealer2@demo.cn"))).cartLines).toBe(0);
    // staff and end customers have no cart
    expect((await headerCounts(await ctxOf(db, "orderdesk@demo.cn"))).cartLines).toBeNull();
    expect((await headerCounts(await ctxOf(db, "customer@demo.cn"))).cartLines).toBeNull();
  });
});

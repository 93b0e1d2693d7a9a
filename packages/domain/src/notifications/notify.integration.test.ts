import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { emailOutbox, notifications, orders, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { orgByCode, seedDemoData, userIdOf } from "@cs/testing/demo";
import { notify, notifyOrderEvent } from "./notify";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;
let orderId: string;
const ids: Record<string, string> = {};

const noticesOf = async (entityId: string) =>
  (await db.select().from(notifications).where(eq(notifications.entityId, entityId))).map((n) => ({ userId: n.userId, kind: n.kind, params: n.params }));
const mailsOf = async (entityId: string) =>
  (await db.select().from(emailOutbox)).filter((m) => (m.params as { entityId?: string }).entityId === entityId).map((m) => [m.toAddress, m.template, m.locale, m.status]);

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  for (const login of ["dealer@demo.cn", "buyer@demo.cn", "orderdesk@demo.cn", "dealer2@demo.cn", "sales.bj@demo.cn"]) ids[login] = await userIdOf(db, login);
  const dl = await orgByCode(db, "DL-0001");
  const [o] = await db
    .insert(orders)
    .values({ number: "SO-NOTIFY-1", organizationId: dl.id, ownerBranchId: dl.ownerBranchId, status: "submitted", shipTo: {}, totalFen: 100n, taxFen: 12n })
    .returning({ id: orders.id });
  orderId = o!.id;
});

describe("notifyOrderEvent", () => {
  it("tells the buyer's users and the branch's order desk, not the actor, with an e-mail each", async () => {
    await db.transaction((tx) => notifyOrderEvent(tx, { orderId, event: "submitted", actorId: ids["buyer@demo.cn"]! }));
    const notices = await noticesOf(orderId);
    expect(notices.map((n) => n.userId).sort()).toEqual([ids["dealer@demo.cn"], ids["orderdesk@demo.cn"]].sort());
    expect(notices[0]).toMatchObject({ kind: "order.submitted", params: { number: "SO-NOTIFY-1", event: "submitted", entityType: "order", entityId: orderId } });
    expect((await mailsOf(orderId)).sort()).toEqual([
      ["dealer@demo.cn", "order.submitted", "zh-CN", "pending"],
      ["orderdesk@demo.cn", "order.submitted", "zh-CN", "pending"],
    ]);
  });

  it("writes nothing when the transaction rolls back", async () => {
    const before = (await noticesOf(orderId)).length;
    await expectUnchanged(db, async () => expect(
      db.transaction(async (tx) => {
        await notifyOrderEvent(tx, { orderId, event: "approved", actorId: null });
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback"));
    expect((await noticesOf(orderId)).length).toBe(before);
  });
});

describe("notify", () => {
  it("reaches partner users by permission and staff by branch role, once each", async () => {
    const dl = await orgByCode(db, "DL-0001");
    const entityId = "11111111-2222-3333-4444-555555555555";
    await db.transaction((tx) =>
      notify(tx, {
        audiences: [
          { organizationId: dl.id, permission: "own_return:request" },
          { branchId: dl.ownerBranchId, roles: ["order_desk", "sales"] },
          { userIds: [ids["orderdesk@demo.cn"]!] },
        ],
        kind: "return.approved",
        entityType: "return",
        entityId,
        params: { number: "RMA-1" },
        exceptUserId: ids["dealer@demo.cn"],
      }),
    );
    const notices = await noticesOf(entityId);
    // dealer excluded as the actor; dealer2 (other tenant) never; sales.bj is DL-0001's branch sales;
    // sales.net, Beijing sales limited to networking (DL-0001 is not of it), may not see the account: left out
    expect(notices.map((n) => n.userId).sort()).toEqual([ids["buyer@demo.cn"], ids["orderdesk@demo.cn"], ids["sales.bj@demo.cn"]].sort());
    expect(notices[0]!.params).toMatchObject({ number: "RMA-1", entityType: "return", entityId });
    expect((await mailsOf(entityId)).length).toBe(3);
  });
});

describe("the inbox", () => {
  it("lists, counts and marks read only the actor's own notices", async () => {
    const { actorOf } = await import("@cs/testing/demo");
    const { listNotifications, markAllNotificationsRead, markNotificationRead, notificationListQuery, headerCounts } = await import("./inbox");
    const desk = { db, actor: await actorOf(db, "orderdesk@demo.cn") };
    const dealer = { db, actor: await actorOf(db, "dealer@demo.cn") };
    const q = notificationListQuery.parse({});
    const unread = (await headerCounts(desk)).unread;
    expect(unread).toBeGreaterThan(0);
    const { rows } = await listNotifications(desk, q);
    expect(rows.every((r) => r.readAt === null)).toBe(true);
    // another user's notice: nothing happens
    expect(await markNotificationRead(dealer, { id: rows[0]!.id })).toEqual({ updated: 0 });
    expect(await markNotificationRead(desk, { id: rows[0]!.id })).toEqual({ updated: 1 });
    expect(await markNotificationRead(desk, { id: rows[0]!.id })).toEqual({ updated: 0 });
    expect((await headerCounts(desk)).unread).toBe(unread - 1);
    expect((await listNotifications(desk, notificationListQuery.parse({ unread: "1" }))).total).toBe(unread - 1);
    await expectUnchanged(db, () => expect(markNotificationRead(desk, { id: "1; drop" })).rejects.toThrow());
    const dealerUnread = (await headerCounts(dealer)).unread;
    expect(await markAllNotificationsRead(desk, { upTo: rows[0]!.id })).toEqual({ updated: unread - 1 });
    expect((await headerCounts(desk)).unread).toBe(0);
    expect((await headerCounts(dealer)).unread).toBe(dealerUnread);
  });
});

import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { notifications, type Database } from "@cs/db";
import type { Ctx } from "@cs/domain";
import { ctxOf, seedDemoData } from "@cs/testing/demo";
import { expectUnchanged } from "@cs/testing/unchanged";
import { testDb } from "../../../tests/db";
import { outcome } from "../../../tests/route-outcome";
import { headerCountsFor, notificationsAction, notificationsLoader } from "./notifications.server";

/** The notifications page both apps serve: its loader, its mark-read action and the bell's count. */

let db: Database;
let dealer: Ctx;
let desk: Ctx;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  [dealer, desk] = (await Promise.all(["dealer@demo.cn", "orderdesk@demo.cn"].map((login) => ctxOf(db, login)))) as [Ctx, Ctx];
});

/** `count` unread notices of the user, oldest first. */
async function notify(ctx: Ctx, count: number) {
  const rows = await db
    .insert(notifications)
    .values(Array.from({ length: count }, (_, i) => ({ userId: ctx.actor.userId, kind: "order.approved", entityType: "order", entityId: `SO-T-${i}` })))
    .returning({ id: notifications.id });
  return rows.map((r) => r.id);
}

const post = (entries: readonly (readonly [string, string])[]) => {
  const body = new FormData();
  for (const [k, v] of entries) body.append(k, v);
  return new Request("http://portal.test/notifications", { method: "POST", body });
};

const unreadOf = async (ids: bigint[]) => (await db.select().from(notifications).where(inArray(notifications.id, ids))).filter((n) => n.readAt === null).map((n) => n.id);

describe("notifications", () => {
  it("marks one of the user's notices read, and the bell counts one fewer", async () => {
    const ids = await notify(dealer, 2);
    const before = (await headerCountsFor(dealer)).unread;
    const answer = await outcome(notificationsAction(dealer, post([["id", String(ids[0])]])));
    expect(answer).toMatchObject({ status: 302, location: "/notifications?done=marked" });
    expect(await unreadOf(ids)).toEqual([ids[1]]);
    expect((await headerCountsFor(dealer)).unread).toBe(before - 1);
  });

  it("marks all up to the newest the page showed; one that came later stays unread", async () => {
    const shown = await notify(dealer, 3);
    const later = await notify(dealer, 1);
    await outcome(notificationsAction(dealer, post([["intent", "markAll"], ["upTo", String(shown[2])]])));
    expect(await unreadOf([...shown, ...later])).toEqual(later);
  });

  it("changes nothing when a user marks another user's notice", async () => {
    const theirs = await notify(desk, 1);
    await expectUnchanged(db, () => outcome(notificationsAction(dealer, post([["id", String(theirs[0])]]))));
    expect(await unreadOf(theirs)).toEqual(theirs);
  });

  it.each([["id", "1 or 1=1"], ["id", "-1"], ["upTo", "all"]])("refuses %s=%j with the field's error and changes nothing", async (field, value) => {
    await notify(dealer, 1);
    const intent: [string, string][] = field === "upTo" ? [["intent", "markAll"]] : [];
    const answer = await expectUnchanged(db, () => outcome(notificationsAction(dealer, post([...intent, [field, value]]))));
    expect(answer).toMatchObject({ thrown: false, status: 400, data: { error: { [field]: ["validation.invalid"] } } });
  });

  it.each(["__proto__", "constructor"])("refuses a field named %s with 400 and marks nothing", async (name) => {
    const ids = await notify(dealer, 1);
    const answer = await expectUnchanged(db, () => outcome(notificationsAction(dealer, post([["intent", "markAll"], [name, "1"]]))));
    expect(answer).toMatchObject({ thrown: true, status: 400, data: { messageKey: "errors.fieldName" } });
    expect(await unreadOf(ids)).toEqual(ids);
  });

  it("lists only the user's own notices, unread ones only when asked", async () => {
    const mine = await notify(dealer, 2);
    await notify(desk, 1);
    await db.update(notifications).set({ readAt: new Date() }).where(eq(notifications.id, mine[0]!));
    const all = await notificationsLoader(dealer, new Request("http://portal.test/notifications?size=100"));
    const own = (await db.select({ id: notifications.id }).from(notifications).where(eq(notifications.userId, dealer.actor.userId))).length;
    expect(all.page.total).toBe(own);
    expect(all.page.rows.map((r) => String(r.id))).toEqual(expect.arrayContaining(mine.map(String)));
    const unread = await notificationsLoader(dealer, new Request("http://portal.test/notifications?size=100&unread=1&done=marked"));
    expect(unread.marked).toBe(true);
    expect(unread.page.rows.map((r) => String(r.id))).not.toContain(String(mine[0]));
    expect(unread.page.rows.map((r) => String(r.id))).toContain(String(mine[1]));
    expect(unread.page.total).toBe((await db.select().from(notifications).where(eq(notifications.userId, dealer.actor.userId))).filter((n) => n.readAt === null).length);
  });
});

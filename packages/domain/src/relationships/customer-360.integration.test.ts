import { count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { activities, organizations, payments, type Database } from "@cs/db";
import { STAR_DEALER } from "@cs/seed";
import { testDb } from "../../../../tests/db";
import { agingOfPartner } from "../billing/aging";
import type { Ctx } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { shanghaiToday } from "../shared/dates";
import { ctxOf, newKey, orgByCode, seedDemoData } from "@cs/testing/demo";
import { logActivity } from "./activities";
import { customer360 } from "./customer-360";

let db: Database;
let star: typeof organizations.$inferSelect;
let own: Ctx;
let other: Ctx;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  star = await orgByCode(db, STAR_DEALER);
  const bj = (await orgByCode(db, "BJ")).id;
  // The salesperson of the star dealer's branch, and the one of the other branch.
  [own, other] = star.ownerBranchId === bj
    ? [await ctxOf(db, "sales.bj@demo.cn"), await ctxOf(db, "sales.sh@demo.cn")]
    : [await ctxOf(db, "sales.sh@demo.cn"), await ctxOf(db, "sales.bj@demo.cn")];
});

describe("customer360", () => {
  it("summarises the account from each area's own queries and merges the timeline without copying events", async () => {
    await logActivity(own, star.id, { _key: newKey(), kind: "meeting", summary: "季度业务回顾" });
    const [{ n: before }] = (await db.select({ n: count() }).from(activities).where(eq(activities.organizationId, star.id))) as [{ n: number }];
    const view = await customer360(own, star.id);
    expect(view.organization.id).toBe(star.id);
    expect(view.may).toMatchObject({ invoices: true, orders: true });
    // Credit and aging are the finance area's figures, not a second calculation.
    expect(view.aging).toEqual(await agingOfPartner(db, own.actor, star.id, shanghaiToday()));
    expect(view.credit!.limitFen).toBe(star.creditLimitFen);
    const [{ n: paid }] = (await db.select({ n: count() }).from(payments).where(eq(payments.organizationId, star.id))) as [{ n: number }];
    expect(paid).toBeGreaterThan(0);

    const kinds = new Set(view.timeline.map((e) => e.kind));
    expect(kinds.has("activity")).toBe(true);
    expect(kinds.has("payment")).toBe(true);
    const [{ n: ordered }] = (await db.execute<{ n: number }>(sql`select count(*)::int as n from orders where organization_id = ${star.id}`)) as unknown as [{ n: number }];
    expect(view.orders.total).toBe(ordered);
    if (ordered > 0) expect(kinds.has("order")).toBe(true);
    const times = view.timeline.map((e) => new Date(e.at).getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(view.timeline.length).toBeLessThanOrEqual(30);
    expect(view.activities[0]!.summary).toBe("季度业务回顾");
    // Reading the page wrote nothing into the contact history.
    const [{ n: after }] = (await db.select({ n: count() }).from(activities).where(eq(activities.organizationId, star.id))) as [{ n: number }];
    expect(after).toBe(before);
  });

  it("answers not found for another branch's account and for partners, whatever the id", async () => {
    await expect(customer360(other, star.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(customer360(await ctxOf(db, "star@demo.cn"), star.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(customer360(own, "00000000-0000-4000-8000-000000000000")).rejects.toBeInstanceOf(NotFoundError);
    await expect(customer360(own, "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("shows each area only to roles that may read it", async () => {
    const warehouse = await ctxOf(db, "warehouse@demo.cn");
    const bjOrg = (await db.select().from(organizations).where(eq(organizations.ownerBranchId, (await orgByCode(db, "BJ")).id)).limit(2))[1]!;
    const view = await customer360(warehouse, bjOrg.id);
    expect(view.may).toEqual({ invoices: true, orders: true, rebates: false, service: false });
    expect(view.rebateBalanceFen).toBeNull();
    expect(view.repairs).toEqual({ recent: [], open: 0 });
    expect(view.timeline.every((e) => e.kind !== "repair")).toBe(true);
    const finance = await customer360(await ctxOf(db, "finance@demo.cn"), star.id);
    expect(finance.rebateBalanceFen).not.toBeNull();
  });
});

import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { endCustomers, orders, repairRequests, withSessionSettings, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { inTransaction, type Ctx } from "../shared/context";
import { ctxOf, orgByCode, seedDemoData } from "@cs/testing/demo";
import { createConfirmedOrder, createProduct } from "@cs/testing/orders";
import { loadBusinessCalendar } from "../service/calendar/load";
import { PORTAL_ROLE, tenantCtx } from "./tenant";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;
let dealerA: Ctx;
let dealerB: Ctx;
let a: string;
let b: string;

/** What a route that forgot its scope would run: every order, as raw SQL. */
const unscopedOrgs = async (ctx: Ctx) => (await ctx.db.execute<{ organization_id: string }>(sql`select * from orders`)).map((r) => r.organization_id);

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  a = (await orgByCode(db, "DL-0001")).id;
  b = (await orgByCode(db, "DL-0002")).id;
  const productId = await createProduct(db, "RLS-1", 100_00n);
  for (const organizationId of [a, b, a, b])
    await createConfirmedOrder(db, { organizationId, lines: [{ productId, quantity: 1, unitPriceFen: 100_00n }], warehouseCodes: [] });
  dealerA = tenantCtx(db, (await ctxOf(db, "buyer@demo.cn")).actor);
  dealerB = tenantCtx(db, (await ctxOf(db, "dealer2@demo.cn")).actor);
});

describe("row-level security for the portal", () => {
  it("shows an unscoped query only the tenant's own orders, in and outside a transaction", async () => {
    const all = (await db.execute<{ organization_id: string }>(sql`select organization_id from orders`)).map((r) => r.organization_id);
    expect(new Set(all)).toEqual(new Set([...new Set(all)].filter(Boolean)));
    expect(all.filter((o) => o === a).length).toBeGreaterThanOrEqual(2);
    expect(all.filter((o) => o === b).length).toBeGreaterThanOrEqual(2);

    const seenA = await unscopedOrgs(dealerA);
    expect(seenA.length).toBe(all.filter((o) => o === a).length);
    expect(new Set(seenA)).toEqual(new Set([a]));
    const seenB = await inTransaction(dealerB, (_tx, ctx) => unscopedOrgs(ctx));
    expect(seenB.length).toBe(all.filter((o) => o === b).length);
    expect(new Set(seenB)).toEqual(new Set([b]));
    // the query builder goes through the same handle
    const built = await dealerA.db.select({ org: orders.organizationId }).from(orders);
    expect(new Set(built.map((r) => r.org))).toEqual(new Set([a]));
  });

  it("shows nothing when no tenant is set", async () => {
    const anonymous = withSessionSettings(db, { role: PORTAL_ROLE, values: {} });
    const [row] = await anonymous.execute<{ n: number; who: string }>(sql`select count(*)::int as n, current_user as who from orders`);
    expect(row).toEqual({ n: 0, who: PORTAL_ROLE });
    const [repairs] = await anonymous.execute<{ n: number }>(sql`select count(*)::int as n from repair_requests`);
    expect(repairs!.n).toBe(0);
  });

  it("refuses to insert a row for another tenant and changes nothing", async () => {
    const before = await db.select({ id: orders.id }).from(orders);
    const [template] = await db.select().from(orders).where(eq(orders.organizationId, b)).limit(1);
    const { id: _id, ...copy } = template!;
    await expectUnchanged(db, () => expect(dealerA.db.insert(orders).values({ ...copy, number: "SO-RLS-FOREIGN" })).rejects.toMatchObject({
      cause: expect.objectContaining({ code: "42501" }),
    }));
    expect(await db.select({ id: orders.id }).from(orders)).toHaveLength(before.length);
  });

  it("updates none of another tenant's rows", async () => {
    const [foreign] = await db.select().from(orders).where(eq(orders.organizationId, b)).limit(1);
    const changed = await dealerA.db.update(orders).set({ notes: "hijacked" }).where(eq(orders.id, foreign!.id)).returning({ id: orders.id });
    expect(changed).toEqual([]);
    const [after] = await db.select().from(orders).where(eq(orders.id, foreign!.id));
    expect(after).toEqual(foreign);
    // nor may an own row be handed to another tenant
    const [own] = await db.select().from(orders).where(eq(orders.organizationId, a)).limit(1);
    await expectUnchanged(db, () => expect(dealerA.db.update(orders).set({ organizationId: b }).where(eq(orders.id, own!.id))).rejects.toMatchObject({
      cause: expect.objectContaining({ code: "42501" }),
    }));
    const [ownAfter] = await db.select().from(orders).where(eq(orders.id, own!.id));
    expect(ownAfter).toEqual(own);
  });

  it("leaves the pool's connections as they were: staff and the back-office see every tenant", async () => {
    await Promise.all(Array.from({ length: 8 }, () => unscopedOrgs(dealerA)));
    const staff = tenantCtx(db, (await ctxOf(db, "admin@demo.cn")).actor);
    for (let i = 0; i < 8; i++) {
      const [row] = await staff.db.execute<{ who: string; orgs: string | null }>(
        sql`select current_user as who, current_setting('app.organization_id', true) as orgs`,
      );
      expect(row!.who).not.toBe(PORTAL_ROLE);
      expect(row!.orgs ?? "").toBe("");
    }
    const seen = new Set(await unscopedOrgs(staff));
    expect(seen.has(a) && seen.has(b)).toBe(true);
  });

  it("shows an end customer only its own repair requests", async () => {
    const customer = tenantCtx(db, (await ctxOf(db, "customer@demo.cn")).actor);
    const [other] = await db.insert(endCustomers).values({ name: "另一位客户" }).returning({ id: endCustomers.id });
    const [template] = await db.select().from(repairRequests).limit(1);
    const { id: _id, ...copy } = template!;
    await db.insert(repairRequests).values({ ...copy, number: "RMA-RLS-OTHER", endCustomerId: other!.id, organizationId: null, stationId: null });
    const all = await db.select({ endCustomerId: repairRequests.endCustomerId }).from(repairRequests);
    const mine = all.filter((r) => r.endCustomerId === customer.actor.endCustomerId);
    expect(all.length).toBeGreaterThan(mine.length);
    const seen = await customer.db.execute<{ end_customer_id: string }>(sql`select * from repair_requests`);
    expect(seen.map((r) => r.end_customer_id)).toEqual(mine.map((r) => r.endCustomerId));
    expect(await unscopedOrgs(customer)).toEqual([]);
  });

  it("shares the pool's per-pool caches across requests (one calendar read and LISTEN, not one per request)", async () => {
    const first = loadBusinessCalendar(tenantCtx(db, dealerA.actor).db);
    expect(loadBusinessCalendar(tenantCtx(db, dealerA.actor).db)).toBe(first);
    expect(loadBusinessCalendar(tenantCtx(db, dealerB.actor).db)).toBe(first);
    await first;
  });
});

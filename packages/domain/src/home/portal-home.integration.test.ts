import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { cartItems, invoices, orders, rebateBalances, repairRequests, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { ctxOf, newKey, orgByCode, seedDemoData, userIdOf } from "@cs/testing/demo";
import { customerDevice, repairAt, serviceCast } from "@cs/testing/service";
import { submitClaim } from "../service/claims";
import { listRepairRequests, repairListQuery } from "../service/lists";
import { createTestInvoice } from "@cs/testing/billing";
import { createTestProduct } from "@cs/testing/inventory";
import { openStatuses } from "../orders/queues";
import { createConfirmedOrder } from "@cs/testing/orders";
import { openRepairStatuses } from "../service/workflow";
import { addDays, shanghaiToday } from "../shared/dates";
import { portalHome } from "./portal-home";

let db: Database;
let productId: string;
const today = shanghaiToday();

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  productId = await createTestProduct(db, "HOME-P");
});

/** The same figures as the home page claims, computed here straight from the tables. */
async function expected(orgId: string) {
  const open = await db
    .select({ dueOn: invoices.dueOn, fen: sql<string>`(${invoices.totalFen} - ${invoices.settledFen})::text` })
    .from(invoices)
    .where(and(eq(invoices.organizationId, orgId), eq(invoices.kind, "invoice"), sql`${invoices.settledFen} < ${invoices.totalFen}`));
  const overdue = open.filter((i) => i.dueOn < today);
  const soon = open.filter((i) => i.dueOn >= today && i.dueOn <= addDays(today, 7));
  const sum = (rows: { fen: string }[]) => rows.reduce((s, r) => s + BigInt(r.fen), 0n);
  const byStatus = await db.select({ status: orders.status }).from(orders).where(and(eq(orders.organizationId, orgId), inArray(orders.status, [...openStatuses])));
  return {
    overdue: { count: overdue.length, fen: sum(overdue) },
    dueSoon: { count: soon.length, fen: sum(soon) },
    orders: Object.fromEntries(openStatuses.map((s) => [s, byStatus.filter((o) => o.status === s).length])),
  };
}

describe("portalHome", () => {
  it("shows a dealer admin its own credit, invoices by due date, open orders, rebate balance and repairs, as the tables hold them", async () => {
    const dealer = await orgByCode(db, "DL-0001");
    const ctx = await ctxOf(db, "dealer@demo.cn");
    for (const status of ["pending_approval", "confirmed", "confirmed", "shipped"] as const)
      await createConfirmedOrder(db, { organizationId: dealer.id, status, lines: [{ productId, quantity: 1, unitPriceFen: 10_000n }], warehouseCodes: [] });
    const before = await portalHome(ctx);
    const want = await expected(dealer.id);
    expect(before.organization).toMatchObject({ id: dealer.id, name: dealer.name });
    expect(before.invoices).toMatchObject({ overdue: want.overdue, dueSoon: want.dueSoon });
    expect(before.orders).toEqual(want.orders);
    expect(before.orders!.confirmed).toBeGreaterThanOrEqual(2);
    expect(before.credit!.limitFen).toBe(dealer.creditLimitFen);
    const [balance] = await db.select({ fen: rebateBalances.balanceFen }).from(rebateBalances).where(eq(rebateBalances.organizationId, dealer.id));
    expect(before.rebateBalanceFen).toBe(balance?.fen ?? 0n);
    const [repairs] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(repairRequests)
      .where(and(eq(repairRequests.organizationId, dealer.id), inArray(repairRequests.status, [...openRepairStatuses])));
    expect(before.repairs!.open).toBe(repairs!.n);
    expect(before.recentOrders.length).toBeGreaterThan(0);
    for (const o of before.recentOrders) {
      const [row] = await db.select({ organizationId: orders.organizationId }).from(orders).where(eq(orders.id, o.id));
      expect(row!.organizationId).toBe(dealer.id);
    }

    // An invoice 10 days overdue and one due in 3 days move exactly those figures.
    await createTestInvoice(db, { organizationId: dealer.id, productId, totalFen: 12_345n, issuedOn: addDays(today, -40), dueOn: addDays(today, -10) });
    await createTestInvoice(db, { organizationId: dealer.id, productId, totalFen: 6_789n, issuedOn: addDays(today, -27), dueOn: addDays(today, 3) });
    const after = await portalHome(ctx);
    expect(after.invoices!.overdue).toEqual({ count: before.invoices!.overdue.count + 1, fen: before.invoices!.overdue.fen + 12_345n });
    expect(after.invoices!.dueSoon).toEqual({ count: before.invoices!.dueSoon.count + 1, fen: before.invoices!.dueSoon.fen + 6_789n });
    expect(after.credit!.openReceivablesFen).toBe(before.credit!.openReceivablesFen + 12_345n + 6_789n);
  });

  it("counts the buyer's own cart and shows it no account figures it may not open", async () => {
    const ctx = await ctxOf(db, "buyer@demo.cn");
    const buyerId = await userIdOf(db, "buyer@demo.cn");
    await db.insert(cartItems).values({ userId: buyerId, organizationId: ctx.actor.organizationId!, productId, quantity: 4, seenUnitPriceFen: 1_000n, seenAvailable: 10 }).onConflictDoNothing();
    const [cart] = await db
      .select({ lines: sql<number>`count(*)::int`, units: sql<number>`sum(${cartItems.quantity})::int` })
      .from(cartItems)
      .where(eq(cartItems.userId, buyerId));
    const home = await portalHome(ctx);
    expect(home.cart).toEqual({ lines: cart!.lines, units: cart!.units });
    expect(home.credit).toBeNull();
    expect(home.invoices).toBeNull();
    expect(home.orders).not.toBeNull();
  });

  it("never mixes in another partner's figures", async () => {
    const other = await orgByCode(db, "DL-0001");
    const ctx = await ctxOf(db, "dealer2@demo.cn");
    const home = await portalHome(ctx);
    expect(home.organization!.id).not.toBe(other.id);
    const want = await expected(ctx.actor.organizationId!);
    expect(home.invoices).toMatchObject({ overdue: want.overdue, dueSoon: want.dueSoon });
    expect(home.orders).toEqual(want.orders);
    for (const o of home.recentOrders) {
      const [row] = await db.select({ organizationId: orders.organizationId }).from(orders).where(eq(orders.id, o.id));
      expect(row!.organizationId).toBe(ctx.actor.organizationId);
    }
  });

  it("gives a master distributor its supply queues and a station its open repairs with SLA breaches", async () => {
    const master = await portalHome(await ctxOf(db, "master@demo.cn"));
    expect(master.supplied).not.toBeNull();
    const station = await ctxOf(db, "station@demo.cn");
    const home = await portalHome(station);
    const [row] = await db
      .select({ open: sql<number>`count(*)::int`, breached: sql<number>`count(*) filter (where ${repairRequests.slaDueAt} < now())::int` })
      .from(repairRequests)
      .where(and(eq(repairRequests.stationId, station.actor.organizationId!), inArray(repairRequests.status, [...openRepairStatuses])));
    expect(home.repairs).toEqual({ open: row!.open, breached: row!.breached });
    expect(home.credit).toBeNull();
    expect(home.orders).toBeNull();
  });

  it("tells a station admin how many in-warranty repairs wait for a claim, one more when a repair is done, one fewer once claimed; the list filter shows exactly those", async () => {
    const cast = await serviceCast(db);
    const store = { dir: await mkdtemp(path.join(tmpdir(), "home-claims-")) };
    try {
      const claimable = async () =>
        (await listRepairRequests(cast.station, repairListQuery.parse({ claimable: "1", size: "100" }))).rows.map((r) => r.id).sort();
      const before = await portalHome(cast.station);
      expect(before.claimsToFile).toBe((await claimable()).length);
      const deviceId = await customerDevice(cast, store, "ZZ-HOME-CLAIM-1");
      const requestId = await repairAt(cast, store, deviceId, "ready", { inWarranty: true });
      expect((await portalHome(cast.station)).claimsToFile).toBe(before.claimsToFile! + 1);
      expect(await claimable()).toContain(requestId);
      // the technician does not file claims, so its home does not count them
      expect((await portalHome(cast.tech)).claimsToFile).toBeNull();
      await submitClaim(cast.station, { _key: newKey(), requestId, labourYuan: "80" });
      expect((await portalHome(cast.station)).claimsToFile).toBe(before.claimsToFile);
      expect(await claimable()).not.toContain(requestId);
    } finally {
      await rm(store.dir, { recursive: true, force: true });
    }
  });

  it("gives an end customer only its own open repairs, and staff nothing", async () => {
    const customer = await ctxOf(db, "customer@demo.cn");
    const home = await portalHome(customer);
    const [row] = await db
      .select({ open: sql<number>`count(*)::int` })
      .from(repairRequests)
      .where(and(eq(repairRequests.endCustomerId, customer.actor.endCustomerId!), inArray(repairRequests.status, [...openRepairStatuses])));
    expect(home).toMatchObject({ organization: null, credit: null, orders: null, promotions: [], repairs: { open: row!.open } });
    expect(await portalHome(await ctxOf(db, "finance@demo.cn"))).toMatchObject({ organization: null, credit: null, orders: null, repairs: null, promotions: [] });
  });
});

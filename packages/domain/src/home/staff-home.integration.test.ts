import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { campaigns, divisions, fundApplications, fundClaims, organizations, paymentNotices, repairRequests, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { ctxOf, newKey, orgByCode, seedDemoData } from "@cs/testing/demo";
import { notifyPayment } from "../billing/payment-notices";
import { applyForFunds } from "../marketing/funds";
import { createBudgetPool } from "../marketing/pools";
import { quarterOf } from "../marketing/quarter";
import { createTestInvoice } from "@cs/testing/billing";
import { createTestProduct } from "@cs/testing/inventory";
import { createConfirmedOrder } from "@cs/testing/orders";
import { countOrderQueues } from "../orders/queues";
import { openRepairStatuses } from "../service/workflow";
import { shanghaiToday } from "../shared/dates";
import { splitVat } from "../billing/vat";
import { staffHome } from "./staff-home";

let db: Database;
let productId: string;
const today = shanghaiToday();

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  productId = await createTestProduct(db, "SHOME-P");
});

describe("staffHome", () => {
  it("gives the order desk its order queues and returns, and no finance, rebate or service figures", async () => {
    const desk = await ctxOf(db, "orderdesk@demo.cn");
    const dealer = await orgByCode(db, "DL-0001");
    await createConfirmedOrder(db, { organizationId: dealer.id, status: "pending_approval", lines: [{ productId, quantity: 1, unitPriceFen: 5_000n }], warehouseCodes: [] });
    const home = await staffHome(desk);
    expect(home.orders).toEqual(await countOrderQueues(desk));
    expect(home.orders!.pending_approval).toBeGreaterThan(0);
    expect(home.returns).not.toBeNull();
    expect(home).toMatchObject({ rebates: null, service: null, receivables: null, sales: null });
  });

  it("shows finance the overdue receivables, credit holds and this month's net sales, which move by exactly a new invoice", async () => {
    const finance = await ctxOf(db, "finance@demo.cn");
    const before = await staffHome(finance);
    const [holds] = await db.select({ n: sql<number>`count(*)::int` }).from(organizations).where(eq(organizations.creditHold, true));
    expect(before.receivables!.onHold).toBe(holds!.n);
    expect(before.rebates).not.toBeNull();
    // Finance approves orders and stock documents but does not work the desk's or the warehouse's queues.
    expect(Object.keys(before.orders!)).toEqual(["pending_approval"]);
    expect(Object.keys(before.stock!)).toEqual(["pendingApproval"]);
    const dealer = await orgByCode(db, "DL-0001");
    await createTestInvoice(db, { organizationId: dealer.id, productId, totalFen: 11_300n, issuedOn: today, dueOn: today });
    const overdueInvoice = await createTestInvoice(db, { organizationId: dealer.id, productId, totalFen: 22_600n, issuedOn: "2020-01-01", dueOn: "2020-01-31" });
    const after = await staffHome(finance);
    expect(after.sales!.thisMonthFen).toBe(before.sales!.thisMonthFen + splitVat(11_300n).netFen);
    expect(after.sales!.lastMonthFen).toBe(before.sales!.lastMonthFen);
    expect(after.receivables!.d90PlusFen).toBe(before.receivables!.d90PlusFen + overdueInvoice.totalFen);
    expect(after.receivables!.overdueFen).toBe(before.receivables!.overdueFen + overdueInvoice.totalFen);
  });

  it("gives the service desk its open, breached and unassigned repairs as the table holds them", async () => {
    const home = await staffHome(await ctxOf(db, "service@demo.cn"));
    const [row] = await db
      .select({
        open: sql<number>`count(*)::int`,
        breached: sql<number>`count(*) filter (where ${repairRequests.slaDueAt} < now())::int`,
        unassigned: sql<number>`count(*) filter (where ${repairRequests.stationId} is null)::int`,
      })
      .from(repairRequests)
      .where(and(inArray(repairRequests.status, [...openRepairStatuses])));
    expect(home.service).toMatchObject({ open: row!.open, breached: row!.breached, unassigned: row!.unassigned });
    expect(home).toMatchObject({ orders: null, receivables: null, sales: null });
  });

  it("gives the warehouse its stock queues and nothing for a partner", async () => {
    const home = await staffHome(await ctxOf(db, "warehouse@demo.cn"));
    expect(home.stock).not.toBeNull();
    expect(Object.keys(home.stock!).sort()).toEqual(["callOffs", "inTransit", "low", "pendingApproval", "receipts", "stocktakes"]);
    expect(home.orders).toBeNull();
    expect(home.service).toBeNull();
    expect(home.myDay).toBeNull();
    expect(await staffHome(await ctxOf(db, "dealer@demo.cn"))).toEqual({ myDay: null, orders: null, stock: null, receivables: null, paymentNotices: null, marketing: null, returns: null, rebates: null, service: null, sales: null });
  });

  it("gives a salesperson my day: tasks due today and overdue, and owned accounts without contact for 30 days", async () => {
    const home = await staffHome(await ctxOf(db, "sales.bj@demo.cn"));
    expect(home.myDay).toEqual({ today: 0, overdue: 0, dormant: 0, next: [] });
  });

  it("gives finance the payment notices waiting for it, which move by exactly a new one, and the order desk none", async () => {
    const finance = await ctxOf(db, "finance@demo.cn");
    const before = (await staffHome(finance)).paymentNotices!;
    const [row] = await db
      .select({ n: sql<number>`count(*)::int`, fen: sql<string>`coalesce(sum(${paymentNotices.amountFen}), 0)::text` })
      .from(paymentNotices)
      .where(eq(paymentNotices.status, "pending"));
    expect(before).toEqual({ count: row!.n, amountFen: BigInt(row!.fen) });
    const store = { dir: await mkdtemp(path.join(tmpdir(), "home-notices-")) };
    try {
      const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
      await notifyPayment(await ctxOf(db, "dealer@demo.cn"), { _key: newKey(), amount: "500", paidOn: today, reference: "工行回单 HOME" }, [{ name: "回单.png", bytes: png }], store);
    } finally {
      await rm(store.dir, { recursive: true, force: true });
    }
    expect((await staffHome(finance)).paymentNotices).toEqual({ count: before.count + 1, amountFen: before.amountFen + 50_000n });
    expect((await staffHome(await ctxOf(db, "orderdesk@demo.cn"))).paymentNotices).toBeNull();
  });

  it("gives marketing and management the campaigns, fund applications and claims waiting for a decision; finance (read only) none", async () => {
    const marketing = await ctxOf(db, "marketing@demo.cn");
    const counts = () =>
      db
        .select({
          campaigns: sql<number>`(select count(*)::int from ${campaigns} where ${campaigns.status} = 'draft')`,
          applications: sql<number>`(select count(*)::int from ${fundApplications} where ${fundApplications.status} = 'submitted')`,
          claims: sql<number>`(select count(*)::int from ${fundClaims} where ${fundClaims.status} = 'submitted')`,
        })
        .from(sql`(select 1) as one`)
        .then((r) => r[0]!);
    const before = await counts();
    expect((await staffHome(marketing)).marketing).toEqual(before);
    const dealer = await orgByCode(db, "DL-0001");
    const [division] = await db.select({ id: divisions.id }).from(divisions).orderBy(divisions.code).limit(1);
    await createBudgetPool(marketing, { _key: newKey(), divisionId: division!.id, branchId: dealer.ownerBranchId!, quarter: quarterOf(today), planned: "10,000" });
    await applyForFunds(await ctxOf(db, "dealer@demo.cn"), { _key: newKey(), divisionId: division!.id, activity: "门店开业", startsOn: today, endsOn: today, amount: "1,000", expectedResult: "10 条线索" });
    // both work in all branches, so they see every row
    const after = { ...before, applications: before.applications + 1 };
    expect(await counts()).toEqual(after);
    expect((await staffHome(marketing)).marketing).toEqual(after);
    expect((await staffHome(await ctxOf(db, "manager@demo.cn"))).marketing).toEqual(after);
    expect((await staffHome(await ctxOf(db, "finance@demo.cn"))).marketing).toBeNull();
  });
});

import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { organizations, repairRequests, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { ctxOf, orgByCode, seedDemoData } from "../testing/demo";
import { createTestInvoice } from "../testing/billing";
import { createTestProduct } from "../testing/inventory";
import { createConfirmedOrder } from "../testing/orders";
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
    expect(await staffHome(await ctxOf(db, "dealer@demo.cn"))).toEqual({ myDay: null, orders: null, stock: null, receivables: null, returns: null, rebates: null, service: null, sales: null });
  });

  it("gives a salesperson my day: tasks due today and overdue, and owned accounts without contact for 30 days", async () => {
    const home = await staffHome(await ctxOf(db, "sales.bj@demo.cn"));
    expect(home.myDay).toEqual({ today: 0, overdue: 0, dormant: 0, next: [] });
  });
});

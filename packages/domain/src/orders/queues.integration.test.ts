import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { DISTRIBUTOR_OWNER, orderLines, orders, organizations, type Database, type OrderStatus } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { addDays, shanghaiToday } from "../shared/dates";
import type { Ctx } from "../shared/context";
import { ctxOf, orgByCode, seedDemoData } from "@cs/testing/demo";
import { countOrderQueues, listOrderQueue, orderQueueQuery } from "./queues";

let db: Database;
let desk: Ctx;
let admin: Ctx;
let dealer: Ctx;
let stocked: string;
let empty: string;
const ids: Record<string, string> = {};
let seq = 0;

type LineSpec = { productId?: string; reserved?: number; backordered?: number; shipped?: number };

/** An order row as the orders area would leave it (the queues only read them). */
async function order(
  name: string,
  buyerCode: string,
  status: OrderStatus,
  options: { lines?: LineSpec[]; requestedDate?: string; submittedAt?: Date } = {},
) {
  const buyer = await orgByCode(db, buyerCode);
  seq += 1;
  const [o] = await db
    .insert(orders)
    .values({
      number: `SO-QUEUE-${String(seq).padStart(4, "0")}`,
      organizationId: buyer.id,
      ownerBranchId: buyer.ownerBranchId,
      status,
      shipTo: {},
      totalFen: 10_000n,
      taxFen: 1_150n,
      requestedDate: options.requestedDate ?? null,
      submittedAt: options.submittedAt ?? new Date(Date.UTC(2026, 0, 1) + seq * 3_600_000),
    })
    .returning({ id: orders.id });
  ids[name] = o!.id;
  let lineNo = 0;
  for (const l of options.lines ?? [{}]) {
    lineNo += 1;
    const reserved = l.reserved ?? 0;
    const backordered = l.backordered ?? 0;
    const shipped = l.shipped ?? 0;
    await db.insert(orderLines).values({
      orderId: o!.id,
      organizationId: buyer.id,
      lineNo,
      productId: l.productId ?? stocked,
      quantity: Math.max(1, reserved + backordered + shipped),
      listPriceFen: 10_000n,
      unitPriceFen: 10_000n,
      priceRule: "list",
      priceReason: {},
      lineTotalFen: 10_000n,
      taxFen: 1_150n,
      quantityReserved: reserved,
      quantityBackordered: backordered,
      quantityShipped: shipped,
    });
  }
}

const q = (raw: Record<string, string>) => orderQueueQuery.parse(raw);
const numbersOf = async (ctx: Ctx, raw: Record<string, string>) => {
  const page = await listOrderQueue(ctx, q(raw));
  const byId = new Map(Object.entries(ids).map(([k, v]) => [v, k]));
  return page.rows.map((r) => byId.get(r.id));
};

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  desk = await ctxOf(db, "orderdesk@demo.cn");
  admin = await ctxOf(db, "admin@demo.cn");
  dealer = await ctxOf(db, "dealer@demo.cn");
  const [free] = await db.execute<{ product_id: string }>(sql`
    select s.product_id from stock_levels s join stock_locations l on l.id = s.location_id
     where s.owner_id = ${DISTRIBUTOR_OWNER} and l.kind = 'warehouse' and s.on_hand - s.reserved > 5
     order by s.product_id limit 1`);
  const [none] = await db.execute<{ id: string }>(sql`
    select p.id from products p where not exists (
      select 1 from stock_levels s where s.product_id = p.id and s.on_hand > s.reserved) order by p.id limit 1`);
  stocked = free!.product_id;
  empty = none!.id;
  const [gzDealer] = await db
    .select({ code: organizations.code })
    .from(organizations)
    .innerJoin(sql`organizations br`, sql`br.id = ${organizations.ownerBranchId} and br.code = 'GZ'`)
    .where(and(eq(organizations.kind, "dealer"), eq(organizations.status, "active")))
    .orderBy(organizations.code)
    .limit(1);
  const past = addDays(shanghaiToday(), -3);
  const future = addDays(shanghaiToday(), 10);
  await order("pending", "DL-0001", "pending_approval");
  await order("pendingGz", gzDealer!.code, "pending_approval");
  await order("submitted", "DL-0002", "submitted", { requestedDate: future });
  await order("toShip", "DL-0001", "confirmed", { lines: [{ reserved: 3 }] });
  await order("allocatable", "DL-0002", "partially_shipped", { lines: [{ shipped: 1, backordered: 2 }] });
  await order("stuck", "DL-0001", "confirmed", { lines: [{ productId: empty, backordered: 4 }] });
  await order("late", "DL-0001", "confirmed", { requestedDate: past, lines: [{ reserved: 1 }, { productId: empty, backordered: 1 }] });
  await order("lateButShipped", "DL-0001", "shipped", { requestedDate: past, lines: [{ shipped: 2 }] });
  await order("done", "DL-0002", "completed", { lines: [{ shipped: 1 }] });
});

describe("listOrderQueue", () => {
  it.each([
    ["pending_approval", ["pending"]],
    ["to_ship", ["late", "toShip"]],
    ["backorders", ["late", "stuck", "allocatable"]],
    ["to_allocate", ["allocatable"]],
    ["overdue", ["late"]],
    ["all", ["done", "lateButShipped", "late", "stuck", "allocatable", "toShip", "submitted", "pending"]],
  ])("the %s queue holds the desk's orders that belong there, newest first", async (queue, expected) => {
    expect(await numbersOf(desk, { queue })).toEqual(expected);
  });

  it("keeps another branch's orders out of a branch-bound desk, not out of the admin's", async () => {
    expect(await numbersOf(admin, { queue: "pending_approval" })).toEqual(["pendingGz", "pending"]);
  });

  it("shows a dealer only its own organization's orders", async () => {
    expect(await numbersOf(dealer, { queue: "all" })).toEqual(["lateButShipped", "late", "stuck", "toShip", "pending"]);
  });

  it("filters by status, branch, buyer search and submission dates", async () => {
    expect(await numbersOf(desk, { queue: "all", status: "confirmed" })).toEqual(["late", "stuck", "toShip"]);
    const dl2 = await orgByCode(db, "DL-0002");
    const gz = await orgByCode(db, "GZ");
    expect(await numbersOf(admin, { queue: "pending_approval", branch: gz.id })).toEqual(["pendingGz"]);
    expect(await numbersOf(desk, { queue: "pending_approval", branch: gz.id })).toEqual([]);
    expect(await numbersOf(desk, { queue: "all", q: dl2.code.toLowerCase() })).toEqual(["done", "allocatable", "submitted"]);
    expect(await numbersOf(desk, { queue: "all", q: dl2.name.slice(0, 4) })).toEqual(["done", "allocatable", "submitted"]);
    expect(await numbersOf(desk, { queue: "all", q: "so-queue-0004" })).toEqual(["toShip"]);
    // seq n is submitted at 2026-01-01 00:00Z + n hours = 08:00 + n hours in Shanghai; the nine orders all fall on Jan 1
    expect(await numbersOf(desk, { queue: "all", from: "2026-01-01", to: "2026-01-01" })).toHaveLength(8);
    expect(await numbersOf(desk, { queue: "all", from: "2026-01-02" })).toEqual([]);
  });

  it("pages in SQL with the total and sorts oldest first on request", async () => {
    const first = await listOrderQueue(desk, q({ queue: "all", size: "10", dir: "asc" }));
    expect(first.total).toBe(8);
    expect(first.rows[0]!.id).toBe(ids.pending);
    const page = await listOrderQueue(desk, q({ queue: "all", size: "10", page: "2" }));
    expect(page).toMatchObject({ total: 8, page: 2, rows: [] });
  });

  it("adds each order's line quantities", async () => {
    const page = await listOrderQueue(desk, q({ queue: "overdue" }));
    expect(page.rows[0]).toMatchObject({ lines: 2, reserved: 1, backordered: 1, shipped: 0, buyerCode: "DL-0001" });
  });
});

describe("countOrderQueues", () => {
  it("counts each working queue in the actor's scope", async () => {
    expect(await countOrderQueues(desk)).toEqual({ pending_approval: 1, to_allocate: 1, backorders: 3, to_ship: 2, overdue: 1 });
    expect((await countOrderQueues(admin)).pending_approval).toBe(2);
  });
});

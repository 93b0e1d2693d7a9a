import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, orderLines, orders, stockLevels, stockReservations, supplyRoutes, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { shipOrder } from "../billing/ship";
import type { Ctx } from "../shared/context";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../shared/errors";
import { ctxOf, newKey, orgByCode, seedDemoData } from "@cs/testing/demo";
import { orderQueueQuery } from "../orders/queues";
import { confirmSuppliedOrder, getSuppliedOrder, listSuppliedOrders } from "./fulfil";
import { createSupplyRoute, deleteSupplyRoute, listSupplyRoutes, supplyRouteOptions } from "./routes";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;
let admin: Ctx;
let master: Ctx;
let dealer: Ctx;
let md: { id: string };
let pv: string;
let owned: { productId: string; free: number };
let missing: string;
let buyer: { id: string; ownerBranchId: string | null };
let seq = 0;

async function suppliedOrder(lines: { productId: string; backordered: number }[]) {
  seq += 1;
  const [o] = await db
    .insert(orders)
    .values({ number: `SO-SUP-${seq}`, organizationId: buyer.id, ownerBranchId: buyer.ownerBranchId, supplierId: md.id, status: "confirmed", shipTo: {}, totalFen: 100n, taxFen: 12n })
    .returning();
  await db.insert(orderLines).values(
    lines.map((l, i) => ({
      orderId: o!.id,
      organizationId: buyer.id,
      lineNo: i + 1,
      productId: l.productId,
      quantity: l.backordered,
      listPriceFen: 100n,
      unitPriceFen: 100n,
      priceRule: "list",
      priceReason: {},
      lineTotalFen: 100n * BigInt(l.backordered),
      taxFen: 0n,
      quantityBackordered: l.backordered,
    })),
  );
  return o!;
}

const level = async (productId: string) =>
  (await db.select().from(stockLevels).where(and(eq(stockLevels.locationId, pv), eq(stockLevels.ownerId, md.id), eq(stockLevels.productId, productId))))[0]!;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  admin = await ctxOf(db, "admin@demo.cn");
  master = await ctxOf(db, "master@demo.cn");
  dealer = await ctxOf(db, "dealer2@demo.cn");
  md = await orgByCode(db, "MD-001");
  const [loc] = await db.execute<{ id: string }>(sql`select id from stock_locations where organization_id = ${md.id} and kind = 'partner_virtual'`);
  pv = loc!.id;
  const [s] = await db.execute<{ product_id: string; free: number }>(sql`
    select product_id, on_hand - reserved as free from stock_levels where location_id = ${pv} and owner_id = ${md.id} and on_hand - reserved >= 2
     order by product_id limit 1`);
  owned = { productId: s!.product_id, free: Number(s!.free) };
  const [m] = await db.execute<{ id: string }>(sql`
    select id from products p where not exists (select 1 from stock_levels s where s.product_id = p.id and s.owner_id = ${md.id}) order by id limit 1`);
  missing = m!.id;
  const [child] = await db.execute<{ id: string; owner_branch_id: string | null }>(sql`
    select id, owner_branch_id from organizations where parent_id = ${md.id} order by code limit 1`);
  buyer = { id: child!.id, ownerBranchId: child!.owner_branch_id };
});

describe("supply routes", () => {
  it("creates a route once per master distributor and division, audited and idempotent per key", async () => {
    const { divisions } = await supplyRouteOptions(admin);
    const input = { supplierId: md.id, divisionId: divisions[0]!.id, _key: newKey() };
    const first = await createSupplyRoute(admin, input);
    expect(await createSupplyRoute(admin, input)).toEqual(first);
    await expectUnchanged(db, () => expect(createSupplyRoute(admin, { ...input, _key: newKey() })).rejects.toMatchObject({ fieldErrors: { divisionId: ["supply.errors.routeExists"] } }));
    const rows = await listSupplyRoutes(admin);
    // the demo seed's MD-001 × SRV route, and the new one
    expect(rows.map((r) => [r.supplierCode, r.divisionCode])).toEqual([["MD-001", divisions[0]!.code], ["MD-001", "SRV"]]);
    const audits = await db.select().from(auditLog).where(eq(auditLog.entityId, first.id));
    expect(audits.map((a) => a.action)).toEqual(["create"]);
    expect(await deleteSupplyRoute(admin, { id: first.id })).toEqual({ deleted: true });
    expect(await deleteSupplyRoute(admin, { id: first.id })).toEqual({ deleted: false });
    expect((await db.select().from(supplyRoutes)).map((r) => r.id)).not.toContain(first.id);
  });

  it("refuses a supplier that is not a master distributor, and staff without supply_route:manage", async () => {
    const { divisions } = await supplyRouteOptions(admin);
    const dl = await orgByCode(db, "DL-0001");
    await expectUnchanged(db, () => expect(createSupplyRoute(admin, { supplierId: dl.id, divisionId: divisions[0]!.id, _key: newKey() })).rejects.toMatchObject({
      fieldErrors: { supplierId: ["supply.errors.notMasterDistributor"] },
    }));
    await expectUnchanged(db, () => expect(createSupplyRoute(admin, { supplierId: "x", divisionId: divisions[0]!.id, _key: newKey() })).rejects.toBeInstanceOf(ValidationError));
    const desk = await ctxOf(db, "orderdesk@demo.cn");
    await expectUnchanged(db, () => expect(createSupplyRoute(desk, { supplierId: md.id, divisionId: divisions[0]!.id, _key: newKey() })).rejects.toBeInstanceOf(ForbiddenError));
  });
});

describe("master distributor fulfilment", () => {
  it("confirms a supplied order from its own virtual stock, keeps the rest backordered, and a retry changes nothing", async () => {
    const order = await suppliedOrder([
      { productId: owned.productId, backordered: owned.free + 3 },
      { productId: missing, backordered: 2 },
    ]);
    const before = await level(owned.productId);
    const key = newKey();
    const result = await confirmSuppliedOrder(master, { orderId: order.id, version: order.version, _key: key });
    expect(result).toMatchObject({ reserved: owned.free, backordered: 5, cancelled: 0 });
    expect(await confirmSuppliedOrder(master, { orderId: order.id, version: order.version, _key: key })).toEqual(result);
    const after = await level(owned.productId);
    expect(after.reserved - before.reserved).toBe(owned.free);
    const held = await db.select().from(stockReservations).where(eq(stockReservations.referenceId, order.id));
    expect(held.map((h) => [h.locationId, h.ownerId, h.quantity])).toEqual([[pv, md.id, owned.free]]);
    const lines = await db.select().from(orderLines).where(eq(orderLines.orderId, order.id)).orderBy(orderLines.lineNo);
    expect(lines.map((l) => [l.quantityReserved, l.quantityBackordered])).toEqual([[owned.free, 3], [0, 2]]);
    await expectUnchanged(db, () => expect(confirmSuppliedOrder(master, { orderId: order.id, version: order.version, _key: newKey() })).rejects.toBeInstanceOf(ConflictError));

    const page = await listSuppliedOrders(master, orderQueueQuery.parse({ queue: "to_ship" }));
    expect(page.page.rows.map((r) => r.id)).toContain(order.id);
    expect(page.counts.to_ship).toBeGreaterThanOrEqual(1);
    const detail = await getSuppliedOrder(master, order.id);
    expect(detail.locations.map((l) => l.id)).toEqual([pv]);
    expect(detail.freeByProduct[owned.productId]).toBe(0);

    // ships what it reserved from its own location, through the billing area's shipOrder
    const shipped = await shipOrder(master, {
      orderId: order.id,
      fromLocationId: pv,
      carrier: "顺丰",
      trackingNumber: "SF100",
      lines: [{ orderLineId: lines[0]!.id, quantity: 1 }],
      _key: newKey(),
    });
    expect(shipped).toBeTruthy();
    expect((await level(owned.productId)).onHand).toBe(after.onHand - 1);
  });

  it("answers not found to another partner and to a distributor order", async () => {
    const order = await suppliedOrder([{ productId: owned.productId, backordered: 1 }]);
    await expectUnchanged(db, () => expect(confirmSuppliedOrder(dealer, { orderId: order.id, version: 1, _key: newKey() })).rejects.toBeInstanceOf(NotFoundError));
    await expectUnchanged(db, () => expect(getSuppliedOrder(dealer, order.id)).rejects.toBeInstanceOf(NotFoundError));
    await db.update(orders).set({ supplierId: null }).where(eq(orders.id, order.id));
    await expectUnchanged(db, () => expect(confirmSuppliedOrder(master, { orderId: order.id, version: 1, _key: newKey() })).rejects.toBeInstanceOf(NotFoundError));
  });
});

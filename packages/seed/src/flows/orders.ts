import { and, asc, eq, gt, sql } from "drizzle-orm";
import { addresses, DISTRIBUTOR_OWNER, orders, organizations, products, stockLevels, users, type Database } from "@cs/db";
import { warehousesServing } from "@cs/domain/inventory/availability";
import { resolvePrices } from "@cs/domain/pricing/resolve";
import type { Ctx } from "@cs/domain/shared/context";
import { loadActor } from "@cs/domain/users/actor";
import { approveOrder } from "@cs/domain/orders/approve-order";
import { cancelOrder } from "@cs/domain/orders/cancel-order";
import { creditExposure } from "@cs/domain/orders/credit";
import { editOrder } from "@cs/domain/orders/edit-order";
import { rejectOrder } from "@cs/domain/orders/reject-order";
import { submitOrder } from "@cs/domain/orders/submit-order";

async function ctxFor(db: Database, login: string): Promise<Ctx> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.login, login));
  const actor = user ? await loadActor(db, user.id) : null;
  if (!actor) throw new Error(`demo orders: no active user ${login}`);
  return { db, actor };
}

/**
 * Demo orders for DL-0001 in the states a visitor should see (confirmed with a backorder; over the
 * credit limit, cut down by the desk with a discount and approved or still waiting; rejected;
 * cancelled), placed, edited and decided through
 * the order domain itself so prices, reservations, numbers and timelines are what the real flow
 * makes. Runs once, right after the demo seed; a database that already has orders is left alone.
 */
export async function seedDemoOrders(db: Database): Promise<{ orders: number }> {
  const [{ n } = { n: 0 }] = await db.execute<{ n: number }>(sql`select count(*)::int as n from orders`);
  if (Number(n) > 0) return { orders: 0 };
  const [buyer, desk, manager] = await Promise.all([ctxFor(db, "buyer@demo.cn"), ctxFor(db, "orderdesk@demo.cn"), ctxFor(db, "manager@demo.cn")]);
  const orgId = buyer.actor.organizationId!;
  const [org] = await db.select().from(organizations).where(eq(organizations.id, orgId));
  const [address] = await db.select().from(addresses).where(eq(addresses.organizationId, orgId)).orderBy(asc(addresses.label)).limit(1);
  if (!org || !address) throw new Error("demo orders: DL-0001 or its address is missing");
  const serving = await warehousesServing(db, org.ownerBranchId);
  const warehouse = serving[0];
  if (!warehouse) throw new Error("demo orders: no warehouse serves DL-0001");

  // Serial-free products the buyer's branch warehouse holds, most stocked first.
  const stocked = await db
    .select({ id: products.id, free: sql<number>`(${stockLevels.onHand} - ${stockLevels.reserved})::int` })
    .from(stockLevels)
    .innerJoin(products, eq(products.id, stockLevels.productId))
    .where(and(eq(stockLevels.locationId, warehouse), eq(stockLevels.ownerId, DISTRIBUTOR_OWNER), eq(products.active, true), eq(products.serialized, false), gt(stockLevels.onHand, stockLevels.reserved)))
    .orderBy(sql`${stockLevels.onHand} - ${stockLevels.reserved} desc`, asc(products.sku))
    .limit(12);
  if (stocked.length < 8) throw new Error("demo orders: too few stocked products");
  const p = stocked.map((s) => s.id);
  // A product with only a few units left in the serving warehouses, to show a backorder.
  const [scarce] = await db.execute<{ id: string; free: number }>(sql`
    select s.product_id as id, sum(s.on_hand - s.reserved)::int as free
      from stock_levels s join products p on p.id = s.product_id and p.active and not p.serialized
     where s.owner_id = ${DISTRIBUTOR_OWNER}::uuid and s.location_id = any(${`{${serving.join(",")}}`}::uuid[])
     group by s.product_id having sum(s.on_hand - s.reserved) between 1 and 200
     order by min(p.list_price_fen), s.product_id limit 1`);
  const place = (key: string, lines: { productId: string; quantity: number }[], extra: Record<string, string> = {}) =>
    submitOrder(buyer, { _key: `demo-order-${key}`, shipToAddressId: address.id, lines, ...extra }).then((r) => r.orders[0]!);

  await place("confirmed", [
    { productId: p[0]!, quantity: 5 },
    { productId: p[1]!, quantity: 2 },
    // More than the serving warehouses hold: the rest waits as a backorder.
    ...(scarce ? [{ productId: scarce.id, quantity: Number(scarce.free) + 5 }] : []),
  ], { poNumber: "PO-DL1-2026-031", notes: "请在工作日送货，收货前电话联系。" });

  await place("second", [
    { productId: p[6]!, quantity: 10 },
    { productId: p[7]!, quantity: 4 },
  ], { poNumber: "PO-DL1-2026-032" });

  // An order beyond the remaining credit waits for approval (赊销).
  const overCredit = async (key: string, productId: string) => {
    const headroom = org.creditLimitFen - (await creditExposure(db, orgId));
    // Volume breaks lower the unit price as the quantity grows: re-price until the total is over.
    let quantity = 1;
    for (let i = 0; i < 5; i++) {
      const unit = (await resolvePrices(db, { organizationId: orgId, lines: [{ productId, quantity }] })).get(productId)!.unitPriceFen;
      if (unit * BigInt(quantity) > headroom) break;
      quantity = Math.min(99_999, Number(headroom / unit) + 1);
    }
    return place(key, [{ productId, quantity }], { poNumber: `PO-DL1-2026-${key.toUpperCase()}` });
  };
  // The desk cuts an over-credit order down with a discount beyond its own limit (5%): it now
  // waits for a manager because of the discount, and holds little of the buyer's credit.
  const cutDown = async (key: string, productId: string, comment: string) => {
    const placed = await overCredit(key, productId);
    const [row] = await db.select({ version: orders.version }).from(orders).where(eq(orders.id, placed.id));
    await editOrder(desk, { orderId: placed.id, version: row!.version, lines: [{ productId, quantity: 20, discountBp: 800 }], comment });
    return placed;
  };
  const approved = await cutDown("approve", p[3]!, "与客户确认：先订 20 件，给予 8% 项目折扣。");
  await approveOrder(manager, { orderId: approved.id, comment: "项目单，同意 8% 折扣。" });
  await cutDown("wait", p[2]!, "超出信用额度，客户同意减量；申请 8% 折扣。");
  const rejected = await overCredit("reject", p[4]!);
  await rejectOrder(desk, { orderId: rejected.id, comment: "超出信用额度较多，请先安排回款后再下单。" });

  const cancelled = await place("cancel", [{ productId: p[5]!, quantity: 3 }], { poNumber: "PO-DL1-2026-029" });
  await cancelOrder(desk, { orderId: cancelled.id, comment: "客户来电：型号选错，取消重下。" });
  return { orders: 6 };
}

import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { divisions, orders, productLines, products, stockValuations, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { marginBp } from "../billing/cost";
import { splitVat } from "../billing/vat";
import { resolvePrices } from "../pricing/resolve";
import { setMarginFloor } from "../products/product-lines";
import type { Ctx } from "../shared/context";
import { ValidationError } from "../shared/errors";
import { ctxOf, newKey, seedDemoData } from "@cs/testing/demo";
import { readyBuyer, receive } from "@cs/testing/ordering";
import { getDeskOrder } from "./desk-order";
import { editOrder } from "./edit-order";
import { submitOrder } from "./submit-order";

let db: Database;
let buyer: Ctx;
let manager: Ctx;
let desk: Ctx;
let setup: Awaited<ReturnType<typeof readyBuyer>>;
let lineId: string;
let productId: string;
/** The margin (bp) one unit of the product sells at to the buyer, computed here from price and cost. */
let actualBp: number;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  setup = await readyBuyer(db, "DL-0001");
  [buyer, manager, desk] = await Promise.all([ctxOf(db, "buyer@demo.cn"), ctxOf(db, "manager@demo.cn"), ctxOf(db, "orderdesk@demo.cn")]);
  const [division] = await db.select().from(divisions).limit(1);
  const [line] = await db.insert(productLines).values({ divisionId: division!.id, code: "FLOOR-T", nameZh: "底线测试", nameEn: "Floor test" }).returning();
  lineId = line!.id;
  const [product] = await db
    .insert(products)
    .values({ productLineId: lineId, sku: "FLOOR-1", nameZh: "底线测试品", nameEn: "Floor product", listPriceFen: 100_00n, costFen: 80_00n })
    .returning();
  productId = product!.id;
  await receive(db, productId, setup.warehouses[0]!, 100);
  const price = (await resolvePrices(db, { organizationId: setup.org.id, lines: [{ productId, quantity: 2 }] })).get(productId)!;
  const [valuation] = await db.select().from(stockValuations).where(eq(stockValuations.productId, productId));
  const net = splitVat(price.unitPriceFen * 2n).netFen;
  actualBp = marginBp(net - valuation!.averageCostFen * 2n, net)!;
  expect(actualBp).toBeGreaterThan(0);
});

const order = (quantity = 2) => submitOrder(buyer, { _key: newKey(), shipToAddressId: setup.addressId, lines: [{ productId, quantity }] });
const statusOf = async (id: string) => (await db.select().from(orders).where(eq(orders.id, id)))[0]!;

describe("margin floor per product line", () => {
  it("sends an order whose line is below its line's floor to approval, with the margin and floor in the request", async () => {
    await setMarginFloor(manager, { productLineId: lineId, marginFloorBp: String(actualBp + 1) });
    const placed = (await order()).orders[0]!;
    expect(placed.status).toBe("pending_approval");
    expect((await statusOf(placed.id)).approvalReasons).toEqual(["margin_floor"]);

    const seen = await getDeskOrder(manager, placed.id);
    expect(seen.belowFloor).toEqual([expect.objectContaining({ sku: "FLOOR-1", floorBp: actualBp + 1, marginBp: actualBp })]);
    // the order desk approves but may not see cost: it gets the floor, not the margin
    const deskView = await getDeskOrder(desk, placed.id);
    expect(deskView.belowFloor).toHaveLength(1);
    expect(deskView.belowFloor[0]).not.toHaveProperty("marginBp");
    expect(deskView.belowFloor[0]).toMatchObject({ floorBp: actualBp + 1 });
  });

  it("confirms an order at or above the floor, and one of a line without a floor", async () => {
    await setMarginFloor(manager, { productLineId: lineId, marginFloorBp: String(actualBp) });
    const atFloor = (await order()).orders[0]!;
    expect(atFloor.status).toBe("confirmed");
    expect((await statusOf(atFloor.id)).approvalReasons).toEqual([]);
    expect((await getDeskOrder(manager, atFloor.id)).belowFloor).toEqual([]);

    await setMarginFloor(manager, { productLineId: lineId, marginFloorBp: "" });
    expect((await order()).orders[0]!.status).toBe("confirmed");
  });

  it("re-checks the floor when the desk edits the order: a discount below it waits, none goes through", async () => {
    await setMarginFloor(manager, { productLineId: lineId, marginFloorBp: "10000" });
    const [a, b] = [(await order(1)).orders[0]!, (await order(1)).orders[0]!];
    expect([a.status, b.status]).toEqual(["pending_approval", "pending_approval"]);
    await setMarginFloor(manager, { productLineId: lineId, marginFloorBp: String(actualBp - 200) });
    // 5% off (within the desk's own authority) takes the margin about 5.3 points down, below the floor
    const discounted = await editOrder(desk, { orderId: a.id, version: (await statusOf(a.id)).version, lines: [{ productId, quantity: 1, discountBp: 500 }] });
    expect(discounted.status).toBe("pending_approval");
    expect((await statusOf(a.id)).approvalReasons).toEqual(["margin_floor"]);
    const plain = await editOrder(desk, { orderId: b.id, version: (await statusOf(b.id)).version, lines: [{ productId, quantity: 1 }] });
    expect(plain.status).toBe("confirmed");
  });

  it("refuses a floor outside 0..10000 basis points with a translated message", async () => {
    for (const bad of ["10001", "-1", "12.5", "abc"]) {
      const error = await setMarginFloor(manager, { productLineId: lineId, marginFloorBp: bad }).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors.marginFloorBp).toEqual(["product.errors.marginFloor"]);
    }
    await expect(setMarginFloor(desk, { productLineId: lineId, marginFloorBp: "100" })).rejects.toThrow();
    await setMarginFloor(manager, { productLineId: lineId, marginFloorBp: "10000" });
    const [line] = await db.select().from(productLines).where(eq(productLines.id, lineId));
    expect(line!.marginFloorBp).toBe(10000);
  });
});

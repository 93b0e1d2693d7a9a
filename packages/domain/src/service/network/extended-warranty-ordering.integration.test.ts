import { and, eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { invoiceLines, orderLines, orders, products, stockMoves, stockReservations, warrantyContracts, type Database } from "@cs/db";
import { testDb } from "../../../../../tests/db";
import { shipOrder } from "../../billing/ship";
import { shipmentForm } from "../../billing/shipping-queries";
import { returnableLines } from "../../returns/returnable";
import { addLinesToCart } from "../../cart/add";
import { approveOrder } from "../../orders/approve-order";
import { submitOrder } from "../../orders/submit-order";
import type { Ctx } from "../../shared/context";
import { ValidationError } from "../../shared/errors";
import { ctxOf, newKey, seedDemoData } from "@cs/testing/demo";
import { createTestProduct, expectLedgerConsistent } from "@cs/testing/inventory";
import { orderingCounts, readyBuyer } from "@cs/testing/ordering";
import { createShippedOrder } from "@cs/testing/shipped-order";
import { addDays } from "../../shared/dates";
import { checkWarranty } from "../warranty-facts";

// Issue 6: an extended warranty bought through normal ordering (cart → checkout → confirm → ship)
// becomes a contract for the device serial it names; the service product never touches stock.

let db: Database;
let buyer: Ctx;
let dealer2: Ctx;
let desk: Ctx;
let warehouse: Ctx;
let setup: Awaited<ReturnType<typeof readyBuyer>>;
let extension: string;
let device: string;

const refused = async (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e);
const errorsOf = (e: unknown) => (e as ValidationError).fieldErrors;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  setup = await readyBuyer(db, "DL-0001");
  await readyBuyer(db, "DL-0002");
  [buyer, dealer2, desk, warehouse] = await Promise.all([ctxOf(db, "buyer@demo.cn"), ctxOf(db, "dealer2@demo.cn"), ctxOf(db, "orderdesk@demo.cn"), ctxOf(db, "warehouse@demo.cn")]);
  // notebooks shipped to DL-0001 and one to DL-0002, the real way (shipment moves with their serials)
  const mine = await createShippedOrder(db, { lines: [{ sku: "EWO-NB", quantity: 3, unitPriceFen: 500_000n, serials: ["EWO-SN1", "EWO-SN2", "EWO-SN3"] }] });
  device = mine.productIds[0]!;
  await createShippedOrder(db, { buyerCode: "DL-0002", shipperLogin: "admin@demo.cn", lines: [{ sku: "EWO-NB2", quantity: 1, unitPriceFen: 500_000n, serials: ["EWO-OTHER"] }] });
  extension = await createTestProduct(db, "EWO-EXT24");
  await db.update(products).set({ extendedWarrantyMonths: 24 }).where(eq(products.id, extension));
});

afterEach(async () => {
  await expectLedgerConsistent(db);
});

const order = (ctx: Ctx, quantity: number, serials: string[], addressId = setup.addressId) =>
  submitOrder(ctx, { _key: newKey(), shipToAddressId: addressId, lines: [{ productId: extension, quantity }], coveredSerials: { [extension]: serials } });

describe("checkout of an extended warranty", () => {
  it("refuses missing, unknown and foreign serials per line and places nothing", async () => {
    const before = await orderingCounts(db);
    const key = `coveredSerials.${extension}`;
    expect(errorsOf(await refused(order(buyer, 2, ["EWO-SN1"])))).toEqual({ [key]: ["network.validation.coveredSerialsMissing"] });
    expect(errorsOf(await refused(order(buyer, 2, ["EWO-SN1", "EWO-SN1"])))).toEqual({ [key]: ["network.validation.coveredSerialsMissing"] });
    expect(errorsOf(await refused(order(buyer, 1, ["NO-SUCH-SN"])))).toEqual({ [key]: ["network.validation.coveredSerialUnknown"] });
    expect(errorsOf(await refused(order(buyer, 1, ["EWO-OTHER"])))).toEqual({ [key]: ["network.validation.coveredSerialNotSold"] });
    expect(await orderingCounts(db)).toEqual(before);
  });

  it("refuses serials on an ordinary product", async () => {
    const error = await refused(
      submitOrder(buyer, { _key: newKey(), shipToAddressId: setup.addressId, lines: [{ productId: device, quantity: 1 }], coveredSerials: { [device]: ["EWO-SN1"] } }),
    );
    expect(errorsOf(error)).toEqual({ [`coveredSerials.${device}`]: ["network.validation.notExtendedWarranty"] });
  });

  it("orders from the cart: confirmed with nothing reserved in stock, ships without a stock move, invoices, and creates the contract", async () => {
    await addLinesToCart(buyer, [{ productId: extension, quantity: 2 }]);
    const { orders: placed } = await submitOrder(buyer, { _key: newKey(), shipToAddressId: setup.addressId, coveredSerials: { [extension]: [" EWO-SN1 ", "EWO-SN2"] } });
    expect(placed).toHaveLength(1);
    expect(placed[0]!.status).toBe("confirmed");
    const [line] = await db.select().from(orderLines).where(eq(orderLines.orderId, placed[0]!.id));
    expect(line).toMatchObject({ productId: extension, quantity: 2, quantityReserved: 2, quantityBackordered: 0, coveredSerials: ["EWO-SN1", "EWO-SN2"] });
    expect(await db.select().from(stockReservations).where(eq(stockReservations.productId, extension))).toEqual([]);

    // a second order naming a serial an open order already covers is refused
    expect(errorsOf(await refused(order(buyer, 1, ["EWO-SN2"])))).toEqual({ [`coveredSerials.${extension}`]: ["network.validation.coveredSerialCovered"] });

    // the warehouse's form offers its warehouses for an order that holds no stock, the service line ready in full
    const form = await shipmentForm(warehouse, placed[0]!.id);
    expect(form.locations.map((l) => l.id)).toContain(setup.warehouses[0]!);
    expect(form.reservedAt[setup.warehouses[0]!]).toEqual({ [extension]: 2 });
    expect(form.lines[0]).toMatchObject({ service: true, coveredSerials: ["EWO-SN1", "EWO-SN2"] });

    const shipped = await shipOrder(warehouse, {
      _key: newKey(),
      orderId: placed[0]!.id,
      fromLocationId: setup.warehouses[0]!,
      carrier: "电子交付",
      trackingNumber: "EW-1",
      lines: [{ orderLineId: line!.id, quantity: 2, serials: [] }],
    });
    expect(shipped.orderStatus).toBe("shipped");
    expect(await db.select().from(stockMoves).where(eq(stockMoves.productId, extension))).toEqual([]);
    const invoiced = await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, shipped.invoiceId));
    expect(invoiced.map((l) => [l.productId, l.quantity])).toEqual([[extension, 2]]);

    const contracts = await db.select().from(warrantyContracts).where(eq(warrantyContracts.orderLineId, line!.id)).orderBy(warrantyContracts.serial);
    expect(contracts.map((c) => [c.serial, c.productId, c.kind, c.source])).toEqual([
      ["EWO-SN1", device, "extended", "extended_order"],
      ["EWO-SN2", device, "extended", "extended_order"],
    ]);
    const during = addDays(contracts[0]!.startsOn, 30);
    expect(await checkWarranty(db, device, "EWO-SN1", during)).toMatchObject({ status: "extended", contractId: contracts[0]!.id, endsOn: contracts[0]!.endsOn });

    // a service never comes back into a warehouse: nothing of it is returnable
    expect(await returnableLines(db, placed[0]!.id)).toEqual([]);

    // covered now by a running contract: refused again
    expect(errorsOf(await refused(order(buyer, 1, ["EWO-SN1"])))).toEqual({ [`coveredSerials.${extension}`]: ["network.validation.coveredSerialCovered"] });
  });

  it("an order waiting for approval reserves its service line on approval, still without stock", async () => {
    await readyBuyer(db, "DL-0002", { creditLimitFen: 0n });
    const [address] = await db.execute<{ id: string }>(sql`select a.id from addresses a join organizations o on o.id = a.organization_id where o.code = 'DL-0002' limit 1`);
    const { orders: placed } = await order(dealer2, 1, ["EWO-OTHER"], address!.id);
    expect(placed[0]!.status).toBe("pending_approval");
    expect((await approveOrder(desk, { orderId: placed[0]!.id })).status).toBe("confirmed");
    const [line] = await db.select().from(orderLines).where(eq(orderLines.orderId, placed[0]!.id));
    expect(line).toMatchObject({ quantityReserved: 1, quantityBackordered: 0, coveredSerials: ["EWO-OTHER"] });
    expect(await db.select().from(stockReservations).where(and(eq(stockReservations.productId, extension)))).toEqual([]);
    const [saved] = await db.select({ status: orders.status }).from(orders).where(eq(orders.id, placed[0]!.id));
    expect(saved!.status).toBe("confirmed");
  });
});

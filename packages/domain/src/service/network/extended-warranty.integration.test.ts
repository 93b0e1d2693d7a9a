import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { orderLines, products, warrantyContracts, type Database } from "@cs/db";
import { testDb } from "../../../../../tests/db";
import { shipOrder } from "../../billing/ship";
import { ValidationError } from "../../shared/errors";
import { ctxOf, newKey, orgByCode, seedDemoData } from "@cs/testing/demo";
import { createShippedOrder } from "@cs/testing/shipped-order";
import { addDays, addMonths } from "../../shared/dates";
import { gatherWarrantyFacts } from "../warranty-facts";
import { standardWarranty } from "../warranty";
import { checkCoveredSerials, createExtendedWarrantyContracts } from "./extended-warranty";
import { listWarrantyContracts, warrantyListQuery } from "./contracts";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;
let sale: Awaited<ReturnType<typeof createShippedOrder>>;
let buyer: { organizationId: string };

const contractsOf = (orderLineId: string) => db.select().from(warrantyContracts).where(eq(warrantyContracts.orderLineId, orderLineId)).orderBy(warrantyContracts.serial);

async function shipExtension(quantity: number) {
  const shipper = await ctxOf(db, "warehouse@demo.cn");
  return shipOrder(shipper, { _key: newKey(), orderId: sale.orderId, fromLocationId: sale.warehouseId, carrier: "顺丰速运", trackingNumber: "SF1", lines: [{ orderLineId: sale.lineIds[1]!, quantity, serials: [] }] });
}

async function coverSerials(serials: string[]) {
  await db.update(orderLines).set({ coveredSerials: serials }).where(eq(orderLines.id, sale.lineIds[1]!));
}

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  // three notebooks shipped (their standard warranty starts 90 grace days after shipment), and two
  // units of a 24-month extension on the same order, not shipped yet
  sale = await createShippedOrder(db, {
    lines: [
      { sku: "EWT-NB", quantity: 3, unitPriceFen: 500_000n, serials: ["EWT-SN1", "EWT-SN2", "EWT-SN3"] },
      { sku: "EWT-EXT24", quantity: 2, unitPriceFen: 60_000n, ship: 0 },
    ],
  });
  await db.update(products).set({ extendedWarrantyMonths: 24 }).where(eq(products.sku, "EWT-EXT24"));
  buyer = { organizationId: (await orgByCode(db, "DL-0001")).id };
});

describe("createExtendedWarrantyContracts through shipOrder", () => {
  it("refuses the shipment when a shipped unit names no serial, and changes nothing", async () => {
    await coverSerials([]);
    const error = await expectUnchanged(db, () => shipExtension(1).catch((e: unknown) => e));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ "lines.2.coveredSerials": ["network.validation.coveredSerialsMissing"] });
    const [line] = await db.select().from(orderLines).where(eq(orderLines.id, sale.lineIds[1]!));
    expect(line!.quantityShipped).toBe(0);
    expect(await contractsOf(sale.lineIds[1]!)).toEqual([]);
  });

  it("refuses a serial we never sold", async () => {
    await coverSerials(["NO-SUCH-SERIAL", "EWT-SN2"]);
    const error = await expectUnchanged(db, () => shipExtension(1).catch((e: unknown) => e));
    expect((error as ValidationError).fieldErrors).toEqual({ "lines.2.coveredSerials": ["network.validation.coveredSerialUnknown"] });
  });

  it("creates an extended contract that starts the day after the standard warranty ends and runs 24 months", async () => {
    await coverSerials(["EWT-SN1", "EWT-SN2"]);
    await shipExtension(1);
    const [device] = await db.select().from(products).where(eq(products.sku, "EWT-NB"));
    const { facts } = await gatherWarrantyFacts(db, device!.id, "EWT-SN1");
    const standard = standardWarranty(facts)!;
    const startsOn = addDays(standard.endsOn, 1);
    const contracts = await contractsOf(sale.lineIds[1]!);
    expect(contracts).toHaveLength(1);
    expect(contracts[0]).toMatchObject({ serial: "EWT-SN1", productId: device!.id, kind: "extended", source: "extended_order", startsOn, endsOn: addDays(addMonths(startsOn, 24), -1) });
  });

  it("covers the next serial with the next unit, and a repeated call for a shipment creates nothing", async () => {
    const second = await shipExtension(1);
    const contracts = await contractsOf(sale.lineIds[1]!);
    expect(contracts.map((c) => c.serial)).toEqual(["EWT-SN1", "EWT-SN2"]);
    const again = await db.transaction((tx) => createExtendedWarrantyContracts(tx, second.shipmentId));
    expect(again).toEqual([]);
    expect(await contractsOf(sale.lineIds[1]!)).toHaveLength(2);
  });

  it("leaves ordinary shipments alone", async () => {
    const plain = await db.select().from(warrantyContracts).where(and(eq(warrantyContracts.serial, "EWT-SN1"), eq(warrantyContracts.kind, "standard")));
    expect(plain).toEqual([]);
    expect(await db.transaction((tx) => createExtendedWarrantyContracts(tx, sale.shipmentId))).toEqual([]);
  });
});

describe("listWarrantyContracts", () => {
  it("finds contracts by serial or its beginning, current ones, and refuses sales", async () => {
    const desk = await ctxOf(db, "service@demo.cn");
    const bySerial = await listWarrantyContracts(desk, warrantyListQuery.parse({ serial: "EWT-SN" }));
    expect(bySerial.rows.map((r) => r.serial).sort()).toEqual(["EWT-SN1", "EWT-SN2"]);
    expect(bySerial.rows.every((r) => r.kind === "extended" && r.orderNumber !== null && !r.current)).toBe(true);
    expect((await listWarrantyContracts(desk, warrantyListQuery.parse({ serial: "EWT-SN1" }))).total).toBe(1);
    expect((await listWarrantyContracts(desk, warrantyListQuery.parse({ serial: "EWT-SN%" }))).total).toBe(0);
    const inTheExtension = await listWarrantyContracts(desk, warrantyListQuery.parse({ serial: "EWT", current: "1" }), "2029-01-01");
    expect(inTheExtension.total).toBe(2);
    await expectUnchanged(db, async () => expect(listWarrantyContracts(await ctxOf(db, "sales.bj@demo.cn"), warrantyListQuery.parse({}))).rejects.toThrow());
  });
});

describe("checkCoveredSerials", () => {
  it("wants one known serial per unit on extension lines and none on ordinary lines", async () => {
    const [ext] = await db.select().from(products).where(eq(products.sku, "EWT-EXT24"));
    const [nb] = await db.select().from(products).where(eq(products.sku, "EWT-NB"));
    expect(await checkCoveredSerials(db, [{ productId: ext!.id, quantity: 1, coveredSerials: ["EWT-SN3"] }], buyer)).toEqual({});
    expect(
      await checkCoveredSerials(db, [
        { productId: ext!.id, quantity: 2, coveredSerials: ["EWT-SN1"] },
        { productId: ext!.id, quantity: 1, coveredSerials: ["ZZZ"] },
        { productId: nb!.id, quantity: 1, coveredSerials: ["EWT-SN1"] },
        { productId: ext!.id, quantity: 2, coveredSerials: ["EWT-SN1", "EWT-SN1"] },
      ], buyer),
    ).toEqual({
      "lines.0.coveredSerials": ["network.validation.coveredSerialsMissing"],
      "lines.1.coveredSerials": ["network.validation.coveredSerialUnknown"],
      "lines.2.coveredSerials": ["network.validation.notExtendedWarranty"],
      "lines.3.coveredSerials": ["network.validation.coveredSerialsMissing"],
    });
  });
});

import { and, eq, notInArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, products, reorderPoints, stockLocations, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { portalHome } from "../home/portal-home";
import type { Ctx } from "../shared/context";
import { expectDomainError } from "@cs/testing/billing";
import { ctxOf, seedDemoData } from "@cs/testing/demo";
import { expectUnchanged } from "@cs/testing/unchanged";
import { listStationParts, setPartMinimum, stationPartsLow } from "./parts-stock";

let db: Database;
let station: Ctx;
let tech: Ctx;
let dealer: Ctx;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  station = await ctxOf(db, "station@demo.cn");
  tech = await ctxOf(db, "tech@demo.cn");
  dealer = await ctxOf(db, "dealer@demo.cn");
});

/** Every station parts store's minimum of one product (warehouses keep their own reorder points). */
const stationMinimums = (productId: string) =>
  db
    .select({ org: stockLocations.organizationId, minimum: reorderPoints.minimum })
    .from(reorderPoints)
    .innerJoin(stockLocations, eq(stockLocations.id, reorderPoints.locationId))
    .where(and(eq(reorderPoints.productId, productId), eq(stockLocations.kind, "station_parts")));
const minimumAudits = async () => (await db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.action, "station_parts.minimum"))).length;

describe("a station's spare parts against its minimums", () => {
  it("marks a part low once its free quantity is under the minimum, counts it on the home page, and removes the minimum on blank", async () => {
    const parts = await listStationParts(station);
    expect(parts.length).toBeGreaterThan(0);
    const part = parts.find((p) => p.free > 0)!;
    const lowBefore = await stationPartsLow(station);
    expect((await portalHome(station)).partsLow).toBe(lowBefore);

    // at the free quantity it is enough; one more makes it low
    await setPartMinimum(station, { sku: part.sku, minimum: String(part.free) });
    expect((await listStationParts(station)).find((p) => p.productId === part.productId)).toMatchObject({ minimum: part.free, low: false });
    expect(await stationPartsLow(station)).toBe(lowBefore);
    await setPartMinimum(station, { sku: part.sku.toLowerCase(), minimum: String(part.free + 1) });
    expect(await stationPartsLow(station)).toBe(lowBefore + 1);
    expect((await portalHome(station)).partsLow).toBe(lowBefore + 1);
    expect((await portalHome(tech)).partsLow).toBe(lowBefore + 1);
    const low = await listStationParts(station, { lowOnly: true });
    expect(low.map((p) => p.productId)).toContain(part.productId);
    expect(low.every((p) => p.low && p.minimum !== null && p.free < p.minimum)).toBe(true);
    // the minimum sits on this station's parts store, no other station's
    expect(await stationMinimums(part.productId)).toEqual([{ org: station.actor.organizationId, minimum: part.free + 1 }]);

    // a retried post changes nothing and writes no second audit entry
    const audits = await minimumAudits();
    await setPartMinimum(station, { sku: part.sku, minimum: String(part.free + 1) });
    expect(await minimumAudits()).toBe(audits);

    // a part the store does not hold can have a minimum too: it shows with nothing free
    const [other] = await db.select({ sku: products.sku }).from(products).where(and(eq(products.active, true), notInArray(products.id, parts.map((p) => p.productId)))).limit(1);
    await setPartMinimum(station, { sku: other!.sku, minimum: "2" });
    expect((await listStationParts(station)).find((p) => p.sku === other!.sku)).toMatchObject({ onHand: 0, free: 0, minimum: 2, low: true });
    await setPartMinimum(station, { sku: other!.sku, minimum: "" });

    await setPartMinimum(station, { sku: part.sku, minimum: "" });
    expect((await listStationParts(station)).find((p) => p.productId === part.productId)!.minimum).toBeNull();
    expect(await stationPartsLow(station)).toBe(lowBefore);
    expect(await stationMinimums(part.productId)).toEqual([]);
  });

  it("refuses bad input, a technician and a dealer, changing nothing", async () => {
    const [part] = await listStationParts(station);
    await expectUnchanged(db, async () => {
      await expectDomainError(setPartMinimum(station, { sku: part!.sku, minimum: "-1" }), { fields: { minimum: ["validation.range"] } });
      await expectDomainError(setPartMinimum(station, { sku: part!.sku, minimum: "1.5" }), { fields: { minimum: ["validation.integer"] } });
      await expectDomainError(setPartMinimum(station, { sku: "NO-SUCH-SKU", minimum: "1" }), { fields: { sku: ["stationParts.errors.unknownSku"] } });
      await expectDomainError(setPartMinimum(station, { sku: "", minimum: "1" }), {});
      await expectDomainError(setPartMinimum(tech, { sku: part!.sku, minimum: "1" }), { code: "errors.forbidden" });
      await expectDomainError(setPartMinimum(dealer, { sku: part!.sku, minimum: "1" }), { code: "errors.forbidden" });
      await expectDomainError(listStationParts(dealer), { code: "errors.forbidden" });
    });
    expect((await portalHome(dealer)).partsLow).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { DISTRIBUTOR_OWNER } from "@cs/db/schema/inventory";
import { buildDemoData } from "./demo";
import { buildInventoryData } from "./inventory";
import { stockLocationId } from "./inventory-locations";

const demo = buildDemoData();
const data = buildInventoryData(demo);
const kindCount = (kind: string) => data.locations.filter((l) => l.kind === kind).length;

describe("buildInventoryData", () => {
  it("is deterministic", () => {
    expect(buildInventoryData(buildDemoData())).toEqual(data);
  });

  it("has a location per warehouse, partner and station, with unique codes", () => {
    const orgsOf = (kinds: string[]) => demo.organizations.filter((o) => kinds.includes(o.kind)).length;
    expect(kindCount("warehouse")).toBe(5);
    expect(kindCount("partner_virtual")).toBe(orgsOf(["master_distributor", "agent", "dealer"]));
    expect(kindCount("partner_consignment")).toBe(20);
    expect(kindCount("station_parts")).toBe(orgsOf(["repair_station"]));
    expect(new Set(data.locations.map((l) => l.code)).size).toBe(data.locations.length);
    expect(data.locations.find((l) => l.code === "PV-DL-0001")?.nameZh).toMatch(/ 虚拟库存$/);
  });

  it("gives every serialized unit in stock one serial, placed where its level is", () => {
    const serialized = new Set(demo.products.filter((p) => p.serialized).map((p) => p.id));
    const units = data.levels.filter((l) => serialized.has(l.productId)).reduce((s, l) => s + l.onHand, 0);
    expect(data.serials).toHaveLength(units);
    expect(new Set(data.serials.map((s) => s.serial)).size).toBe(units);
    for (const level of data.levels) {
      const here = data.serials.filter((s) => s.locationId === level.locationId && s.productId === level.productId && (s.ownerId ?? DISTRIBUTOR_OWNER) === level.ownerId);
      expect(here.length).toBe(serialized.has(level.productId) ? level.onHand : 0);
    }
  });

  it("leaves some products out of stock and some low, and never a negative balance", () => {
    expect(data.levels.every((l) => l.onHand > 0)).toBe(true);
    const central = stockLocationId("WH-CENTRAL");
    const inCentral = new Set(data.levels.filter((l) => l.locationId === central && l.ownerId === DISTRIBUTOR_OWNER).map((l) => l.productId));
    expect(demo.products.length - inCentral.size).toBeGreaterThan(5);
    expect(data.levels.some((l) => l.onHand < 10 && l.locationId !== central)).toBe(true);
    expect(data.moves.every((m) => m.fromLocationId !== m.toLocationId && m.quantity > 0)).toBe(true);
  });
});

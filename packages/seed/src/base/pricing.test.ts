import { describe, expect, it } from "vitest";
import { buildDemoData } from "./demo";
import { buildPricingData } from "./pricing";

describe("demo pricing", () => {
  const demo = buildDemoData();
  const data = buildPricingData(demo, "2026-06-15");

  it("prices every product on every tier's list below its list price", () => {
    const list = new Map(demo.products.map((p) => [p.id!, p.listPriceFen]));
    const base = data.items.filter((i) => i.minQuantity === 1);
    expect(base).toHaveLength(demo.products.length * data.lists.length);
    for (const i of data.items) expect(i.unitPriceFen < list.get(i.productId)!).toBe(true);
  });

  it("makes every volume break cheaper than the one below it", () => {
    const byKey = new Map<string, typeof data.items>();
    for (const i of data.items) {
      const key = `${i.priceListId}:${i.productId}`;
      byKey.set(key, [...(byKey.get(key) ?? []), i]);
    }
    const withBreaks = [...byKey.values()].filter((rows) => rows.length > 1);
    expect(withBreaks.length).toBeGreaterThan(0);
    for (const rows of withBreaks) {
      const sorted = [...rows].sort((a, b) => a.minQuantity - b.minQuantity);
      for (let k = 1; k < sorted.length; k++) expect(sorted[k]!.unitPriceFen < sorted[k - 1]!.unitPriceFen).toBe(true);
    }
  });

  it("has one promotion running on the day and one that ended", () => {
    const running = data.promos.filter((p) => p.startsOn <= "2026-06-15" && p.endsOn >= "2026-06-15");
    const ended = data.promos.filter((p) => p.endsOn < "2026-06-15");
    expect([running.length, ended.length]).toEqual([1, 1]);
    expect(data.contracts.length).toBeGreaterThanOrEqual(3);
  });
});

import { describe, expect, it } from "vitest";
import { drillTarget, salesWindows } from "./sales-query";

describe("salesWindows", () => {
  it.each([
    { q: { from: "2031-01", to: "2031-02", grain: "month" as const }, w: { lo: "2031-01-01", hi: "2031-03-01", prevLo: "2030-01-01", prevHi: "2030-03-01", lastLo: "2031-02-01", beforeLo: "2031-01-01" } },
    { q: { from: "2031-02", to: "2031-05", grain: "quarter" as const }, w: { lo: "2031-01-01", hi: "2031-07-01", prevLo: "2030-01-01", prevHi: "2030-07-01", lastLo: "2031-04-01", beforeLo: "2031-01-01" } },
    { q: { from: "2030-12", to: "2030-12", grain: "month" as const }, w: { lo: "2030-12-01", hi: "2031-01-01", prevLo: "2029-12-01", prevHi: "2030-01-01", lastLo: "2030-12-01", beforeLo: "2030-11-01" } },
  ])("$q.from–$q.to by $q.grain", ({ q, w }) => {
    expect(salesWindows(q)).toEqual(w);
  });
});

describe("drillTarget", () => {
  it("goes down the catalogue and from a branch, region or tier to its partners, then to the lines", () => {
    expect(["division", "line", "product", "branch", "region", "tier", "partner", "period"].map((d) => drillTarget(d as never))).toEqual(["line", "product", "lines", "partner", "partner", "partner", "lines", "lines"]);
  });
});

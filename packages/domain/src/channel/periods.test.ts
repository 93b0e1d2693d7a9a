import { describe, expect, it } from "vitest";
import { completionBp, isPeriodStart, periodContaining, periodRange, recentPeriods } from "./periods";

describe("periods", () => {
  it.each([
    ["month", "2026-07-01", true],
    ["month", "2026-07-02", false],
    ["quarter", "2026-07-01", true],
    ["quarter", "2026-08-01", false],
    ["quarter", "2026-10-01", true],
    ["year", "2026-01-01", true],
    ["year", "2026-04-01", false],
    ["month", "2026-13-01", false],
    ["month", "2026-7-01", false],
  ] as const)("%s starting %s: %s", (kind, date, ok) => {
    expect(isPeriodStart(kind, date)).toBe(ok);
  });

  it("finds the period of a date and its end, across a year end", () => {
    expect(periodContaining("quarter", "2026-11-27")).toBe("2026-10-01");
    expect(periodContaining("year", "2026-11-27")).toBe("2026-01-01");
    expect(periodRange("quarter", "2026-10-01")).toMatchObject({ start: "2026-10-01", end: "2027-01-01", months: 3 });
    expect(periodRange("month", "2026-12-01").end).toBe("2027-01-01");
    expect(recentPeriods("quarter", 3, "2026-02-10")).toEqual(["2026-01-01", "2025-10-01", "2025-07-01"]);
  });
});

describe("completionBp", () => {
  it.each([
    [80_000n, 100_000n, 8000],
    [79_999n, 100_000n, 7999],
    [100_000n, 100_000n, 10000],
    [99_999n, 100_000n, 9999],
    [1n, 3n, 3333],
    [0n, 100_000n, 0],
    [-1n, 100_000n, -1],
  ])("%s of %s is %s bp (floored, never rounded up to a tier)", (actual, target, bp) => {
    expect(completionBp(actual, target)).toBe(bp);
  });

  it("has no completion without a target", () => {
    expect(completionBp(5n, null)).toBeNull();
    expect(completionBp(5n, 0n)).toBeNull();
  });
});

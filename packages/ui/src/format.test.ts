import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatMoney } from "./format";

describe("formatMoney", () => {
  it.each([
    [123456n, "zh-CN", "¥1,234.56"],
    [5n, "zh-CN", "¥0.05"],
    [-100n, "zh-CN", "-¥1.00"],
    [900719925474099312n, "en", "¥9,007,199,254,740,993.12"],
  ])("%s fen in %s is %s", (fen, locale, expected) => {
    expect(formatMoney(fen, locale)).toBe(expected);
  });
});

describe("dates", () => {
  it("shows instants in Asia/Shanghai", () => {
    expect(formatDateTime(new Date("2026-01-31T17:30:00Z"), "en")).toContain("Feb 1, 2026");
  });
  it("never shifts a calendar date", () => {
    expect(formatDate("2026-03-01", "en")).toBe("Mar 1, 2026");
  });
});

import { describe, expect, it } from "vitest";
import { fenToYuan, formatYuan, parseYuan } from "./money";

describe("yuan text and fen", () => {
  it("parses what a person types, exactly", () => {
    expect(parseYuan("12,345.60")).toBe(1_234_560n);
    expect(parseYuan(" ¥1 280.5 ")).toBe(128_050n);
    expect(parseYuan("0.07")).toBe(7n);
    expect(parseYuan("9999999999999.99")).toBe(999_999_999_999_999n);
    // 0.1 + 0.2 would drift through a float; text never does
    expect(parseYuan("0.30")).toBe(30n);
  });

  it("refuses signs, exponents, hex, three decimals and too many digits", () => {
    for (const bad of ["-1", "+1", "1e3", "0x10", "1.005", "", ".5", "10000000000000", "Infinity", "１２"]) expect(parseYuan(bad), bad).toBeNull();
  });

  it("writes fen back as plain and as display text", () => {
    expect(fenToYuan(123_456n)).toBe("1234.56");
    expect(fenToYuan(-5n)).toBe("-0.05");
    expect(fenToYuan(0n)).toBe("0.00");
    expect(formatYuan(123_456_789n)).toBe("¥1,234,567.89");
    expect(formatYuan(-100_000n)).toBe("-¥1,000.00");
    expect(formatYuan(99n)).toBe("¥0.99");
  });

  it.each([
    [0n, "0.00"],
    [5n, "0.05"],
    [100n, "1.00"],
    [123_456n, "1234.56"],
    [-5n, "-0.05"],
    [-123_456n, "-1234.56"],
    // beyond what a float holds exactly
    [9_007_199_254_740_993n, "90071992547409.93"],
  ])("writes %s fen as %s", (fen, text) => {
    expect(fenToYuan(fen)).toBe(text);
  });
});

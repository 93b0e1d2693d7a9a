import { describe, expect, it } from "vitest";
import { yuan } from "./export.server";

describe("yuan", () => {
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
    expect(yuan(fen)).toBe(text);
  });
});

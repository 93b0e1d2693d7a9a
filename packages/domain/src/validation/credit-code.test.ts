import { describe, expect, it } from "vitest";
import { isValidCreditCode, normalizeCreditCode } from "./credit-code";

/** Published codes of real enterprises (public registration data). */
const REAL = ["91350100M000100Y43", "91110000600037341L", "91440300708461136T"] as const;

describe("isValidCreditCode", () => {
  it.each(REAL)("accepts the real code %s", (code) => {
    expect(isValidCreditCode(code)).toBe(true);
  });

  it.each([
    ["lower case", "91350100m000100y43"],
    ["surrounding spaces", "  91110000600037341L "],
    ["lower-case check character", "91110000600037341l"],
  ])("accepts %s (%s)", (_what, code) => {
    expect(isValidCreditCode(code)).toBe(true);
  });

  it.each([
    ["wrong check character", "91350100M000100Y44"],
    ["wrong check character (letter)", "91110000600037341K"],
    ["one body character changed", "91110000600037351L"],
    ["two characters swapped", "91440300708461163T"],
    ["17 characters", "9111000060003734L"],
    ["19 characters", "91110000600037341L0"],
    ["empty", ""],
    ["only spaces", "   "],
    ["letter in the region code", "9135A100M000100Y43"],
    ["inner space", "91350100 M000100Y4"],
  ])("rejects %s (%s)", (_what, code) => {
    expect(isValidCreditCode(code)).toBe(false);
  });

  // I, O, S, V and Z are not in the GB 32100 alphabet (they look like 1, 0, 5, U and 2).
  it.each(["I", "O", "S", "V", "Z"])("rejects the forbidden letter %s anywhere", (letter) => {
    for (const code of REAL) {
      for (const at of [0, 1, 8, 12, 16, 17]) {
        const changed = code.slice(0, at) + letter + code.slice(at + 1);
        expect(isValidCreditCode(changed), changed).toBe(false);
      }
    }
  });

  it("detects every single-character change of a real code", () => {
    const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    for (const code of REAL) {
      for (let i = 0; i < 18; i++) {
        for (const c of alphabet) {
          if (c === code[i]) continue;
          const changed = code.slice(0, i) + c + code.slice(i + 1);
          expect(isValidCreditCode(changed), changed).toBe(false);
        }
      }
    }
  });
});

describe("normalizeCreditCode", () => {
  it("trims and upper-cases", () => {
    expect(normalizeCreditCode(" 91350100m000100y43 ")).toBe("91350100M000100Y43");
  });
});

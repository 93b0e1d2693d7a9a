import { describe, expect, it } from "vitest";
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar, isValidCreditCode, makeCreditCode, orgCodeCheckChar } from "./credit-code";
import { createRandom } from "./random";

/** Published credit codes of real enterprises (public registration data). */
const KNOWN_VALID = ["91350100M000100Y43", "91110000600037341L", "91440300708461136T", "914403001922038216"];

describe("creditCodeCheckChar", () => {
  it.each(KNOWN_VALID)("reproduces the check character of %s", (code) => {
    expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
    expect(isValidCreditCode(code)).toBe(true);
  });

  it("detects any single changed character", () => {
    for (const code of KNOWN_VALID) {
      for (let i = 0; i < 18; i++) {
        for (const c of CREDIT_CODE_ALPHABET) {
          if (c === code[i]) continue;
          const changed = code.slice(0, i) + c + code.slice(i + 1);
          expect(isValidCreditCode(changed), changed).toBe(false);
        }
      }
    }
  });

  it("rejects characters outside the alphabet and wrong lengths", () => {
    expect(() => creditCodeCheckChar("91110000600037341")).not.toThrow();
    expect(() => creditCodeCheckChar("9111000060003734I")).toThrow();
    expect(() => creditCodeCheckChar("9111000060003734")).toThrow();
    expect(isValidCreditCode("91110000600037341l")).toBe(false);
    expect(isValidCreditCode("91110000600037341LX")).toBe(false);
  });
});

describe("orgCodeCheckChar (GB 11714)", () => {
  it("matches the embedded organization codes of known codes", () => {
    for (const code of KNOWN_VALID) expect(orgCodeCheckChar(code.slice(8, 16))).toBe(code[16]);
  });
});

describe("makeCreditCode", () => {
  it("makes valid, deterministic codes in the given region", () => {
    const a = createRandom(42);
    const b = createRandom(42);
    for (let i = 0; i < 1000; i++) {
      const code = makeCreditCode(a, "330106");
      expect(code).toMatch(/^91330106[0-9A-HJ-NPQRTUWXY]{10}$/);
      expect(isValidCreditCode(code)).toBe(true);
      expect(orgCodeCheckChar(code.slice(8, 16))).toBe(code[16]);
      expect(makeCreditCode(b, "330106")).toBe(code);
    }
  });
});

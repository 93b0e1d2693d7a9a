import { describe, expect, it } from "vitest";

describe("the test processes", () => {
  it("run with node --disable-proto=throw, as the servers do", () => {
    expect(() => (Object.prototype as { __proto__?: unknown }).__proto__).toThrow(/__proto__/);
    expect(process.execArgv).toContain("--disable-proto=throw");
  });
});

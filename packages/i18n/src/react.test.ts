import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";
import { i18nOptions, resources } from "./index";
import { rememberingT } from "./react";

async function fixedT(lng: "zh-CN" | "en") {
  const instance = createInstance({ ...i18nOptions, resources, lng, initAsync: false });
  await instance.init();
  return instance.getFixedT(lng, "translation");
}

describe("rememberingT", () => {
  it("answers exactly what i18next answers, for plain keys, interpolation, plurals and missing keys", async () => {
    for (const lng of ["zh-CN", "en"] as const) {
      const t = await fixedT(lng);
      const remembering = rememberingT(t);
      for (let pass = 0; pass < 2; pass++) {
        expect(remembering("rebatePrograms.nav")).toBe(t("rebatePrograms.nav"));
        expect(remembering("rebatePortal.detail.title", { number: "RS-1" })).toBe(t("rebatePortal.detail.title", { number: "RS-1" }));
        expect(remembering("rebatePortal.detail.title", { number: "RS-2" })).toContain("RS-2");
        expect(remembering("no.such.key")).toBe("no.such.key");
      }
      expect(rememberingT(t)("rebatePortal.detail.title", { number: "RS-9" })).toBe(lng === "en" ? "Statement RS-9" : "对账单 RS-9");
    }
  });

  it("asks i18next once per plain key", async () => {
    const t = await fixedT("en");
    let calls = 0;
    const counting = ((...args: Parameters<typeof t>) => {
      calls++;
      return t(...args);
    }) as unknown as typeof t;
    const remembering = rememberingT(counting);
    expect(remembering("rebatePrograms.nav")).toBe("Rebates");
    expect(remembering("rebatePrograms.nav")).toBe("Rebates");
    expect(calls).toBe(1);
    remembering("rebatePortal.detail.title", { number: "A" });
    remembering("rebatePortal.detail.title", { number: "A" });
    expect(calls).toBe(3);
  });
});

import { describe, expect, it } from "vitest";
import { resources } from "./index";

function keys(obj: object, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === "object" && v ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe("locales", () => {
  it("zh-CN and en have the same keys", () => {
    expect(keys(resources.en.translation).sort()).toEqual(keys(resources["zh-CN"].translation).sort());
  });
  it("no translation is empty", () => {
    for (const lang of Object.values(resources)) {
      const flat = keys(lang.translation);
      expect(flat.length).toBeGreaterThan(100);
      for (const key of flat) {
        const value = key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], lang.translation);
        expect(value, key).not.toBe("");
      }
    }
  });
});

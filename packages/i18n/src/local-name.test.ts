import { describe, expect, it } from "vitest";
import { localName } from "./index";

describe("localName", () => {
  it("reads the name in the reader's language", () => {
    expect(localName(true, "笔记本电脑", "Laptops")).toBe("笔记本电脑");
    expect(localName(false, "笔记本电脑", "Laptops")).toBe("Laptops");
  });

  it("falls back to the other language when a name is missing or blank", () => {
    expect(localName(false, "华为", null)).toBe("华为");
    expect(localName(false, "华为", "")).toBe("华为");
    expect(localName(true, null, "Unassigned")).toBe("Unassigned");
    expect(localName(true, null, undefined)).toBeNull();
  });
});

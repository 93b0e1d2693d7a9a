import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect";

describe("safeRedirect", () => {
  it.each([
    "//evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/\u0000",
    "\n",
    "%0a",
    "/%0a/evil.example",
    "/%0d%0aSet-Cookie:%20x=1",
    "/%2F%2Fevil.example",
    "/%2f/evil.example",
    "/%5C%5Cevil.example",
    "/%E0%A4%A",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "https://evil.example",
    "http:evil.example",
    "evil.example",
    "",
    " /orders",
    "/" + "a".repeat(2001),
  ])("refuses %j", (input) => {
    expect(safeRedirect(input)).toBe("/");
    expect(safeRedirect(input, "/account")).toBe("/account");
  });

  it.each([null, undefined, new File(["/orders"], "x.txt")])("refuses a non-string (%s)", (input) => {
    expect(safeRedirect(input)).toBe("/");
  });

  it.each([
    ["/", "/"],
    ["/orders", "/orders"],
    ["/orders/SO-2026-000123?tab=lines&q=%E6%89%93%E5%8D%B0#x", "/orders/SO-2026-000123?tab=lines&q=%E6%89%93%E5%8D%B0#x"],
    ["/catalog?q=a%2Fb", "/catalog?q=a%2Fb"],
    ["/a/../account", "/account"],
  ])("keeps the same-app path %j", (input, expected) => {
    expect(safeRedirect(input)).toBe(expected);
  });
});

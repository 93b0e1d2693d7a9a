import { describe, expect, it } from "vitest";
import { likePattern, listQuerySchema } from "./list-query";

describe("likePattern", () => {
  it.each([
    ["星辰", "%星辰%"],
    ["100%", "%100\\%%"],
    ["a_b", "%a\\_b%"],
    ["back\\slash", "%back\\\\slash%"],
    ["%_%", "%\\%\\_\\%%"],
  ])("%s → %s", (q, pattern) => {
    expect(likePattern(q)).toBe(pattern);
  });
});

describe("listQuerySchema", () => {
  const schema = listQuerySchema(["name", "code"] as const, "name");

  it("reads a valid query", () => {
    expect(schema.parse({ page: "3", size: "50", sort: "code", dir: "desc", q: " 北京 " })).toEqual({
      page: 3,
      size: 50,
      sort: "code",
      dir: "desc",
      q: "北京",
    });
  });

  it.each([
    ["nothing", {}],
    ["garbage", { page: "x", size: "7", sort: "password", dir: "up", q: "   " }],
    ["out of range", { page: "0", size: "1000", q: "x".repeat(101) }],
  ])("falls back to defaults for %s", (_what, raw) => {
    expect(schema.parse(raw)).toEqual({ page: 1, size: 20, sort: "name", dir: "asc", q: undefined });
  });
});

import { describe, expect, it } from "vitest";
import { pgArray } from "./pg-array";

describe("pgArray", () => {
  it.each([
    [[], "{}"],
    [["a", "b"], '{"a","b"}'],
    [['say "hi"', "back\\slash"], '{"say \\"hi\\"","back\\\\slash"}'],
    [["a,b", "{x}", "line\nbreak"], '{"a,b","{x}","line\nbreak"}'],
    [[null, undefined, "NULL", 3], '{NULL,NULL,"NULL","3"}'],
  ] as const)("%j → %s", (values, literal) => {
    expect(pgArray(values)).toBe(literal);
  });
});

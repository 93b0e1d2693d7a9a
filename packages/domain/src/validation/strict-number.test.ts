import { describe, expect, it } from "vitest";
import { z } from "zod";
import { strictNumber } from "./fields";

const quantity = strictNumber(z.number({ error: "validation.quantityPositive" }).int("validation.quantityPositive").min(0, "validation.quantityPositive"));

describe("strictNumber", () => {
  it.each([["3", 3], [" 12 ", 12], ["+7", 7], ["0", 0], ["", 0], [5, 5]] as [unknown, number][])("reads %j as %d", (input, expected) => {
    expect(quantity.parse(input)).toBe(expected);
  });

  it.each(["1e3", "0x10", "0b11", "0o7", "Infinity", "NaN", "1_000", "1 000", "１２", "3abc", "1.5", "-1", "99999999999999999"])("refuses %j", (input) => {
    const result = quantity.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("validation.quantityPositive");
  });
});

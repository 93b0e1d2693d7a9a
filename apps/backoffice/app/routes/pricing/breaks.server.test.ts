import { describe, expect, it } from "vitest";
import { ValidationError } from "@cs/domain";
import { readBreaks } from "./breaks.server";

describe("readBreaks", () => {
  it("drops empty rows and maps errors back to the row typed in", () => {
    const form = new FormData();
    form.set("sku", "MON-1");
    form.set("breaks.0.minQuantity", "1");
    form.set("breaks.0.price", "100");
    form.set("breaks.3.minQuantity", "1");
    form.set("breaks.3.price", "90");
    const { input, remap } = readBreaks(form);
    expect(input).toEqual({ sku: "MON-1", breaks: [{ minQuantity: "1", price: "100" }, { minQuantity: "1", price: "90" }] });
    const mapped = remap(new ValidationError({ "breaks.1.minQuantity": ["pricing.errors.breaksUnique"], sku: ["x"] })) as ValidationError;
    expect(mapped.fieldErrors).toEqual({ "breaks.3.minQuantity": ["pricing.errors.breaksUnique"], sku: ["x"] });
  });
});

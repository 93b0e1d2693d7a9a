import { describe, expect, it } from "vitest";
import { articleFormValues } from "./form.server";

describe("articleFormValues", () => {
  it("keeps every product line ticked, not just the last, beside the flat fields", () => {
    const form = new FormData();
    form.append("title", "屏幕闪烁排查");
    form.append("productLineIds", "pl-1");
    form.append("productLineIds", "pl-2");
    const values = articleFormValues(form);
    expect(values.productLineIds).toEqual(["pl-1", "pl-2"]);
    expect(values).toMatchObject({ title: "屏幕闪烁排查" });
  });

  it("gives an empty list when no product line is ticked", () => {
    expect(articleFormValues(new FormData()).productLineIds).toEqual([]);
  });
});

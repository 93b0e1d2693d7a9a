import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { StackedCell, stackedHeaderClass } from "./stacked-table";

const td = (props: Parameters<typeof StackedCell>[0]) => renderToStaticMarkup(createElement("tr", null, createElement(StackedCell, props)));

describe("StackedCell", () => {
  it("gives a value cell its column's name as data-label, shown before the value only below sm", () => {
    const html = td({ label: "可用", align: "right", children: "1,200" });
    expect(html).toContain('data-label="可用"');
    expect(html).toContain("before:content-[attr(data-label)]");
    expect(html).toContain("sm:before:content-none");
    // the DOM text stays the value alone: desktop reads and tests see what they always saw
    expect(html.replace(/<[^>]+>/g, "")).toBe("1,200");
    expect(html).toMatch(/class="[^"]*sm:text-right/);
  });

  it("labels neither the row's title cell nor a cell spanning the row", () => {
    expect(td({ title: true, label: "SKU", children: "DL-1" })).not.toContain("data-label");
    expect(td({ colSpan: 5, label: "x", children: "没有记录" })).not.toContain("data-label");
  });
});

describe("stackedHeaderClass", () => {
  it("keeps only the headers that do something (sort links) on the phone, every header from sm up", () => {
    expect(stackedHeaderClass("left", true).split(" ")).toEqual(expect.arrayContaining(["inline-block", "sm:table-cell"]));
    expect(stackedHeaderClass("left", false).split(" ")).toEqual(expect.arrayContaining(["hidden", "sm:table-cell"]));
  });
});

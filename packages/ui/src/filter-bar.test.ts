import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createRoutesStub } from "react-router";
import { describe, expect, it } from "vitest";
import { FilterBar } from "./filter-bar";

/** The markup of one FilterBar rendered at `url`, inside a real router. */
function render(url: string, props: Omit<Parameters<typeof FilterBar>[0], "children">) {
  const field = createElement("label", null, "Search", createElement("input", { name: "q", type: "search" }));
  const Stub = createRoutesStub([{ path: "/stock", Component: () => createElement(FilterBar, { ...props, children: field }) }]);
  return renderToStaticMarkup(createElement(Stub, { initialEntries: [url] }));
}

describe("FilterBar", () => {
  it("is a GET search form with the fields, the hidden state that rides along, a submit button and a reset link", () => {
    const html = render("/stock?q=x&cols=sku&cols=minimum", {
      labels: { submit: "筛选", reset: "重置" },
      resetTo: "/stock",
      keep: { sort: "sku", dir: "asc", size: 50, empty: "", missing: undefined },
      keepColumns: true,
      className: "sm:grid-cols-4",
    });
    const form = html.match(/^<form [^>]*>/)?.[0] ?? "";
    expect(form).toContain('method="get"');
    expect(form).toContain('role="search"');
    expect(form).toMatch(/class="mb-4 grid [^"]*sm:grid-cols-4"/);
    expect(html).toContain('<label>Search<input type="search" name="q"/></label>');
    for (const [name, value] of [["sort", "sku"], ["dir", "asc"], ["size", "50"], ["cols", "sku"], ["cols", "minimum"]])
      expect(html).toContain(`<input type="hidden" name="${name}" value="${value}"/>`);
    expect(html).not.toContain('name="empty"');
    expect(html).not.toContain('name="missing"');
    expect(html).toMatch(/<button type="submit"[^>]*>筛选<\/button>/);
    expect(html).toMatch(/<a [^>]*href="\/stock"[^>]*>重置<\/a>/);
  });

  it("leaves out the reset link when there is nowhere to reset to, and the columns unless asked", () => {
    const html = render("/stock?cols=sku", { labels: { submit: "Search", reset: "Reset" } });
    expect(html).toMatch(/<button type="submit"[^>]*>Search<\/button>/);
    expect(html).not.toContain("Reset");
    expect(html).not.toContain('name="cols"');
  });
});

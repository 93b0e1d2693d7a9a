import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DetailTable, type DetailColumn } from "./detail-table";

type Line = { id: string; sku: string; name: string; total: string };
const columns: DetailColumn<Line>[] = [
  { id: "sku", header: "SKU", cell: (l) => l.sku },
  { id: "name", header: "产品", phoneTitle: true, cell: (l) => l.name },
  { id: "total", header: "金额", align: "right", cell: (l) => l.total },
];
const render = (props: Partial<Parameters<typeof DetailTable<Line>>[0]> = {}) =>
  renderToStaticMarkup(
    createElement(DetailTable<Line>, { caption: "订单明细", columns, rows: [{ id: "1", sku: "NB-1", name: "笔记本", total: "¥10.00" }], getRowId: (l) => l.id, ...props }),
  );

describe("DetailTable", () => {
  it("stacks each line as a card on a phone: the phoneTitle column titles it, the others are labelled lines", () => {
    const html = render();
    expect(html).toContain('<caption class="sr-only">订单明细</caption>');
    // the title cell has no label and moves first; the others carry their column's name
    expect(html).toMatch(/<td class="[^"]*max-sm:order-first[^"]*"><span[^>]*>笔记本<\/span><\/td>/);
    expect(html).toContain('data-label="SKU"');
    expect(html).toContain('data-label="金额"');
    expect(html).not.toContain('data-label="产品"');
    // headers name nothing sortable, so they hide on the phone (the labels do their job)
    expect(html).toMatch(/<thead class="hidden [^"]*sm:table-header-group"/);
  });

  it("puts totals under the lines, labelled by column, and an empty list's message in place of rows", () => {
    const html = render({ totals: { label: "合计", values: { total: "¥10.00" } } });
    expect(html).toMatch(/<tfoot[^>]*>.*合计.*data-label="金额".*¥10\.00.*<\/tfoot>/);
    const empty = render({ rows: [], empty: "没有记录" });
    expect(empty).toContain("没有记录");
    expect(empty).toContain('colSpan="3"');
  });
});

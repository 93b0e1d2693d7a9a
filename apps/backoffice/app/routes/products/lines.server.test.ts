import { describe, expect, it } from "vitest";
import { productLineOptions } from "./lines.server";

describe("productLineOptions", () => {
  it("lists every line of every division once, with its division's names beside its own", () => {
    const tree = [
      { id: "d1", code: "PC", nameZh: "电脑", nameEn: "Computers", lines: [{ id: "l1", code: "NB", nameZh: "笔记本", nameEn: "Notebooks" }, { id: "l2", code: "DT", nameZh: "台式机", nameEn: "Desktops" }] },
      { id: "d2", code: "PR", nameZh: "外设", nameEn: "Peripherals", lines: [] },
      { id: "d3", code: "MN", nameZh: "显示器", nameEn: "Monitors", lines: [{ id: "l3", code: "MON", nameZh: "显示器", nameEn: "Monitors" }] },
    ] as unknown as Parameters<typeof productLineOptions>[0];
    expect(productLineOptions(tree)).toEqual([
      { id: "l1", code: "NB", nameZh: "笔记本", nameEn: "Notebooks", divisionZh: "电脑", divisionEn: "Computers" },
      { id: "l2", code: "DT", nameZh: "台式机", nameEn: "Desktops", divisionZh: "电脑", divisionEn: "Computers" },
      { id: "l3", code: "MON", nameZh: "显示器", nameEn: "Monitors", divisionZh: "显示器", divisionEn: "Monitors" },
    ]);
  });
});

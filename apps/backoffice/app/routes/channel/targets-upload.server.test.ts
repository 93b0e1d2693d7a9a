import { describe, expect, it } from "vitest";
import { readTargetSheet } from "./targets-upload.server";

const file = (content: BlobPart, name: string) => new File([content], name);

describe("readTargetSheet", () => {
  it("skips the template's header (no date in the period-start column) and blank rows, keeping the row numbers the user sees", async () => {
    const csv = "\uFEFF伙伴编码,事业部,期间开始,期间结束,目标金额（元）\nDL-0001,,2026-01-01,2026-03-31,120000\n,,,,\nDL-0002,PC,2026/04/01,2026/06/30,80000.50\nDL-0003,,下月,2026-06-30,1\n";
    expect(await readTargetSheet(file(csv, "targets.csv"))).toEqual({
      rows: [
        { row: 2, cells: ["DL-0001", "", "2026-01-01", "2026-03-31", "120000"] },
        { row: 4, cells: ["DL-0002", "PC", "2026/04/01", "2026/06/30", "80000.50"] },
        // a later row without a date is data with an error, for the import to report on its row
        { row: 5, cells: ["DL-0003", "", "下月", "2026-06-30", "1"] },
      ],
    });
  });

  it("keeps a first row that already holds a date: a sheet without a header loses nothing", async () => {
    const result = await readTargetSheet(file("DL-0001,,2026-01-01,2026-03-31,1\n", "t.csv"));
    expect(result).toEqual({ rows: [{ row: 1, cells: ["DL-0001", "", "2026-01-01", "2026-03-31", "1"] }] });
  });

  it("cuts extra columns to the five the import reads; a short row stays as short as it was", async () => {
    const result = await readTargetSheet(file("DL-0001,,2026-01-01,2026-03-31,1,extra\nDL-0002,,2026-01-01\n", "t.csv"));
    expect(result).toEqual({
      rows: [
        { row: 1, cells: ["DL-0001", "", "2026-01-01", "2026-03-31", "1"] },
        { row: 2, cells: ["DL-0002", "", "2026-01-01"] },
      ],
    });
  });

  it("names a missing, empty or foreign file in the import's own messages", async () => {
    expect(await readTargetSheet(null)).toEqual({ error: "channel.import.noFile" });
    expect(await readTargetSheet(file("", "t.csv"))).toEqual({ error: "channel.import.noFile" });
    expect(await readTargetSheet(file("x", "targets.pdf"))).toEqual({ error: "channel.import.badType" });
  });
});

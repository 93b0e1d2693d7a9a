import { describe, expect, it } from "vitest";
import { newPdf } from "@cs/domain/shared/pdf-table";
import { pdfText } from "./pdf-text";

describe("pdfText", () => {
  it("reads ligatures back (pdfkit maps fi / ffi / fl to several code units, <0066 0069>)", async () => {
    // A random invoice suffix holding "fi" shifted every character after it and failed a statement test now and then.
    const { doc, done } = newPdf("t", "a");
    doc.font("cjk").fontSize(10).text("INV-T-00002-fi9x office fl 回款 ¥850.00 招行回单 B");
    doc.font("cjk-bold").text("销售发票 ¥250.00");
    doc.end();
    expect(pdfText(await done)).toBe("INV-T-00002-fi9x office fl 回款 ¥850.00 招行回单 B\n销售发票 ¥250.00");
  });
});

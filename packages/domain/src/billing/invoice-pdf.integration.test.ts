import { createInstance, type TFunction } from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { resources } from "@cs/i18n";
import type { Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { ctxOf, orgByCode, seedDemoData } from "@cs/testing/demo";
import { createTestInvoice } from "@cs/testing/billing";
import { createTestProduct } from "@cs/testing/inventory";
import { pdfEmbeddedFonts, pdfText } from "@cs/testing/pdf-text";
import { NotFoundError } from "../shared/errors";
import { getInvoice } from "./finance-queries";
import { invoiceFile } from "./statement-files";

let db: Database;
let t: TFunction;
let invoiceId: string;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  const i18n = createInstance();
  await i18n.init({ lng: "zh-CN", resources, interpolation: { escapeValue: false } });
  t = i18n.t;
  const productId = await createTestProduct(db, "INV-PDF-1");
  const dealer = await orgByCode(db, "DL-0001");
  invoiceId = (await createTestInvoice(db, { organizationId: dealer.id, productId, totalFen: 11_300n, issuedOn: "2026-11-02", dueOn: "2026-12-02" })).id;
});

describe("invoice PDF", () => {
  it("carries the invoice's number, partner, lines with VAT and totals as text, in the embedded CJK font", async () => {
    const detail = await getInvoice(await ctxOf(db, "dealer@demo.cn"), invoiceId);
    const file = await invoiceFile(detail, t, (l) => l.nameZh);
    expect(file).toMatchObject({ format: "pdf", name: `销售发票-${detail.invoice.number}.pdf`, asciiName: `invoice-${detail.invoice.number}.pdf` });
    const pdf = Buffer.from(file.body);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdfEmbeddedFonts(pdf).map((f) => f.baseFont.replace(/^[A-Z]{6}\+/, ""))).toContain("NotoSansHans-Regular");
    const text = pdfText(pdf);
    for (const expected of ["华信达科技 · 销售发票", detail.invoice.number, detail.partner, "INV-PDF-1", "¥100.00", "¥13.00", "¥113.00", "13%", "2026-12-02"])
      expect(text).toContain(expected);
    expect(text).not.toContain("\uFFFD");
  });

  it("is not found for another partner (the download goes through the same scoped read)", async () => {
    await expect(getInvoice(await ctxOf(db, "dealer2@demo.cn"), invoiceId)).rejects.toBeInstanceOf(NotFoundError);
  });
});

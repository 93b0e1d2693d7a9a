import ExcelJS from "exceljs";
import { eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { invoiceLines, invoices, productLines, products, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import type { Ctx } from "../shared/context";
import { shanghaiToday } from "../shared/dates";
import { getProduct, saveProduct } from "../products/save";
import { ctxOf, newKey, orgByCode, seedDemoData } from "@cs/testing/demo";
import { expectDomainError } from "@cs/testing/billing";
import { fieldErrorsOf } from "@cs/testing/errors";
import { locationIdOf } from "@cs/testing/inventory";
import { createShippedOrder } from "@cs/testing/shipped-order";
import { expectUnchanged } from "@cs/testing/unchanged";
import { issuedInvoicesForEinvoicing } from "./einvoice-export";
import { EINVOICE_INVOICE_COLUMNS, EINVOICE_LINE_COLUMNS, EINVOICE_SHEETS, einvoiceFile } from "./einvoice-xlsx";
import { shipOrder } from "./ship";
import { splitVat } from "./vat";

let db: Database;
let manager: Ctx;
let finance: Ctx;
let warehouse: Ctx;
let dealer: Ctx;
let lineId: string;
const today = shanghaiToday();

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  [manager, finance, warehouse, dealer] = (await Promise.all(["manager@demo.cn", "finance@demo.cn", "warehouse@demo.cn", "dealer@demo.cn"].map((l) => ctxOf(db, l)))) as [Ctx, Ctx, Ctx, Ctx];
  const [line] = await db.select({ id: productLines.id }).from(productLines).limit(1);
  lineId = line!.id;
});

const productForm = (over: Record<string, string> = {}) => ({
  _key: newKey(),
  sku: "TAX-SVC-01",
  nameZh: "上门安装服务",
  nameEn: "On-site installation",
  productLineId: lineId,
  unit: "each",
  listPrice: "300",
  cost: "120",
  warrantyMonths: "0",
  active: "on",
  taxCode: "3049900000000000000",
  taxRate: "6",
  ...over,
});

describe("tax per product", () => {
  it("keeps the 19-digit classification code and the rate in basis points, 13% when the form leaves the rate out", async () => {
    const { id } = await saveProduct(manager, undefined, productForm({ taxCode: "304 9900 0000 0000 0000" }));
    expect(await getProduct(manager, id)).toMatchObject({ taxCode: "3049900000000000000", taxRateBp: 600 });
    const { taxRate: _omitted, ...withoutRate } = productForm({ sku: "TAX-GOODS-01", taxCode: "" });
    const goods = await saveProduct(manager, undefined, withoutRate);
    expect(await getProduct(manager, goods.id)).toMatchObject({ taxCode: null, taxRateBp: 1300 });
  });

  it("refuses a code that is not 19 digits of a known chapter and a rate other than 13, 9, 6 or 0, changing nothing", async () => {
    for (const taxCode of ["304990000000000000", "7049900000000000000", "30499000000000000AB"])
      expect(await expectUnchanged(db, () => fieldErrorsOf(saveProduct(manager, undefined, productForm({ sku: "TAX-BAD", taxCode }))))).toEqual({ taxCode: ["invoicing.errors.taxCode"] });
    for (const taxRate of ["10", "3", "13.5", "0.13", "-6", "abc"])
      expect(await expectUnchanged(db, () => fieldErrorsOf(saveProduct(manager, undefined, productForm({ sku: "TAX-BAD", taxRate }))))).toEqual({ taxRate: ["invoicing.errors.taxRate"] });
    // the database refuses the same, whatever the code does
    await expect(db.update(products).set({ taxRateBp: 1000 }).where(eq(products.sku, "TAX-SVC-01"))).rejects.toThrow();
  });
});

describe("invoices at the product's rate", () => {
  it("splits each line at its product's rate when invoiced and copies the buyer's name and credit code", async () => {
    const o = await createShippedOrder(db, {
      lines: [
        { sku: "TAX-HW-1", quantity: 2, unitPriceFen: 11_300n },
        { sku: "TAX-SV-1", quantity: 3, unitPriceFen: 10_600n, ship: 0 },
      ],
    });
    // the service product is reclassified to 6% before it is invoiced: its invoice takes 6%
    await db.update(products).set({ taxRateBp: 600 }).where(eq(products.id, o.productIds[1]!));
    const second = await shipOrder(warehouse, { _key: newKey(), orderId: o.orderId, fromLocationId: await locationIdOf(db, "WH-BJ"), carrier: "顺丰", trackingNumber: "SF-TAX", lines: [{ orderLineId: o.lineIds[1]!, quantity: 3 }] });
    const [hw] = await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, o.invoiceId));
    const [sv] = await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, second.invoiceId));
    expect(hw).toMatchObject({ taxRateBp: 1300, grossFen: 22_600n, taxFen: 2_600n, netFen: 20_000n });
    expect(sv).toMatchObject({ taxRateBp: 600, grossFen: 31_800n, taxFen: splitVat(31_800n, 600).taxFen, netFen: 30_000n });
    const buyer = await orgByCode(db, "DL-0001");
    const [invoice] = await db.select().from(invoices).where(eq(invoices.id, second.invoiceId));
    expect(invoice).toMatchObject({ buyerName: buyer.name, buyerTaxId: buyer.taxId, taxFen: 1_800n, totalFen: 31_800n });
  });
});

describe("the 数电票 batch export", () => {
  it("refuses, naming them, products without a classification code and buyers without a valid credit code", async () => {
    await expectUnchanged(db, () => expectDomainError(issuedInvoicesForEinvoicing(finance, { from: today, to: today }), { code: "invoicing.errors.exportUnclassified" }));
    await db.update(products).set({ taxCode: "1090511990000000000" }).where(isNull(products.taxCode));
    const [invoice] = await db.select().from(invoices).where(eq(invoices.kind, "invoice")).orderBy(invoices.number).limit(1);
    const buyerTaxId = invoice!.buyerTaxId;
    await db.update(invoices).set({ buyerTaxId: "91110000600037341K" }).where(eq(invoices.id, invoice!.id));
    await expectDomainError(issuedInvoicesForEinvoicing(finance, { from: invoice!.issuedOn, to: invoice!.issuedOn }), { code: "invoicing.errors.exportBuyerCode" });
    await db.update(invoices).set({ buyerTaxId }).where(eq(invoices.id, invoice!.id));
  });

  it("refuses a period that ends before it starts or spans more than 92 days, and a partner", async () => {
    await expectDomainError(issuedInvoicesForEinvoicing(finance, { from: "2026-05-01", to: "2026-04-30" }), { code: "invoicing.errors.exportRange" });
    await expectDomainError(issuedInvoicesForEinvoicing(finance, { from: "2026-01-01", to: "2026-04-30" }), { code: "invoicing.errors.exportRange" });
    await expectDomainError(issuedInvoicesForEinvoicing(finance, { from: "2026-13-01", to: "" }), { fields: { from: ["validation.date"], to: ["validation.required"] } });
    await expectDomainError(issuedInvoicesForEinvoicing(dealer, { from: today, to: today }), { code: "errors.forbidden" });
  });

  it("writes the bureau's two sheets, read back by their headers: one row per invoice, one per line with code, rate and tax-inclusive amounts", async () => {
    const batch = await issuedInvoicesForEinvoicing(finance, { from: today, to: today });
    const file = await einvoiceFile(batch, "华信达");
    expect(file).toMatchObject({ format: "xlsx", asciiName: `einvoice-batch-${today}-${today}.xlsx` });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.body as unknown as ArrayBuffer);
    const rowsOf = (name: string) => {
      const sheet = book.getWorksheet(name)!;
      const [head, ...rest] = (sheet.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
      return { head, rows: rest.map((r) => Object.fromEntries(head!.map((h, i) => [String(h), r[i] ?? null]))) };
    };
    const heads = rowsOf(EINVOICE_SHEETS.invoices);
    const lines = rowsOf(EINVOICE_SHEETS.lines);
    expect(heads.head).toEqual([...EINVOICE_INVOICE_COLUMNS]);
    expect(lines.head).toEqual([...EINVOICE_LINE_COLUMNS]);
    expect(heads.rows).toHaveLength(batch.invoices.length);

    const service = await db.select({ number: invoices.number }).from(invoices).innerJoin(invoiceLines, eq(invoiceLines.invoiceId, invoices.id)).innerJoin(products, eq(products.id, invoiceLines.productId)).where(eq(products.sku, "TAX-SV-1"));
    const buyer = await orgByCode(db, "DL-0001");
    expect(heads.rows.find((r) => r["发票流水号"] === service[0]!.number)).toMatchObject({ 发票类型: "增值税专用发票", 是否含税: "是", 购买方名称: buyer.name, 购买方纳税人识别号: buyer.taxId });
    expect(lines.rows.filter((r) => r["发票流水号"] === service[0]!.number)).toEqual([
      { 发票流水号: service[0]!.number, 项目名称: "测试TAX-SV-1", 商品和服务税收分类编码: "1090511990000000000", 规格型号: "TAX-SV-1", 单位: "台", 数量: 3, 单价: 106, 金额: 318, 税率: 0.06, 折扣金额: null },
    ]);
    // every exported line is tax-inclusive at its rate, and the sheets add up to the invoices
    const total = lines.rows.reduce((s, r) => s + Math.round(Number(r["金额"]) * 100), 0);
    expect(BigInt(total)).toBe(batch.invoices.reduce((s, i) => s + i.totalFen, 0n));
    // credit notes are not exported
    expect(batch.invoices.every((i) => i.number.startsWith("INV-"))).toBe(true);
  });
});

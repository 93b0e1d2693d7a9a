import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { productLines, products, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { ConflictError, NotFoundError, ValidationError } from "../shared/errors";
import type { Ctx } from "../shared/context";
import { auditOf, ctxOf, newKey, seedDemoData } from "@cs/testing/demo";
import { expectUnchanged } from "@cs/testing/unchanged";
import { listProducts, productListQuery } from "./list";
import { getProduct, saveProduct } from "./save";

let db: Database;
let manager: Ctx;
let lineId: string;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  manager = await ctxOf(db, "manager@demo.cn");
  const [line] = await db.select({ id: productLines.id }).from(productLines).limit(1);
  lineId = line!.id;
});

const form = (over: Record<string, string> = {}) => ({
  _key: newKey(),
  sku: "pm-nb-01",
  nameZh: "测试笔记本",
  nameEn: "Test notebook",
  productLineId: lineId,
  unit: "pcs",
  listPrice: "5,999.00",
  cost: "4200.50",
  serialized: "on",
  warrantyMonths: "24",
  extendedWarrantyMonths: "",
  active: "on",
  ...over,
});

describe("saveProduct", () => {
  it("creates a product with prices in fen and an upper-case SKU, audited, once per form key", async () => {
    const input = form();
    const { id } = await saveProduct(manager, undefined, input);
    const row = await getProduct(manager, id);
    expect(row).toMatchObject({ sku: "PM-NB-01", nameEn: "Test notebook", listPriceFen: 599_900n, costFen: 420_050n, serialized: true, warrantyMonths: 24, extendedWarrantyMonths: null, active: true });
    expect((await auditOf(db, id)).map((a) => a.action)).toEqual(["product.create"]);
    // the same form sent again (a double click, a retried request) returns the same product and writes nothing
    await expectUnchanged(db, async () => expect(await saveProduct(manager, undefined, input)).toEqual({ id }));
  });

  it("refuses a taken SKU, bad prices and months, and an unknown line, changing nothing", async () => {
    await expectUnchanged(db, () => expect(saveProduct(manager, undefined, form({ sku: "PM-NB-01" }))).rejects.toBeInstanceOf(ConflictError));
    const bad = await saveProduct(manager, undefined, form({ sku: "PM 2", listPrice: "-1", cost: "abc", warrantyMonths: "1.5", extendedWarrantyMonths: "0", unit: "kg" })).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ValidationError);
    expect(Object.keys((bad as ValidationError).fieldErrors).sort()).toEqual(["cost", "extendedWarrantyMonths", "listPrice", "sku", "unit", "warrantyMonths"]);
    await expectUnchanged(db, () => expect(saveProduct(manager, undefined, form({ sku: "PM-NB-02", productLineId: "00000000-0000-4000-8000-000000000000" }))).rejects.toBeInstanceOf(ValidationError));
  });

  it("refuses everyone without product:manage, and partners get not found for an edit", async () => {
    for (const login of ["sales.bj@demo.cn", "marketing@demo.cn", "dealer@demo.cn"]) {
      const ctx = await ctxOf(db, login);
      await expectUnchanged(db, () => expect(saveProduct(ctx, undefined, form({ sku: "PM-NOPE" }))).rejects.toThrow(/product:manage/));
    }
    await expectUnchanged(db, () => expect(getProduct(manager, "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError));
  });

  it("edits with the changed fields in the audit, and a retired product leaves the partners' catalogue but stays in the staff list", async () => {
    const { id } = await saveProduct(manager, undefined, form({ sku: "PM-RET-01" }));
    await saveProduct(manager, id, form({ sku: "PM-RET-01", listPrice: "6,199.00", active: "" }));
    const [row] = await db.select().from(products).where(eq(products.id, id));
    expect(row).toMatchObject({ listPriceFen: 619_900n, active: false });
    const audit = await auditOf(db, id);
    expect(audit.map((a) => a.action)).toEqual(["product.create", "product.update"]);
    expect(audit[1]!.before).toEqual({ listPriceFen: "599900", active: true });
    expect(audit[1]!.after).toEqual({ listPriceFen: "619900", active: false });
    // saving the same values again changes and audits nothing
    await expectUnchanged(db, () => saveProduct(manager, id, form({ sku: "PM-RET-01", listPrice: "6199", active: "" })));

    const dealer = await ctxOf(db, "dealer@demo.cn");
    const q = productListQuery.parse({ q: "PM-RET-01", status: "all" });
    expect((await listProducts(dealer, q)).rows).toEqual([]);
    expect((await listProducts(manager, q)).rows.map((r) => r.id)).toEqual([id]);
    expect((await listProducts(manager, productListQuery.parse({ q: "PM-RET-01" }))).rows).toEqual([]);
  });
});

import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { productLines, type Database } from "@cs/db";
import { testDb } from "../../../../../tests/db";
import type { Ctx } from "../../shared/context";
import { ConflictError, ForbiddenError, NotFoundError } from "../../shared/errors";
import { auditOf, ctxOf, newKey, seedDemoData } from "@cs/testing/demo";
import { fieldErrorsOf } from "@cs/testing/errors";
import { checkPrice } from "./check";
import { deleteContractPrice, listContractPrices, saveContractPrice, contractPriceQuery } from "./contracts";
import { listPriceListItems, listPriceLists, priceListItemQuery, priceListQuery, removePriceListItem, savePriceList, setPriceListItem } from "./price-lists";
import { listPromotions, promotionQuery, savePromotion } from "./promotions";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;
let admin: Ctx;
let salesBj: Ctx;
const ON = "2026-06-15";

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  admin = await ctxOf(db, "admin@demo.cn");
  salesBj = await ctxOf(db, "sales.bj@demo.cn");
});

const listForm = (over: Record<string, string> = {}) => ({ code: "pl-test", nameZh: "测试价格表", nameEn: "Test list", partnerKind: "agent", validFrom: "2026-06-01", validTo: "", active: "on", ...over });
const check = (organizationCode: string, sku: string, quantity: number, on = ON) => checkPrice(admin, { organizationCode, sku, quantity: String(quantity), on });

describe("price lists", () => {
  it("creates once per key, validates dates and codes, and refuses a code in use", async () => {
    expect(await expectUnchanged(db, () => fieldErrorsOf(savePriceList(admin, undefined, { ...listForm({ validTo: "2026-05-31" }), _key: newKey() })))).toEqual({ validTo: ["pricing.errors.dateOrder"] });
    expect(await expectUnchanged(db, () => fieldErrorsOf(savePriceList(admin, undefined, { ...listForm({ code: "a b" }), _key: newKey() })))).toEqual({ code: ["pricing.errors.code"] });
    const key = newKey();
    const { id } = await savePriceList(admin, undefined, { ...listForm(), _key: key });
    expect(await savePriceList(admin, undefined, { ...listForm(), _key: key })).toEqual({ id });
    await expectUnchanged(db, () => expect(savePriceList(admin, undefined, { ...listForm(), _key: newKey() })).rejects.toBeInstanceOf(ConflictError));
    await expectUnchanged(db, () => expect(savePriceList(salesBj, undefined, { ...listForm({ code: "PL-X" }), _key: newKey() })).rejects.toBeInstanceOf(ForbiddenError));
    const page = await listPriceLists(salesBj, priceListQuery.parse({ q: "pl-test" }));
    expect(page.rows).toEqual([expect.objectContaining({ id, code: "PL-TEST", partnerKind: "agent", products: 0 })]);
    expect((await auditOf(db, id)).map((a) => a.action)).toEqual(["price_list.create"]);
  });

  it("sets a product's breaks (unique, from 1, falling) and the resolver uses them", async () => {
    const { id } = await savePriceList(admin, undefined, { ...listForm({ code: "PL-AG-SPECIAL", validFrom: "2026-06-01" }), _key: newKey() });
    const item = (breaks: [string, string][]) => ({ sku: "mon-24f-ips", breaks: breaks.map(([minQuantity, price]) => ({ minQuantity, price })) });
    expect(await expectUnchanged(db, () => fieldErrorsOf(setPriceListItem(admin, id, item([["1", "700"], ["1", "690"]]))))).toEqual({ "breaks.1.minQuantity": ["pricing.errors.breaksUnique"] });
    expect(await expectUnchanged(db, () => fieldErrorsOf(setPriceListItem(admin, id, item([["5", "700"]]))))).toEqual({ breaks: ["pricing.errors.breakBase"] });
    expect(await expectUnchanged(db, () => fieldErrorsOf(setPriceListItem(admin, id, item([["1", "700"], ["10", "710"]]))))).toEqual({ "breaks.1.price": ["pricing.errors.breaksDescending"] });
    expect(await expectUnchanged(db, () => fieldErrorsOf(setPriceListItem(admin, id, item([["1", "-1"]]))))).toEqual({ "breaks.0.price": ["validation.money"] });
    expect(await expectUnchanged(db, () => fieldErrorsOf(setPriceListItem(admin, id, { sku: "NOPE", breaks: [{ minQuantity: "1", price: "1" }] })))).toEqual({ sku: ["pricing.errors.unknownSku"] });
    await setPriceListItem(admin, id, item([["1", "700"], ["10", "650.50"]]));
    await setPriceListItem(admin, id, item([["1", "700"], ["10", "650.50"]]));
    const { page } = await listPriceListItems(admin, id, priceListItemQuery.parse({}));
    expect(page.rows).toEqual([expect.objectContaining({ sku: "MON-24F-IPS", breaks: [{ minQuantity: 1, unitPriceFen: 70_000n }, { minQuantity: 10, unitPriceFen: 65_050n }] })]);
    // agents now have two lists holding this product: the one that started last is in force
    const r = await check("AG-001", "MON-24F-IPS", 10, "2026-07-20");
    expect(r.price).toMatchObject({ unitPriceFen: 65_050n, rule: "volume_break", ruleCode: "PL-AG-SPECIAL", minQuantity: 10 });
    expect((await check("AG-001", "MON-24F-IPS", 1, "2026-07-20")).price).toMatchObject({ unitPriceFen: 70_000n, rule: "price_list", ruleCode: "PL-AG-SPECIAL" });
    expect(await removePriceListItem(admin, id, { productId: r.product.id })).toEqual({ removed: true });
    expect((await auditOf(db, id)).map((a) => a.action)).toEqual(["price_list.create", "price_list.item", "price_list.item_remove"]);
  });
});

describe("contract prices", () => {
  it("are saved for an organization in scope and win in the price check", async () => {
    const form = { organizationCode: "dl-0002", sku: "MON-27Q-IPS", minQuantity: "", price: "1,000.00", contractNo: "HT-T-1", validFrom: "2026-01-01", validTo: "2026-12-31" };
    expect(await expectUnchanged(db, () => fieldErrorsOf(saveContractPrice(admin, undefined, { ...form, organizationCode: "ZZ-9", _key: newKey() })))).toEqual({ organizationCode: ["pricing.errors.unknownOrganization"] });
    const { id } = await saveContractPrice(admin, undefined, { ...form, _key: newKey() });
    expect((await check("DL-0002", "MON-27Q-IPS", 1)).price).toMatchObject({ rule: "contract", unitPriceFen: 100_000n, ruleCode: "HT-T-1" });
    expect((await check("DL-0002", "MON-27Q-IPS", 1, "2027-01-01")).price!.rule).not.toBe("contract");
    // DL-0002 belongs to Shanghai: the Beijing salesperson neither sees nor checks it
    expect((await listContractPrices(salesBj, contractPriceQuery.parse({ q: "HT-T-1" }))).total).toBe(0);
    expect((await listContractPrices(admin, contractPriceQuery.parse({ q: "HT-T-1" }))).rows).toEqual([expect.objectContaining({ id, organizationCode: "DL-0002", unitPriceFen: 100_000n })]);
    expect(await expectUnchanged(db, () => fieldErrorsOf(checkPrice(salesBj, { organizationCode: "DL-0002", sku: "MON-27Q-IPS", quantity: "1" })))).toEqual({ organizationCode: ["pricing.errors.unknownOrganization"] });
    await deleteContractPrice(admin, id);
    await expectUnchanged(db, () => expect(deleteContractPrice(admin, id)).rejects.toBeInstanceOf(NotFoundError));
  });
});

describe("promotions", () => {
  it("validate discount range, target and dates, and apply from the first day", async () => {
    const [line] = await db.select().from(productLines).where(eq(productLines.code, "KM"));
    const form = { code: "promo-km", nameZh: "键鼠八折", nameEn: "Keyboards 20% off", target: "line", sku: "", productLineId: line!.id, partnerKind: "dealer", kind: "discount", discountPercent: "20", promoPrice: "", minQuantity: "1", startsOn: "2026-07-01", endsOn: "2026-07-31", active: "on" };
    for (const [discountPercent, errors] of [["0", ["pricing.errors.discount"]], ["100", ["pricing.errors.discount"]], ["5.555", ["pricing.errors.discount"]]] as const)
      expect(await expectUnchanged(db, () => fieldErrorsOf(savePromotion(admin, undefined, { ...form, discountPercent, _key: newKey() })))).toEqual({ discountPercent: errors });
    expect(await expectUnchanged(db, () => fieldErrorsOf(savePromotion(admin, undefined, { ...form, endsOn: "2026-06-30", _key: newKey() })))).toEqual({ endsOn: ["pricing.errors.dateOrder"] });
    expect(await expectUnchanged(db, () => fieldErrorsOf(savePromotion(admin, undefined, { ...form, target: "product", _key: newKey() })))).toEqual({ sku: ["validation.required"] });
    expect(await expectUnchanged(db, () => fieldErrorsOf(savePromotion(admin, undefined, { ...form, kind: "price", _key: newKey() })))).toEqual({ promoPrice: ["validation.required"] });
    const { id } = await savePromotion(admin, undefined, { ...form, _key: newKey() });
    const [before, first] = [await check("DL-0001", "KM-LOCK-K", 1, "2026-06-30"), await check("DL-0001", "KM-LOCK-K", 1, "2026-07-01")];
    expect(before.price!.rule).not.toBe("promotion");
    expect(first.price).toMatchObject({ rule: "promotion", ruleId: id, ruleCode: "PROMO-KM" });
    // agents are not in this promotion
    expect((await check("AG-001", "KM-LOCK-K", 1, "2026-07-01")).price!.rule).not.toBe("promotion");
    await savePromotion(admin, id, { ...form, active: "" });
    expect((await check("DL-0001", "KM-LOCK-K", 1, "2026-07-01")).price!.rule).not.toBe("promotion");
    const listed = await listPromotions(salesBj, promotionQuery.parse({ q: "promo-km" }));
    expect(listed.rows).toEqual([expect.objectContaining({ id, discountBp: 2000, lineZh: line!.nameZh, active: false })]);
    expect((await auditOf(db, id)).map((a) => a.action)).toEqual(["promotion.create", "promotion.update"]);
  });
});

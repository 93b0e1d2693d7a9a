import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { dealRegistrations, dealSpecialPrices, orders, organizations, productLines, products, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { cancelOrder } from "../orders/cancel-order";
import { editOrder } from "../orders/edit-order";
import { getOrder } from "../orders/get-order";
import { submitOrder } from "../orders/submit-order";
import { resolvePrices } from "../pricing/resolve";
import type { Ctx } from "../shared/context";
import { addDays, shanghaiToday } from "../shared/dates";
import { expectDomainError } from "@cs/testing/billing";
import { ctxOf, newKey, seedDemoData, unusedCreditCode } from "@cs/testing/demo";
import { readyBuyer, stockedProducts } from "@cs/testing/ordering";
import { expectUnchanged } from "@cs/testing/unchanged";
import { useSpecialPrices } from "./deal-prices";
import { decideDeal, registerDeal } from "./deals";
import { dealListQuery, getDealRegistration, listDealRegistrations } from "./deals-queries";

let db: Database;
let dealer: Ctx;
let buyer: Ctx;
let dealer2: Ctx;
let manager: Ctx;
let marketing: Ctx;
let orderDesk: Ctx;
let dealerOrg: string;
let dealer2Org: string;
let addressId: string;
let addressId2: string;
let productIds: string[];
let otherLineProduct: string;
let seed = 900;
const today = shanghaiToday();

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  const setup = await readyBuyer(db, "DL-0001");
  const setup2 = await readyBuyer(db, "DL-0002");
  dealerOrg = setup.org.id;
  dealer2Org = setup2.org.id;
  addressId = setup.addressId;
  addressId2 = setup2.addressId;
  dealer = await ctxOf(db, "dealer@demo.cn");
  buyer = await ctxOf(db, "buyer@demo.cn");
  dealer2 = await ctxOf(db, "dealer2@demo.cn");
  manager = await ctxOf(db, "manager@demo.cn");
  marketing = await ctxOf(db, "marketing@demo.cn");
  orderDesk = await ctxOf(db, "orderdesk@demo.cn");
  productIds = await stockedProducts(db, "DEAL", 2, setup.warehouses[0]!, 1000);
  const [, second] = await db.select({ id: productLines.id }).from(productLines).orderBy(productLines.code).limit(2);
  const [row] = await db.insert(products).values({ productLineId: second!.id, sku: "DEAL-OTHER-LINE", nameZh: "别的产品线", nameEn: "Other line", listPriceFen: 100_00n, costFen: 80_00n }).returning({ id: products.id });
  otherLineProduct = row!.id;
});

const code = () => unusedCreditCode(db, ++seed);
const register = (ctx: Ctx, creditCode: string, over: Record<string, unknown> = {}) =>
  registerDeal(ctx, {
    _key: newKey(),
    customerName: "北京某某医院",
    customerCreditCode: creditCode,
    expectedCloseOn: addDays(today, 30),
    competitor: "某品牌",
    lines: [{ productId: productIds[0], quantity: "10" }, { productId: productIds[1], quantity: "4" }],
    ...over,
  });
const approveWithSpa = (registrationId: string, quantity = "5") =>
  decideDeal(manager, { registrationId, decision: "approve", specialPriceReason: "医院集采项目竞价", prices: [{ productId: productIds[0], unitPrice: "80.00", quantity }] });
const priceFor = async (organizationId: string, productId: string, quantity: number, dealRegistrationId?: string) =>
  (await resolvePrices(db, { organizationId, lines: [{ productId, quantity }], dealRegistrationId }))!.get(productId)!;
const spaOf = async (registrationId: string) => (await db.select().from(dealSpecialPrices).where(eq(dealSpecialPrices.registrationId, registrationId)))[0]!;

describe("deal registration", () => {
  it("registers, keeps it to the partner (scope and RLS), and refuses bad input changing nothing", async () => {
    const creditCode = await code();
    const { registrationId, number } = await register(dealer, creditCode.toLowerCase());
    expect(number).toMatch(/^DR-\d{4}-\d{6}$/);
    const detail = await getDealRegistration(dealer, registrationId);
    expect(detail.registration.customerCreditCode).toBe(creditCode);
    expect(detail.lines.map((l) => l.quantity).sort()).toEqual([10, 4]);
    // isolation pair: the buyer of the same partner sees it, another partner neither by id, list nor raw SQL
    expect((await listDealRegistrations(buyer, dealListQuery.parse({}))).rows.map((r) => r.id)).toContain(registrationId);
    await expectDomainError(getDealRegistration(dealer2, registrationId), { code: "errors.notFound" });
    expect((await listDealRegistrations(dealer2, dealListQuery.parse({}))).rows.map((r) => r.id)).not.toContain(registrationId);
    expect(await dealer2.db.select().from(dealRegistrations).where(eq(dealRegistrations.id, registrationId))).toEqual([]);
    await expectDomainError(decideDeal(dealer2, { registrationId, decision: "reject", reason: "x" }), { code: "errors.forbidden" });

    const other = await code();
    await expectUnchanged(db, async () => {
      await expectDomainError(register(dealer, other, { expectedCloseOn: addDays(today, -1) }), { fields: { expectedCloseOn: ["deals.errors.closeInPast"] } });
      await expectDomainError(register(dealer, other, { lines: [] }), { fields: { form: ["deals.errors.linesRequired"] } });
      await expectDomainError(register(dealer, other, { lines: [{ productId: productIds[0], quantity: "0" }] }), { fields: { "lines.0.quantity": ["deals.errors.quantityPositive"] } });
      await expectDomainError(register(dealer, other, { lines: [{ productId: productIds[0], quantity: "1" }, { productId: otherLineProduct, quantity: "1" }] }), { fields: { form: ["deals.errors.oneProductLine"] } });
      await expectDomainError(register(dealer, "91110108MA01234567"), { fields: { customerCreditCode: ["validation.creditCode"] } });
      // decisions: a partner, a special price without the right, not positive fen, dates out of order, above the registration
      await expectDomainError(decideDeal(dealer, { registrationId, decision: "approve" }), { code: "errors.forbidden" });
      await expectDomainError(decideDeal(marketing, { registrationId, decision: "approve", specialPriceReason: "x", prices: [{ productId: productIds[0], unitPrice: "1", quantity: "1" }] }), { code: "errors.forbidden" });
      await expectDomainError(decideDeal(manager, { registrationId, decision: "approve", specialPriceReason: "x", prices: [{ productId: productIds[0], unitPrice: "0", quantity: "1" }] }), {
        fields: { "prices.0.unitPrice": ["deals.errors.pricePositive"] },
      });
      await expectDomainError(decideDeal(manager, { registrationId, decision: "approve", prices: [{ productId: productIds[0], unitPrice: "10", quantity: "1" }] }), {
        fields: { specialPriceReason: ["deals.errors.specialReasonRequired"] },
      });
      await expectDomainError(decideDeal(manager, { registrationId, decision: "approve", protectedUntil: addDays(today, -1) }), { fields: { protectedUntil: ["deals.errors.datesOrder"] } });
      await expectDomainError(approveWithSpa(registrationId, "11"), { fields: { "prices.0.quantity": ["deals.errors.aboveRegistered"] } });
      await expectDomainError(decideDeal(manager, { registrationId, decision: "reject" }), { fields: { reason: ["deals.errors.reasonRequired"] } });
    });
    await decideDeal(marketing, { registrationId, decision: "approve" });
    const approved = (await getDealRegistration(dealer, registrationId)).registration;
    expect([approved.status, approved.protectedFrom, approved.protectedUntil]).toEqual(["approved", today, addDays(today, 90)]);
    await expectDomainError(decideDeal(manager, { registrationId, decision: "reject", reason: "x" }), { code: "deals.errors.alreadyDecided" });
  });

  it("protects the customer × product line: another partner is told it is taken until rejection or expiry", async () => {
    const creditCode = await code();
    const first = await register(dealer, creditCode);
    await expectUnchanged(db, async () => {
      await expectDomainError(register(dealer2, creditCode), { code: "deals.errors.taken" });
      await expectDomainError(register(buyer, creditCode), { code: "deals.errors.alreadyRegistered" });
    });
    // another product line of the same customer is free
    await register(dealer2, creditCode, { lines: [{ productId: otherLineProduct, quantity: "2" }] });
    await decideDeal(marketing, { registrationId: first.registrationId, decision: "approve" });
    await expectDomainError(register(dealer2, creditCode), { code: "deals.errors.taken" });
    // expired protection frees it
    await db.update(dealRegistrations).set({ protectedFrom: addDays(today, -100), protectedUntil: addDays(today, -1) }).where(eq(dealRegistrations.id, first.registrationId));
    const second = await register(dealer2, creditCode);
    // a rejection frees it too
    await decideDeal(marketing, { registrationId: second.registrationId, decision: "reject", reason: "客户信息不实" });
    await register(dealer, creditCode);
  });

  it("lets exactly one of two partners registering the same customer at once through", async () => {
    const creditCode = await code();
    const results = await Promise.allSettled([register(dealer, creditCode), register(dealer2, creditCode)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((failed.reason as { code: string }).code).toBe("deals.errors.taken");
    const [{ n } = { n: 0 }] = await db.execute<{ n: number }>(sql`select count(*)::int as n from deal_registrations where customer_credit_code = ${creditCode}`);
    expect(Number(n)).toBe(1);
  });
});

describe("special price (SPA)", () => {
  it("prices only that partner's orders naming the registration, within the period and the quantity", async () => {
    const creditCode = await code();
    const { registrationId, number } = await register(dealer, creditCode);
    await approveWithSpa(registrationId);
    const spa = await priceFor(dealerOrg, productIds[0]!, 3, registrationId);
    expect(spa).toMatchObject({ rule: "special_price", unitPriceFen: 80_00n, ruleCode: number, note: "医院集采项目竞价" });
    expect((await priceFor(dealerOrg, productIds[0]!, 3)).rule).toBe("list"); // no registration named
    expect((await priceFor(dealerOrg, productIds[1]!, 3, registrationId)).rule).toBe("list"); // no SPA on this product
    expect((await priceFor(dealer2Org, productIds[0]!, 3, registrationId)).rule).toBe("list"); // another partner
    expect((await priceFor(dealerOrg, productIds[0]!, 6, registrationId)).rule).toBe("list"); // over the quantity
    // another end customer of the same partner carries no SPA
    const otherCustomer = await register(dealer, await code());
    await decideDeal(marketing, { registrationId: otherCustomer.registrationId, decision: "approve" });
    expect((await priceFor(dealerOrg, productIds[0]!, 3, otherCustomer.registrationId)).rule).toBe("list");
    // expired
    await db.update(dealRegistrations).set({ protectedUntil: addDays(today, -1), protectedFrom: addDays(today, -10) }).where(eq(dealRegistrations.id, registrationId));
    expect((await priceFor(dealerOrg, productIds[0]!, 3, registrationId)).rule).toBe("list");
    await db.update(dealRegistrations).set({ protectedUntil: addDays(today, 90), protectedFrom: today }).where(eq(dealRegistrations.id, registrationId));
  });

  it("checkout records the registration, takes the units once under concurrent orders and gives them back on cancel", async () => {
    const { registrationId } = await register(dealer, await code());
    await approveWithSpa(registrationId, "5");
    const order = (lines: { productId: string; quantity: number }[], ctx: Ctx = buyer) => submitOrder(ctx, { _key: newKey(), shipToAddressId: ctx === dealer2 ? addressId2 : addressId, lines, dealRegistrationId: registrationId });

    const placed = await order([{ productId: productIds[0]!, quantity: 3 }, { productId: productIds[1]!, quantity: 1 }]);
    const detail = await getOrder(buyer, placed.orders[0]!.id);
    const line = detail.lines.find((l) => l.productId === productIds[0])!;
    expect([line.unitPriceFen, line.priceRule]).toEqual([80_00n, "special_price"]);
    expect((line.priceReason as { note: string }).note).toBe("医院集采项目竞价");
    expect(detail.deal).toMatchObject({ id: registrationId, customerName: "北京某某医院" });
    expect((await db.select({ d: orders.dealRegistrationId }).from(orders).where(eq(orders.id, placed.orders[0]!.id)))[0]!.d).toBe(registrationId);
    expect((await spaOf(registrationId)).quantityUsed).toBe(3);

    // 2 left: two orders of 2 at once (the buyer's checkouts serialise on its row): one takes them at the SPA, the other pays list
    const both = await Promise.all([order([{ productId: productIds[0]!, quantity: 2 }]), order([{ productId: productIds[0]!, quantity: 2 }], dealer)]);
    const rules = await Promise.all(both.map(async (r) => (await getOrder(buyer, r.orders[0]!.id)).lines[0]!.priceRule));
    expect(rules.sort()).toEqual(["list", "special_price"]);
    expect((await spaOf(registrationId)).quantityUsed).toBe(5);
    // the conditional UPDATE itself: taking more than is left is refused and moves nothing
    const spaId = (await spaOf(registrationId)).id;
    await expectDomainError(db.transaction((tx) => useSpecialPrices(tx, new Map([[spaId, 1]]))), { code: "deals.errors.specialPriceUsedUp" });
    expect((await spaOf(registrationId)).quantityUsed).toBe(5);
    // used up: the next order is priced without it
    const after = await order([{ productId: productIds[0]!, quantity: 1 }]);
    expect((await getOrder(buyer, after.orders[0]!.id)).lines[0]!.priceRule).toBe("list");
    const plain = await submitOrder(buyer, { _key: newKey(), shipToAddressId: addressId, lines: [{ productId: productIds[1]!, quantity: 1 }] });
    expect((await getOrder(buyer, plain.orders[0]!.id)).deal).toBeNull();

    // another partner cannot name it; nothing changes
    await expectUnchanged(db, () =>
      expectDomainError(order([{ productId: productIds[0]!, quantity: 1 }], dealer2), { fields: { dealRegistrationId: ["deals.errors.notUsable"] } }),
    );

    await cancelOrder(manager, { orderId: placed.orders[0]!.id, comment: "客户推迟" });
    expect((await spaOf(registrationId)).quantityUsed).toBe(2);
    await cancelOrder(manager, { orderId: placed.orders[0]!.id }); // a retried cancel gives back nothing more
    expect((await spaOf(registrationId)).quantityUsed).toBe(2);
  });

  it("keeps the special price through an order-desk edit, re-taking the units the edited lines need", async () => {
    const { registrationId } = await register(dealer, await code());
    await approveWithSpa(registrationId, "5");
    // a credit hold keeps the order open for the desk to edit
    await db.update(organizations).set({ creditHold: true }).where(eq(organizations.id, dealerOrg));
    try {
      const placed = await submitOrder(buyer, { _key: newKey(), shipToAddressId: addressId, lines: [{ productId: productIds[0]!, quantity: 3 }], dealRegistrationId: registrationId });
      const orderId = placed.orders[0]!.id;
      expect((await spaOf(registrationId)).quantityUsed).toBe(3);
      const edit = async (quantity: number) => {
        const { version } = (await db.select({ version: orders.version }).from(orders).where(eq(orders.id, orderId)))[0]!;
        await editOrder(orderDesk, { orderId, version, lines: [{ productId: productIds[0]!, quantity, discountBp: 0 }, { productId: productIds[1]!, quantity: 1, discountBp: 0 }] });
        const line = (await getOrder(orderDesk, orderId)).lines.find((l) => l.productId === productIds[0])!;
        return [line.priceRule, line.unitPriceFen, (await spaOf(registrationId)).quantityUsed];
      };
      expect(await edit(4)).toEqual(["special_price", 80_00n, 4]);
      expect(await edit(5)).toEqual(["special_price", 80_00n, 5]);
      // beyond the registration's quantity the line is priced without it and gives its units back
      expect((await edit(6))[2]).toBe(0);
      expect((await edit(2)).slice(0, 1)).toEqual(["special_price"]);
      expect((await spaOf(registrationId)).quantityUsed).toBe(2);
      await cancelOrder(manager, { orderId, comment: "客户推迟" });
      expect((await spaOf(registrationId)).quantityUsed).toBe(0);
    } finally {
      await db.update(organizations).set({ creditHold: false }).where(eq(organizations.id, dealerOrg));
    }
  });
});

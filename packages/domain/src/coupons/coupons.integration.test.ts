import { and, eq, inArray, isNotNull, notInArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, couponRedemptions, coupons, createDatabase, orders, organizations, payments, type Database } from "@cs/db";
import { testDatabaseUrl, testDb } from "../../../../tests/db";
import { cancelOrder } from "../orders/cancel-order";
import { getOrder } from "../orders/get-order";
import { rejectOrder } from "../orders/reject-order";
import { submitOrder } from "../orders/submit-order";
import type { Ctx } from "../shared/context";
import { addDays, shanghaiToday } from "../shared/dates";
import { expectDomainError } from "@cs/testing/billing";
import { ctxOf, newKey, seedDemoData } from "@cs/testing/demo";
import { orderingCounts, readyBuyer, stockedProducts } from "@cs/testing/ordering";
import { expectUnchanged } from "@cs/testing/unchanged";
import { normalizeCouponCode } from "./code";
import { issueCoupon, issueTierCoupons } from "./issue";
import { couponPartnerChoices, listMyCoupons } from "./queries";
import { revokeCoupon } from "./revoke";

let db: Database;
let marketing: Ctx;
let buyer: Ctx;
let other: Ctx;
let desk: Ctx;
let setup: Awaited<ReturnType<typeof readyBuyer>>;
let otherSetup: Awaited<ReturnType<typeof readyBuyer>>;
let stocked: string[];
const today = shanghaiToday();

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  setup = await readyBuyer(db, "DL-0001");
  otherSetup = await readyBuyer(db, "DL-0002");
  // two dealers of one tier: a tier's coupon is for both of them
  await db.update(organizations).set({ tier: "silver" }).where(inArray(organizations.id, [setup.org.id, otherSetup.org.id]));
  marketing = await ctxOf(db, "marketing@demo.cn");
  buyer = await ctxOf(db, "buyer@demo.cn");
  other = await ctxOf(db, "dealer2@demo.cn");
  desk = await ctxOf(db, "orderdesk@demo.cn");
  stocked = await stockedProducts(db, "CPN", 2, setup.warehouses[0]!, 10_000);
});

const terms = (overrides: Record<string, unknown> = {}) => ({
  _key: newKey(),
  target: "organization",
  organizationId: setup.org.id,
  kind: "amount",
  amount: "10.00",
  minOrder: "",
  validFrom: today,
  validUntil: addDays(today, 30),
  usesAllowed: "1",
  description: "Year-end thanks",
  ...overrides,
});
const checkout = (who: Ctx, couponCode: string | undefined, opts: { key?: string; quantity?: number; addressId?: string } = {}) =>
  submitOrder(who, { _key: opts.key ?? newKey(), shipToAddressId: opts.addressId ?? setup.addressId, lines: [{ productId: stocked[0]!, quantity: opts.quantity ?? 2 }], couponCode });
const orderRow = async (id: string) => (await db.select().from(orders).where(eq(orders.id, id)))[0]!;
const couponRow = async (id: string) => (await db.select().from(coupons).where(eq(coupons.id, id)))[0]!;

describe("issuing coupons", () => {
  it("issues a personalised code once per form key, audited", async () => {
    const raw = terms();
    const coupon = await issueCoupon(marketing, raw);
    expect(coupon.code).toMatch(/^HXD-[34679ACDEFGHJKMNPQRTUVWXY]{4}-[34679ACDEFGHJKMNPQRTUVWXY]{4}$/);
    expect(coupon).toMatchObject({ organizationId: setup.org.id, kind: "amount", amountFen: 10_00n, usesAllowed: 1, usesCount: 0, status: "active" });
    const again = await issueCoupon(marketing, raw);
    expect(again.id).toBe(coupon.id);
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.entityId, coupon.id), eq(auditLog.action, "coupon.issue")));
    expect(audit).toHaveLength(1);
  });

  it("issues once per care-rule source key", async () => {
    const first = await issueCoupon(marketing, { ...terms(), _key: undefined, source: "care", sourceKey: `birthday:${setup.org.id}:2026` });
    const second = await issueCoupon(marketing, { ...terms(), _key: undefined, source: "care", sourceKey: `birthday:${setup.org.id}:2026` });
    expect(second.id).toBe(first.id);
    expect(first.source).toBe("care");
  });

  it("issues one coupon when a care rule runs twice at once", async () => {
    const pool = createDatabase(testDatabaseUrl(), { max: 2 });
    try {
      const raw = { ...terms(), _key: undefined, source: "care", sourceKey: `anniversary:${setup.org.id}:2026` };
      const [a, b] = await Promise.all([issueCoupon({ ...marketing, db: pool }, raw), issueCoupon({ ...marketing, db: pool }, raw)]);
      expect(a.id).toBe(b.id);
    } finally {
      await pool.$client.end();
    }
    expect(await db.select().from(coupons).where(eq(coupons.sourceKey, `anniversary:${setup.org.id}:2026`))).toHaveLength(1);
  });

  it.each([
    ["an amount below zero", { amount: "-5" }, { amount: ["coupons.errors.amountPositive"] }],
    ["a zero amount", { amount: "0" }, { amount: ["coupons.errors.amountPositive"] }],
    ["a percentage above 100", { kind: "percent", amount: "", percent: "101" }, { percent: ["coupons.errors.percentRange"] }],
    ["a percentage of zero", { kind: "percent", amount: "", percent: "0" }, { percent: ["coupons.errors.percentRange"] }],
    ["a fractional percentage", { kind: "percent", amount: "", percent: "12.5" }, { percent: ["coupons.errors.percentRange"] }],
    ["an end before the start", { validFrom: addDays(today, 5), validUntil: addDays(today, 1) }, { validUntil: ["coupons.errors.datesOrder"] }],
    ["no uses", { usesAllowed: "0" }, { usesAllowed: ["coupons.errors.usesRange"] }],
    ["a minimum below zero", { minOrder: "-1" }, { minOrder: ["coupons.errors.minOrderNegative"] }],
    ["no target", { organizationId: "" }, { organizationId: ["coupons.errors.targetRequired"] }],
  ])("refuses %s with a translated message and changes nothing", async (_name, overrides, fields) => {
    await expectUnchanged(db, () => expectDomainError(issueCoupon(marketing, terms(overrides)), { fields }));
  });

  it("refuses a partner that is not a partner (our branch) and staff without coupon:manage", async () => {
    const [branch] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.kind, "branch")).limit(1);
    await expectDomainError(issueCoupon(marketing, terms({ organizationId: branch!.id })), { fields: { organizationId: ["coupons.errors.partnerNotFound"] } });
    await expectDomainError(issueCoupon(desk, terms()), { code: "errors.forbidden" });
    await expectDomainError(issueCoupon(buyer, terms()), { code: "errors.forbidden" });
  });

  it("keeps a branch salesperson to its own branches' partners: the form offers only them and another branch's partner reads as unknown", async () => {
    const salesBj = await ctxOf(db, "sales.bj@demo.cn");
    const branches = salesBj.actor.branchIds as string[];
    const choices = await couponPartnerChoices(salesBj);
    expect(choices.length).toBeGreaterThan(0);
    const owners = await db.select({ id: organizations.id, branch: organizations.ownerBranchId }).from(organizations).where(inArray(organizations.id, choices.map((c) => c.id)));
    expect(owners.every((o) => o.branch !== null && branches.includes(o.branch))).toBe(true);
    const [outside] = await db
      .select({ id: organizations.id })
      .from(organizations)
      .where(and(eq(organizations.kind, "dealer"), eq(organizations.status, "active"), notInArray(organizations.ownerBranchId, branches)))
      .limit(1);
    expect((await couponPartnerChoices(marketing)).some((c) => c.id === outside!.id)).toBe(true);
    await expectUnchanged(db, () => expectDomainError(issueCoupon(salesBj, terms({ organizationId: outside!.id })), { fields: { organizationId: ["coupons.errors.partnerNotFound"] } }));
  });

  it("issues one code per partner of a tier, once per key", async () => {
    const raw = { ...terms(), tier: "silver" };
    const partners = await db.select({ id: organizations.id }).from(organizations).where(and(eq(organizations.tier, "silver"), eq(organizations.status, "active"), inArray(organizations.kind, ["master_distributor", "agent", "dealer", "key_account"])));
    const result = await issueTierCoupons(marketing, raw);
    expect(result).toEqual({ issued: partners.length, replayed: false });
    const issued = await db.select().from(coupons).where(eq(coupons.source, "tier"));
    expect(issued.map((c) => c.organizationId).sort()).toEqual(partners.map((p) => p.id).sort());
    expect(new Set(issued.map((c) => c.code)).size).toBe(issued.length);
    expect(await issueTierCoupons(marketing, raw)).toEqual({ issued: partners.length, replayed: true });
    expect(await db.select().from(coupons).where(eq(coupons.source, "tier"))).toHaveLength(issued.length);
    // each partner sees its own code, not the other's
    const mine = await listMyCoupons(buyer);
    const own = issued.find((c) => c.organizationId === setup.org.id)!;
    const theirs = issued.find((c) => c.organizationId === otherSetup.org.id)!;
    expect(mine.map((c) => c.code)).toContain(own.code);
    expect(mine.map((c) => c.code)).not.toContain(theirs.code);
  });

  it("refuses a tier without partners", async () => {
    await db.update(organizations).set({ tier: "gold" }).where(and(eq(organizations.tier, "strategic"), isNotNull(organizations.tier)));
    await expectUnchanged(db, () => expectDomainError(issueTierCoupons(marketing, { ...terms(), tier: "strategic" }), { fields: { tier: ["coupons.errors.tierEmpty"] } }));
  });
});

describe("coupons at checkout", () => {
  it("takes the discount off the order as its own line, records the redemption, and a retry uses it once", async () => {
    const coupon = await issueCoupon(marketing, terms({ amount: "15.00", usesAllowed: "2" }));
    const key = newKey();
    // typed in lower case with spaces: the code is normalised
    const placed = await checkout(buyer, ` ${coupon.code.toLowerCase().replace(/-/g, " ")} `, { key });
    const order = await orderRow(placed.orders[0]!.id);
    expect(order.couponDiscountFen).toBe(15_00n);
    // the lines keep their prices and VAT, like the rebate balance: the discount is order-level
    const detail = await getOrder(buyer, order.id);
    expect(detail.coupon).toMatchObject({ code: coupon.code, description: "Year-end thanks", releasedAt: null });
    expect(detail.lines.reduce((s, l) => s + l.lineTotalFen, 0n)).toBe(order.totalFen);
    expect(detail.lines.reduce((s, l) => s + l.taxFen, 0n)).toBe(order.taxFen);
    const plain = await orderRow((await checkout(buyer, undefined)).orders[0]!.id);
    expect([plain.totalFen, plain.taxFen, plain.couponDiscountFen]).toEqual([order.totalFen, order.taxFen, 0n]);
    const [redemption] = await db.select().from(couponRedemptions).where(eq(couponRedemptions.orderId, order.id));
    expect(redemption).toMatchObject({ couponId: coupon.id, amountFen: 15_00n, organizationId: setup.org.id });

    const replay = await checkout(buyer, coupon.code, { key });
    expect(replay).toMatchObject({ replayed: true, orders: [{ id: order.id }] });
    expect((await couponRow(coupon.id)).usesCount).toBe(1);
  });

  it("takes a percentage of the goods, rounded half-up", async () => {
    const coupon = await issueCoupon(marketing, terms({ kind: "percent", amount: "", percent: "7" }));
    const placed = await checkout(buyer, coupon.code, { quantity: 3 });
    const order = await orderRow(placed.orders[0]!.id);
    expect(order.couponDiscountFen).toBe((order.totalFen * 7n * 2n + 100n) / 200n);
  });

  it("accepts a tier's code from any partner of the tier", async () => {
    const coupon = await issueCoupon(marketing, terms({ target: "tier", organizationId: "", tier: "silver", usesAllowed: "5" }));
    const placed = await checkout(other, coupon.code, { addressId: otherSetup.addressId });
    expect((await orderRow(placed.orders[0]!.id)).couponDiscountFen).toBe(10_00n);
    expect((await listMyCoupons(buyer)).map((c) => c.code)).toContain(coupon.code);
  });

  it.each([
    ["expired", async () => (await issueCoupon(marketing, terms())).id, (id: string) => db.update(coupons).set({ validFrom: addDays(today, -10), validUntil: addDays(today, -1) }).where(eq(coupons.id, id)), "coupons.errors.expired"],
    ["not yet valid", async () => (await issueCoupon(marketing, terms({ validFrom: addDays(today, 2) }))).id, async () => {}, "coupons.errors.notYetValid"],
    ["used up", async () => (await issueCoupon(marketing, terms())).id, (id: string) => db.update(coupons).set({ usesCount: 1 }).where(eq(coupons.id, id)), "coupons.errors.usedUp"],
    ["revoked", async () => (await issueCoupon(marketing, terms())).id, (id: string) => revokeCoupon(marketing, { couponId: id, reason: "issued by mistake" }), "coupons.errors.revoked"],
    ["another partner's", async () => (await issueCoupon(marketing, terms({ organizationId: otherSetup.org.id }))).id, async () => {}, "coupons.errors.notYours"],
    ["below the minimum", async () => (await issueCoupon(marketing, terms({ minOrder: "100000.00" }))).id, async () => {}, "coupons.errors.belowMinimum"],
  ] as const)("refuses a code that is %s and writes nothing", async (_name, make, spoil, message) => {
    const id = await make();
    await spoil(id);
    const { code } = await couponRow(id);
    const before = await orderingCounts(db);
    await expectUnchanged(db, () => expectDomainError(checkout(buyer, code), { fields: { couponCode: [message] } }));
    expect(await orderingCounts(db)).toEqual(before);
  });

  it("says how much the minimum is", async () => {
    const coupon = await issueCoupon(marketing, terms({ minOrder: "100000.00" }));
    const error = await checkout(buyer, coupon.code).catch((e: unknown) => e);
    expect(error).toMatchObject({ params: { minimum: "¥100,000.00" } });
  });

  it("refuses a code that is not a code, the same as another's", async () => {
    await expectDomainError(checkout(buyer, "HXD-0000-0000"), { fields: { couponCode: ["coupons.errors.notYours"] } });
    expect(normalizeCouponCode("hxd 7kqm r4tw")).toBe("HXD-7KQM-R4TW");
  });

  it("lets exactly one of two concurrent checkouts use a single-use code", async () => {
    const coupon = await issueCoupon(marketing, terms({ target: "tier", organizationId: "", tier: "silver", usesAllowed: "1" }));
    const pool = createDatabase(testDatabaseUrl(), { max: 2 });
    try {
      const outcomes = await Promise.allSettled([
        submitOrder({ ...buyer, db: pool }, { _key: newKey(), shipToAddressId: setup.addressId, lines: [{ productId: stocked[1]!, quantity: 1 }], couponCode: coupon.code }),
        submitOrder({ ...other, db: pool }, { _key: newKey(), shipToAddressId: otherSetup.addressId, lines: [{ productId: stocked[1]!, quantity: 1 }], couponCode: coupon.code }),
      ]);
      expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
      const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === "rejected")!;
      expect((refused.reason as { fieldErrors?: unknown }).fieldErrors).toEqual({ couponCode: ["coupons.errors.usedUp"] });
    } finally {
      await pool.$client.end();
    }
    expect((await couponRow(coupon.id)).usesCount).toBe(1);
    expect(await db.select().from(couponRedemptions).where(eq(couponRedemptions.couponId, coupon.id))).toHaveLength(1);
  });

  it("gives the use back when the order is cancelled, once", async () => {
    const coupon = await issueCoupon(marketing, terms());
    const placed = await checkout(buyer, coupon.code);
    expect((await couponRow(coupon.id)).usesCount).toBe(1);
    await cancelOrder(desk, { orderId: placed.orders[0]!.id });
    await cancelOrder(desk, { orderId: placed.orders[0]!.id });
    expect((await couponRow(coupon.id)).usesCount).toBe(0);
    const [redemption] = await db.select().from(couponRedemptions).where(eq(couponRedemptions.orderId, placed.orders[0]!.id));
    expect(redemption!.releasedAt).not.toBeNull();
    // and the code can be used again
    const again = await checkout(buyer, coupon.code);
    expect((await orderRow(again.orders[0]!.id)).couponDiscountFen).toBe(10_00n);
  });

  it("gives the use back when the order is rejected", async () => {
    const tight = await readyBuyer(db, "DL-0001", { creditLimitFen: 0n });
    const coupon = await issueCoupon(marketing, terms());
    const placed = await checkout(buyer, coupon.code, { addressId: tight.addressId });
    expect(placed.orders[0]!.status).toBe("pending_approval");
    await rejectOrder(desk, { orderId: placed.orders[0]!.id, comment: "over the limit" });
    expect((await couponRow(coupon.id)).usesCount).toBe(0);
    // and its coupon payment paid nothing
    expect((await db.select().from(payments).where(eq(payments.orderId, placed.orders[0]!.id)))[0]).toMatchObject({ method: "coupon", amountFen: 0n, unallocatedFen: 0n });
    await readyBuyer(db, "DL-0001");
  });
});

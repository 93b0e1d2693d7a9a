import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  auditLog,
  cartItems,
  priceListItems,
  priceLists,
  products,
  type Database,
} from "@cs/db";
import { testDb } from "../../../../tests/db";
import { ForbiddenError, ConflictError, NotFoundError } from "../shared/errors";
import { ctxOf, newKey, seedDemoData } from "@cs/testing/demo";
import { fieldErrorsOf } from "@cs/testing/errors";
import type { Ctx } from "../shared/context";
import { addLinesToCart } from "./add";
import {
  acknowledgeCartChanges,
  clearCart,
  removeFromCart,
  setCartQuantity,
} from "./change";
import { quickOrderToCart } from "./quick-order";
import { quickOrderRowsFromText } from "./quick-order-parse";
import { getCart, getCartForCheckout } from "./view";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;
let dealer: Ctx;
let buyer: Ctx;
let dealer2: Ctx;
const P: Record<
  "mon24" | "mon27" | "usbc" | "nb",
  { id: string; sku: string }
> = {
  mon24: { id: "", sku: "" },
  mon27: { id: "", sku: "" },
  usbc: { id: "", sku: "" },
  nb: { id: "", sku: "" },
};

const productBySku = async (sku: string) =>
  (
    await db
      .select({ id: products.id, sku: products.sku })
      .from(products)
      .where(eq(products.sku, sku))
  )[0]!;
const cartRows = async (ctx: Ctx) =>
  db
    .select()
    .from(cartItems)
    .where(eq(cartItems.userId, ctx.actor.userId))
    .orderBy(cartItems.productId);

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  dealer = await ctxOf(db, "dealer@demo.cn");
  buyer = await ctxOf(db, "buyer@demo.cn");
  dealer2 = await ctxOf(db, "dealer2@demo.cn");
  P.mon24 = await productBySku("MON-24F-IPS");
  P.mon27 = await productBySku("MON-27Q-IPS");
  P.usbc = await productBySku("MON-24F-USBC");
  P.nb = await productBySku("NB-T14-I5-16");
});

describe("cart", () => {
  it("adds lines, merges a product added twice and prices the cart now", async () => {
    await clearCart(dealer);
    await addLinesToCart(dealer, [
      { productId: P.mon24.id, quantity: 2 },
      { productId: P.nb.id, quantity: 1 },
    ]);
    await addLinesToCart(dealer, [{ productId: P.mon24.id, quantity: 3 }]);
    const cart = await getCart(dealer);
    expect(cart.lines.map((l) => [l.sku, l.quantity])).toEqual([
      ["MON-24F-IPS", 5],
      ["NB-T14-I5-16", 1],
    ]);
    const nb = cart.lines.find((l) => l.sku === "NB-T14-I5-16")!;
    expect(nb.price).toMatchObject({ rule: "contract" });
    expect(
      cart.lines.every(
        (l) => !l.priceChanged && !l.availabilityChanged && l.sellable,
      ),
    ).toBe(true);
    expect(cart.totalFen).toBe(
      cart.lines.reduce(
        (s, l) => s + l.price!.unitPriceFen * BigInt(l.quantity),
        0n,
      ),
    );
    expect(cart).toEqual(await getCartForCheckout(dealer));
  });

  it("flags a price that changed since the line was added, until the buyer acknowledges it", async () => {
    await clearCart(dealer2);
    await addLinesToCart(dealer2, [{ productId: P.mon27.id, quantity: 1 }]);
    const before = (await getCart(dealer2)).lines[0]!;
    const where = and(
      eq(priceListItems.priceListId, await dealerListId()),
      eq(priceListItems.productId, P.mon27.id),
      eq(priceListItems.minQuantity, 1),
    );
    const [item] = await db.select().from(priceListItems).where(where);
    await db
      .update(priceListItems)
      .set({ unitPriceFen: item!.unitPriceFen + 10_000n })
      .where(where);
    const after = await getCart(dealer2);
    expect(after.lines[0]).toMatchObject({
      priceChanged: true,
      seenUnitPriceFen: before.price!.unitPriceFen,
    });
    expect(after.lines[0]!.price!.unitPriceFen).not.toBe(
      before.price!.unitPriceFen,
    );
    expect(after.changed).toBe(true);
    await acknowledgeCartChanges(dealer2);
    expect((await getCart(dealer2)).changed).toBe(false);
  });

  it("refreshes the price seen when the quantity changes (here the 10-unit break, with the running promotion on top)", async () => {
    await clearCart(dealer2);
    await addLinesToCart(dealer2, [{ productId: P.usbc.id, quantity: 1 }]);
    await setCartQuantity(dealer2, { productId: P.usbc.id, quantity: "10" });
    const [line] = (await getCart(dealer2)).lines;
    expect(line).toMatchObject({ quantity: 10, priceChanged: false });
    expect(line!.price!.rule).toBe("promotion");
    expect(
      await expectUnchanged(db, () => fieldErrorsOf(
        setCartQuantity(dealer2, { productId: P.usbc.id, quantity: "1.5" }),
      )),
    ).toEqual({ quantity: ["catalog.errors.quantityWhole"] });
    expect(
      await expectUnchanged(db, () => fieldErrorsOf(
        setCartQuantity(dealer2, { productId: P.usbc.id, quantity: "0" }),
      )),
    ).toEqual({ quantity: ["catalog.errors.quantityPositive"] });
    await expectUnchanged(db, () => expect(
      setCartQuantity(dealer2, { productId: P.nb.id, quantity: "2" }),
    ).rejects.toBeInstanceOf(NotFoundError));
  });

  it("adds once per key and refuses a reused key with other lines", async () => {
    await clearCart(buyer);
    const key = newKey();
    await addLinesToCart(buyer, [{ productId: P.mon24.id, quantity: 2 }], key);
    await addLinesToCart(buyer, [{ productId: P.mon24.id, quantity: 2 }], key);
    expect((await cartRows(buyer)).map((r) => r.quantity)).toEqual([2]);
    await expectUnchanged(db, () => expect(
      addLinesToCart(buyer, [{ productId: P.mon24.id, quantity: 3 }], key),
    ).rejects.toBeInstanceOf(ConflictError));
  });

  it("refuses bad lines and changes nothing", async () => {
    await clearCart(buyer);
    await addLinesToCart(buyer, [{ productId: P.mon24.id, quantity: 1 }]);
    const before = await cartRows(buyer);
    expect(
      await expectUnchanged(db, () => fieldErrorsOf(
        addLinesToCart(buyer, [{ productId: P.mon27.id, quantity: 0 }]),
      )),
    ).toEqual({ "0.quantity": ["catalog.errors.quantityPositive"] });
    expect(
      await expectUnchanged(db, () => fieldErrorsOf(
        addLinesToCart(buyer, [{ productId: P.mon27.id, quantity: 2.5 }]),
      )),
    ).toEqual({ "0.quantity": ["catalog.errors.quantityWhole"] });
    expect(
      await expectUnchanged(db, () => fieldErrorsOf(
        addLinesToCart(buyer, [
          { productId: P.mon27.id, quantity: 1 },
          { productId: "00000000-0000-4000-8000-000000000000", quantity: 1 },
        ]),
      )),
    ).toEqual({ "lines.1.productId": ["catalog.errors.unsellable"] });
    expect(await expectUnchanged(db, () => fieldErrorsOf(addLinesToCart(buyer, [])))).toEqual({
      form: ["catalog.errors.empty"],
    });
    expect(await cartRows(buyer)).toEqual(before);
  });

  it("keeps each user's cart to that user", async () => {
    await clearCart(dealer);
    await addLinesToCart(dealer, [{ productId: P.mon24.id, quantity: 1 }]);
    expect(await removeFromCart(dealer2, { productId: P.mon24.id })).toEqual({
      removed: false,
    });
    expect((await getCart(dealer)).lines).toHaveLength(1);
    expect(
      (await getCart(buyer)).lines.some(
        (l) => l.quantity === 1 && l.productId === P.mon24.id,
      ),
    ).toBe(true);
    await expectUnchanged(db, async () => expect(
      getCart(await ctxOf(db, "sales.bj@demo.cn")),
    ).rejects.toBeInstanceOf(ForbiddenError));
    expect(await removeFromCart(dealer, { productId: P.mon24.id })).toEqual({
      removed: true,
    });
    expect(await removeFromCart(dealer, { productId: P.mon24.id })).toEqual({
      removed: false,
    });
  });

  it("blocks checkout of a product that stopped being sold and refuses to add it", async () => {
    await clearCart(dealer);
    await addLinesToCart(dealer, [{ productId: P.mon27.id, quantity: 1 }]);
    await db
      .update(products)
      .set({ active: false })
      .where(eq(products.id, P.mon27.id));
    try {
      const cart = await getCart(dealer);
      expect(cart).toMatchObject({
        blocked: true,
        lines: [{ sellable: false, price: null }],
      });
      expect(
        await expectUnchanged(db, () => fieldErrorsOf(
          addLinesToCart(dealer, [{ productId: P.mon27.id, quantity: 1 }]),
        )),
      ).toEqual({ "lines.0.productId": ["catalog.errors.unsellable"] });
    } finally {
      await db
        .update(products)
        .set({ active: true })
        .where(eq(products.id, P.mon27.id));
    }
  });

  it("audits every change", async () => {
    const [row] = await db
      .select({ n: count() })
      .from(auditLog)
      .where(eq(auditLog.entityId, dealer.actor.userId));
    expect(row!.n).toBeGreaterThanOrEqual(5);
  });
});

describe("quick order", () => {
  it("adds nothing while any row is bad, then adds the fixed paste with repeats merged", async () => {
    await clearCart(dealer);
    const bad = quickOrderRowsFromText(
      `MON-24F-IPS 2\nNO-SUCH-SKU 1\nnb-t14-i5-16，1\nMON-27Q-IPS 0\nMON-27Q-IPS 1.5\nmon-24f-ips\t3`,
    );
    expect(
      await expectUnchanged(db, () => fieldErrorsOf(quickOrderToCart(dealer, bad, newKey()))),
    ).toEqual({
      "rows.2": ["catalog.quickOrder.errors.unknownSku"],
      "rows.4": ["catalog.errors.quantityPositive"],
      "rows.5": ["catalog.errors.quantityWhole"],
    });
    expect(await cartRows(dealer)).toEqual([]);
    const good = quickOrderRowsFromText(
      `MON-24F-IPS 2\nnb-t14-i5-16，1\nmon-24f-ips\t3`,
    );
    const { added, preview } = await quickOrderToCart(dealer, good, newKey());
    expect(added).toBe(2);
    expect(preview.lines[2]).toMatchObject({
      mergedInto: 1,
      sku: "MON-24F-IPS",
    });
    expect(
      (await getCart(dealer)).lines.map((l) => [l.sku, l.quantity]),
    ).toEqual([
      ["MON-24F-IPS", 5],
      ["NB-T14-I5-16", 1],
    ]);
  });

  it("reports an inactive SKU and refuses more than 500 rows", async () => {
    await db
      .update(products)
      .set({ active: false })
      .where(eq(products.id, P.mon27.id));
    try {
      expect(
        await expectUnchanged(db, () => fieldErrorsOf(
          quickOrderToCart(
            dealer,
            quickOrderRowsFromText("MON-27Q-IPS 1"),
            newKey(),
          ),
        )),
      ).toEqual({ "rows.1": ["catalog.quickOrder.errors.inactiveSku"] });
    } finally {
      await db
        .update(products)
        .set({ active: true })
        .where(eq(products.id, P.mon27.id));
    }
    const many = Array.from({ length: 501 }, (_, i) => `SKU-${i} 1`).join("\n");
    expect(
      await expectUnchanged(db, () => fieldErrorsOf(
        quickOrderToCart(dealer, quickOrderRowsFromText(many), newKey()),
      )),
    ).toEqual({ lines: ["catalog.errors.tooManyLines"] });
  });
});

async function dealerListId() {
  const [row] = await db
    .select({ id: priceLists.id })
    .from(priceLists)
    .where(eq(priceLists.code, "PL-DL"));
  return row!.id;
}

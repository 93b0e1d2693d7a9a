import { asc, eq, sql } from "drizzle-orm";
import { cartItems, products } from "@cs/db";
import type { PartnerAvailability } from "../inventory/partner/availability";
import { resolvePrices, type PriceReason } from "../pricing/resolve";
import type { Ctx } from "../shared/context";
import { buyerCart, buyerStock, requireBuyer, sameAvailability } from "./buyer";

export type CartLine = {
  productId: string;
  sku: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  quantity: number;
  /** The current price at this quantity and why; null when the product can no longer be sold. */
  price: PriceReason | null;
  lineTotalFen: bigint | null;
  seenUnitPriceFen: bigint;
  priceChanged: boolean;
  availability: PartnerAvailability;
  seenAvailability: PartnerAvailability | null;
  availabilityChanged: boolean;
  /** The quantity exceeds what is available now (it may still be backordered); never for a service. */
  short: boolean;
  /** An extended-warranty service product (docs/decisions/006): the months it adds; no stock is involved. */
  extendedWarrantyMonths: number | null;
  sellable: boolean;
  addedAt: Date;
};

export type Cart = {
  lines: CartLine[];
  totalFen: bigint;
  /** Some line's price or availability differs from what the buyer saw when adding it. */
  changed: boolean;
  /** Some line can no longer be sold: checkout must refuse until it is removed. */
  blocked: boolean;
};

export type CartSize = { lines: number; units: number };

/** How much the buyer's cart holds, for the header's badge and the home page: one indexed count. */
export async function cartSize(ctx: Ctx): Promise<CartSize> {
  const [row] = await ctx.db
    .select({ lines: sql<number>`count(*)::int`, units: sql<number>`coalesce(sum(${cartItems.quantity}), 0)::int` })
    .from(cartItems)
    .where(buyerCart(requireBuyer(ctx)));
  return row ?? { lines: 0, units: 0 };
}

/**
 * The buyer's cart priced now: every line with its current price and reason next to the price
 * seen when it was added (or last changed), and availability now next to what was shown then.
 */
export async function getCart(ctx: Ctx, options: { dealRegistrationId?: string | null } = {}): Promise<Cart> {
  const buyer = requireBuyer(ctx);
  const rows = await ctx.db
    .select({
      productId: cartItems.productId,
      quantity: cartItems.quantity,
      seenUnitPriceFen: cartItems.seenUnitPriceFen,
      seenAvailable: cartItems.seenAvailable,
      addedAt: cartItems.addedAt,
      sku: products.sku,
      nameZh: products.nameZh,
      nameEn: products.nameEn,
      unit: products.unit,
      extendedWarrantyMonths: products.extendedWarrantyMonths,
    })
    .from(cartItems)
    .innerJoin(products, eq(products.id, cartItems.productId))
    .where(buyerCart(buyer))
    .orderBy(asc(cartItems.addedAt), asc(products.sku));
  const ids = rows.map((r) => r.productId);
  const [prices, stock] = await Promise.all([
    resolvePrices(ctx.db, {
      organizationId: buyer.organizationId,
      // Checkout previews the special prices of the registration the buyer names; the cart never does.
      dealRegistrationId: options.dealRegistrationId,
      lines: rows.map((r) => ({
        productId: r.productId,
        quantity: r.quantity,
      })),
    }),
    buyerStock(ctx.db, buyer.organizationId, ids),
  ]);
  const lines = rows.map((r): CartLine => {
    const price = prices.get(r.productId) ?? null;
    const available = stock.available.get(r.productId) ?? 0;
    const shown = stock.show(available);
    const seenShown =
      r.seenAvailable === null ? null : stock.show(r.seenAvailable);
    return {
      productId: r.productId,
      sku: r.sku,
      nameZh: r.nameZh,
      nameEn: r.nameEn,
      unit: r.unit,
      quantity: r.quantity,
      price,
      lineTotalFen: price ? price.unitPriceFen * BigInt(r.quantity) : null,
      seenUnitPriceFen: r.seenUnitPriceFen,
      priceChanged: !!price && price.unitPriceFen !== r.seenUnitPriceFen && price.rule !== "special_price",
      availability: shown,
      seenAvailability: seenShown,
      availabilityChanged: !!seenShown && !sameAvailability(seenShown, shown),
      short: r.extendedWarrantyMonths === null && r.quantity > available,
      extendedWarrantyMonths: r.extendedWarrantyMonths,
      sellable: !!price,
      addedAt: r.addedAt,
    };
  });
  return {
    lines,
    totalFen: lines.reduce((sum, l) => sum + (l.lineTotalFen ?? 0n), 0n),
    changed: lines.some((l) => l.priceChanged || l.availabilityChanged),
    blocked: lines.some((l) => !l.sellable),
  };
}

/** What checkout shows and submits from: the same priced cart, read in the caller's transaction. */
export function getCartForCheckout(ctx: Ctx): Promise<Cart> {
  return getCart(ctx);
}

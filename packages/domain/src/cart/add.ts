import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { cartItems, products, type Transaction } from "@cs/db";
import { resolvePrices } from "../pricing/resolve";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { ValidationError } from "../shared/errors";
import { once } from "../shared/idempotency";
import { isUuid, parseInput } from "../shared/parse";
import { buyerCart, buyerStock, requireBuyer } from "./buyer";
import { MAX_CART_LINES, MAX_LINE_QUANTITY } from "./limits";

export type CartLineInput = { productId: string; quantity: number };

export const quantitySchema = z
  .number({ error: "catalog.errors.quantityInvalid" })
  .int("catalog.errors.quantityWhole")
  .min(1, "catalog.errors.quantityPositive")
  .max(MAX_LINE_QUANTITY, "catalog.errors.quantityTooLarge");

const linesSchema = z
  .array(z.object({ productId: z.string(), quantity: quantitySchema }))
  .min(1, "catalog.errors.empty")
  .max(MAX_CART_LINES, "catalog.errors.tooManyLines");

/**
 * Adds lines to the buyer's cart (a product already there gets the quantities added), each priced
 * and checked for availability now so the cart can later say what changed. All or nothing: an
 * unknown or unsellable product refuses the whole call. With a `key` (a form's `_key`, the
 * reorder's own key) a retried request adds once.
 */
export async function addLinesToCart(
  ctx: Ctx,
  lines: CartLineInput[],
  key?: string,
): Promise<{ added: number }> {
  const input = parseInput(linesSchema, lines);
  const buyer = requireBuyer(ctx);
  return inTransaction(ctx, async (tx) => {
    const add = () =>
      addInTransaction(tx, buyer, input).then(async (added) => {
        await recordAudit(tx, ctx.actor, {
          action: "cart.add",
          entity: "cart",
          entityId: buyer.userId,
          after: { organizationId: buyer.organizationId, lines: input },
        });
        return { added };
      });
    if (key === undefined) return add();
    return (await once(tx, ctx.actor, key, { cart: "add", lines: input }, add))
      .result;
  });
}

async function addInTransaction(
  tx: Transaction,
  buyer: { userId: string; organizationId: string },
  lines: CartLineInput[],
): Promise<number> {
  const merged = new Map<string, number>();
  for (const l of lines)
    merged.set(l.productId, (merged.get(l.productId) ?? 0) + l.quantity);
  const ids = [...merged.keys()].filter(isUuid);
  const sellable = new Set(
    ids.length
      ? (
          await tx
            .select({ id: products.id })
            .from(products)
            .where(and(inArray(products.id, ids), eq(products.active, true)))
        ).map((r) => r.id)
      : [],
  );
  const errors: Record<string, string[]> = {};
  lines.forEach((l, i) => {
    if (!sellable.has(l.productId))
      errors[`lines.${i}.productId`] = ["catalog.errors.unsellable"];
  });
  if (Object.keys(errors).length) throw new ValidationError(errors);

  const mine = buyerCart(buyer);
  // Lock the buyer's cart rows: two tabs adding at once each see the other's quantities.
  const existing = await tx
    .select({ productId: cartItems.productId, quantity: cartItems.quantity })
    .from(cartItems)
    .where(mine)
    .for("update");
  const current = new Map(existing.map((r) => [r.productId, r.quantity]));
  const newProducts = ids.filter((id) => !current.has(id)).length;
  if (existing.length + newProducts > MAX_CART_LINES)
    throw new ValidationError({ form: ["catalog.errors.cartFull"] });
  const totals = ids.map((productId) => ({
    productId,
    quantity: (current.get(productId) ?? 0) + merged.get(productId)!,
  }));
  if (totals.some((t) => t.quantity > MAX_LINE_QUANTITY))
    throw new ValidationError({ form: ["catalog.errors.quantityTooLarge"] });

  await writeSeen(tx, buyer, totals);
  return ids.length;
}

/** Stores quantities with the price and availability the buyer sees for them now. */
export async function writeSeen(
  tx: Transaction,
  buyer: { userId: string; organizationId: string },
  lines: CartLineInput[],
) {
  if (lines.length === 0) return;
  const [prices, stock] = await Promise.all([
    resolvePrices(tx, { organizationId: buyer.organizationId, lines }),
    buyerStock(
      tx,
      buyer.organizationId,
      lines.map((l) => l.productId),
    ),
  ]);
  const now = new Date();
  const rows = lines.map((l) => ({
    userId: buyer.userId,
    organizationId: buyer.organizationId,
    productId: l.productId,
    quantity: l.quantity,
    seenUnitPriceFen: prices.get(l.productId)?.unitPriceFen ?? 0n,
    seenAvailable: stock.available.get(l.productId) ?? 0,
    updatedAt: now,
  }));
  await tx
    .insert(cartItems)
    .values(rows)
    .onConflictDoUpdate({
      target: [cartItems.userId, cartItems.productId],
      set: {
        organizationId: sql`excluded.organization_id`,
        quantity: sql`excluded.quantity`,
        seenUnitPriceFen: sql`excluded.seen_unit_price_fen`,
        seenAvailable: sql`excluded.seen_available`,
        updatedAt: now,
      },
    });
}

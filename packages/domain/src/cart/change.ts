import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { cartItems } from "@cs/db";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { isUuid, parseInput } from "../shared/parse";
import { quantitySchema, writeSeen } from "./add";
import { buyerCart, requireBuyer } from "./buyer";
import { strictNumber } from "../validation/fields";

const mine = buyerCart;

const setQuantityInput = z.object({
  productId: z.string(),
  quantity: strictNumber(z
    .number({ error: "catalog.errors.quantityInvalid" })
    .pipe(quantitySchema)),
});

/**
 * Sets a line's quantity. The buyer is looking at the cart's current prices when changing it, so
 * the price and availability seen are refreshed too. Setting the same quantity twice is harmless.
 */
export async function setCartQuantity(ctx: Ctx, raw: unknown): Promise<void> {
  const input = parseInput(setQuantityInput, raw);
  const buyer = requireBuyer(ctx);
  if (!isUuid(input.productId)) throw new NotFoundError("cart line");
  await inTransaction(ctx, async (tx) => {
    const [line] = await tx
      .select()
      .from(cartItems)
      .where(and(mine(buyer), eq(cartItems.productId, input.productId)))
      .for("update");
    if (!line) throw new NotFoundError("cart line");
    await writeSeen(tx, buyer, [
      { productId: line.productId, quantity: input.quantity },
    ]);
    await recordAudit(tx, ctx.actor, {
      action: "cart.quantity",
      entity: "cart",
      entityId: buyer.userId,
      before: { productId: line.productId, quantity: line.quantity },
      after: { productId: line.productId, quantity: input.quantity },
    });
  });
}

/** Removes a line; removing one that is already gone is a no-op, so a retry is harmless. */
export async function removeFromCart(
  ctx: Ctx,
  raw: unknown,
): Promise<{ removed: boolean }> {
  const { productId } = parseInput(z.object({ productId: z.string() }), raw);
  const buyer = requireBuyer(ctx);
  if (!isUuid(productId)) return { removed: false };
  return inTransaction(ctx, async (tx) => {
    const [gone] = await tx
      .delete(cartItems)
      .where(and(mine(buyer), eq(cartItems.productId, productId)))
      .returning();
    if (gone)
      await recordAudit(tx, ctx.actor, {
        action: "cart.remove",
        entity: "cart",
        entityId: buyer.userId,
        before: { productId, quantity: gone.quantity },
      });
    return { removed: !!gone };
  });
}

/**
 * The buyer has seen the changed prices and availability and accepts them: what was seen becomes
 * what is current. Checkout calls it (in its transaction) when the buyer confirms the changes.
 */
export async function acknowledgeCartChanges(ctx: Ctx): Promise<void> {
  const buyer = requireBuyer(ctx);
  await inTransaction(ctx, async (tx) => {
    const lines = await tx
      .select({ productId: cartItems.productId, quantity: cartItems.quantity })
      .from(cartItems)
      .where(mine(buyer))
      .for("update");
    await writeSeen(tx, buyer, lines);
    await recordAudit(tx, ctx.actor, {
      action: "cart.acknowledge",
      entity: "cart",
      entityId: buyer.userId,
      after: { lines: lines.length },
    });
  });
}

/** Empties the buyer's cart, e.g. in the transaction that submits its order. */
export async function clearCart(ctx: Ctx): Promise<{ removed: number }> {
  const buyer = requireBuyer(ctx);
  return inTransaction(ctx, async (tx) => {
    const gone = await tx
      .delete(cartItems)
      .where(mine(buyer))
      .returning({ productId: cartItems.productId });
    if (gone.length)
      await recordAudit(tx, ctx.actor, {
        action: "cart.clear",
        entity: "cart",
        entityId: buyer.userId,
        before: { lines: gone.length },
      });
    return { removed: gone.length };
  });
}

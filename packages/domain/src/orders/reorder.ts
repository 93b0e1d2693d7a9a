import { and, eq, inArray } from "drizzle-orm";
import { orderLines, products } from "@cs/db";
import { addLinesToCart } from "../cart/add";
import { requireBuyer } from "../cart/buyer";
import type { Ctx } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { isUuid } from "../shared/parse";
import { getOrder } from "./get-order";

/**
 * Puts a past order's products, at its quantities, into the buyer's cart (priced and checked now
 * by the cart). Products no longer sold are left out and counted. With the form's `_key` a
 * repeated click adds once.
 */
export async function reorderToCart(ctx: Ctx, input: { orderId: string; _key?: string }): Promise<{ added: number; skipped: number }> {
  const buyer = requireBuyer(ctx);
  if (!isUuid(input.orderId)) throw new NotFoundError("order");
  const { order } = await getOrder(ctx, input.orderId);
  // Only the buyer's own orders, not those it supplies as a master distributor.
  if (order.organizationId !== buyer.organizationId) throw new NotFoundError("order");
  const lines = await ctx.db
    .select({ productId: orderLines.productId, quantity: orderLines.quantity, active: products.active })
    .from(orderLines)
    .innerJoin(products, eq(products.id, orderLines.productId))
    .where(and(eq(orderLines.orderId, order.id), inArray(orderLines.organizationId, [buyer.organizationId])))
    .orderBy(orderLines.lineNo);
  const sellable = lines.filter((l) => l.active).map((l) => ({ productId: l.productId, quantity: l.quantity }));
  const skipped = lines.length - sellable.length;
  if (sellable.length === 0) return { added: 0, skipped };
  const { added } = await addLinesToCart(ctx, sellable, input._key);
  return { added, skipped };
}

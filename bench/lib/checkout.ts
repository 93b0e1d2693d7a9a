import { sql } from "drizzle-orm";
import type { Database } from "@cs/db";
import { resolvePrices } from "@cs/domain";
import type { BenchDealer } from "./dealers";
import type { PortalClient } from "./http-client";

export type Line = { productId: string; quantity: number };
/** organization → `${productId}:${quantity}` → the unit price the buyer is shown for that quantity. */
export type PriceBook = Map<string, Map<string, bigint>>;

/**
 * What each dealer pays for each product at each quantity the bench orders (1–`maxQuantity`):
 * resolvePrices once per dealer and quantity before the run, so filling a cart costs one INSERT.
 */
export async function priceBook(db: Database, dealers: BenchDealer[], productIds: string[], maxQuantity: number): Promise<PriceBook> {
  const book: PriceBook = new Map();
  for (const d of dealers) {
    const prices = new Map<string, bigint>();
    for (let quantity = 1; quantity <= maxQuantity; quantity++) {
      const resolved = await resolvePrices(db, { organizationId: d.organizationId, lines: productIds.map((productId) => ({ productId, quantity })) });
      for (const [productId, reason] of resolved) prices.set(`${productId}:${quantity}`, reason.unitPriceFen);
    }
    book.set(d.organizationId, prices);
  }
  return book;
}

/**
 * Puts the order's lines in the dealer's cart as "add to cart" leaves them (quantity and the price
 * the buyer saw; no availability remembered, so only a price change would stop the checkout), with
 * one INSERT from the bench process: filling the cart is not what is measured.
 */
export async function fillCart(db: Database, book: PriceBook, dealer: BenchDealer, lines: Line[]) {
  const prices = book.get(dealer.organizationId);
  const rows = lines.map((l) => {
    const price = prices?.get(`${l.productId}:${l.quantity}`);
    if (price === undefined) throw new Error(`no price for ${l.productId} × ${l.quantity}`);
    return sql`(${dealer.userId}::uuid, ${dealer.organizationId}::uuid, ${l.productId}::uuid, ${l.quantity}::int, ${price}::bigint)`;
  });
  await db.execute(sql`
    insert into cart_items (user_id, organization_id, product_id, quantity, seen_unit_price_fen)
    values ${sql.join(rows, sql`, `)}
    on conflict (user_id, product_id) do update
       set quantity = excluded.quantity, seen_unit_price_fen = excluded.seen_unit_price_fen, seen_available = null, updated_at = now()`);
}

/**
 * The checkout as the browser submits it (apps/portal/app/routes/checkout): `_csrf`, a fresh `_key`
 * and the dealer's ship-to address; the lines come from the cart on the server. Only the success
 * redirect to the new order counts (`/orders/<id>?placed=<orders made>`, one per supplier).
 * Returns the milliseconds of the POST and how many orders it placed.
 */
export async function submitCheckout(client: PortalClient, dealer: BenchDealer, key: string): Promise<{ ms: number; placed: number }> {
  const t0 = performance.now();
  const r = await client.post("/checkout", [
    ["_key", key],
    ["shipToAddressId", dealer.addressId],
    ["requestedDate", ""],
    ["poNumber", ""],
    ["notes", ""],
  ]);
  const ms = performance.now() - t0;
  const placed = r.status === 302 ? /^\/orders\/[0-9a-f-]{36}\?placed=(\d+)$/.exec(r.location ?? "") : null;
  if (!placed) throw new Error(`checkout: ${r.status} ${r.location ?? r.body.replace(/\s+/g, " ").slice(0, 300)}`);
  return { ms, placed: Number(placed[1]) };
}

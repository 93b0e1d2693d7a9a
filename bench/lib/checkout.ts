import type { Database } from "@cs/db";
import { addLinesToCart, loadActor, type Actor } from "@cs/domain";
import type { BenchDealer } from "./dealers";
import type { PortalClient } from "./http-client";

export type Line = { productId: string; quantity: number };

const actors = new Map<string, Actor>();

/**
 * Puts the order's lines in the dealer's cart the way the catalogue's "add to cart" does
 * (addLinesToCart: priced, availability seen), in the bench process: filling the cart is not what
 * is measured.
 */
export async function fillCart(db: Database, dealer: BenchDealer, lines: Line[]) {
  let actor = actors.get(dealer.userId);
  if (!actor) {
    const loaded = await loadActor(db, dealer.userId);
    if (!loaded) throw new Error(`bench dealer ${dealer.login} cannot act`);
    actor = loaded;
    actors.set(dealer.userId, actor);
  }
  await addLinesToCart({ db, actor }, lines);
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

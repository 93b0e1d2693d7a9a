import type { BackorderPolicy, Transaction } from "@cs/db";
import { warehousesServing } from "../inventory/availability";
import { reserve, type Reference, type ReserveLine, type ReserveResult } from "../inventory/reservation";

/**
 * Takes stock for an order's lines. The default reserves the distributor's stock in the warehouses
 * serving the buyer's owner branch, then the central ones. Master-distributor fulfilment passes its
 * own reserver (stock owned by the supplier, at its locations).
 */
export type OrderReserver = (tx: Transaction, ref: Reference, lines: ReserveLine[]) => Promise<ReserveResult[]>;

export type ConfirmOptions = {
  /** Reserves a supplied order's lines; without it, a master distributor's order is backordered in full for its supplier to allocate. */
  reserver?: OrderReserver;
};

export type LineBuckets = { productId: string; quantityReserved: number; quantityBackordered: number; quantityCancelled: number };

export const orderRef = (orderId: string): Reference => ({ referenceType: "order", referenceId: orderId });

/** The default reserver of an order the distributor fulfils. */
export function distributorReserver(ownerBranchId: string | null): OrderReserver {
  return async (tx, ref, lines) => reserve(tx, ref, lines, await warehousesServing(tx, ownerBranchId));
}

/**
 * Reserves what it can of each line (one line per product) and puts the rest in the bucket the
 * buyer chose: backordered, or cancelled when it takes partial confirmation ('ship_available').
 * A supplier's order always backorders: its supplier allocates from its own stock. A service line
 * (an extended warranty, docs/decisions/006) has no stock: it is ready to fulfil in full at once,
 * counted as reserved with no reservation row, and never backordered.
 */
export async function reserveLines(
  tx: Transaction,
  order: { id: string; supplierId: string | null; ownerBranchId: string | null },
  policy: BackorderPolicy,
  lines: { productId: string; quantity: number; service?: boolean }[],
  options: ConfirmOptions = {},
): Promise<LineBuckets[]> {
  const wanted = lines.filter((l) => l.quantity > 0 && !l.service);
  const reserver = options.reserver ?? (order.supplierId ? null : distributorReserver(order.ownerBranchId));
  const results = reserver && wanted.length > 0 ? await reserver(tx, orderRef(order.id), wanted) : [];
  const got = new Map(results.map((r) => [r.productId, r.reserved]));
  const backorder = policy === "backorder" || (order.supplierId !== null && !options.reserver);
  return lines.map((l) => {
    if (l.service) return { productId: l.productId, quantityReserved: l.quantity, quantityBackordered: 0, quantityCancelled: 0 };
    const reserved = Math.min(l.quantity, got.get(l.productId) ?? 0);
    const short = l.quantity - reserved;
    return {
      productId: l.productId,
      quantityReserved: reserved,
      quantityBackordered: backorder ? short : 0,
      quantityCancelled: backorder ? 0 : short,
    };
  });
}

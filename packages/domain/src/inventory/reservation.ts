import { sql } from "drizzle-orm";
import { executePrepared, type DatabaseOrTransaction } from "@cs/db";
import type { Actor } from "../access/actor";
import { ValidationError } from "../shared/errors";
import { isUuid } from "../shared/parse";
import { applyMoves } from "./ledger";

export type ReserveLine = { productId: string; quantity: number };
export type ReserveResult = { productId: string; requested: number; reserved: number; backorder: number };
export type Reference = { referenceType: string; referenceId: string };

function validate(lines: ReserveLine[], warehouseIds: string[]) {
  for (const l of lines) {
    if (!Number.isSafeInteger(l.quantity) || l.quantity <= 0) throw new ValidationError({ quantity: ["validation.quantityPositive"] });
    if (!isUuid(l.productId)) throw new ValidationError({ productId: ["validation.invalid"] });
  }
  if (!warehouseIds.every(isUuid)) throw new ValidationError({ locationId: ["validation.invalid"] });
}

/** A PostgreSQL array literal bound as one parameter (drizzle would expand a JS array into a list). */
const pgArray = (values: (string | number)[]) => `{${values.join(",")}}`;

/**
 * Reserves the distributor's free stock for an order in one round trip: rows are locked in product
 * then location order (no deadlocks), each line takes from the warehouses in the order given, and
 * the update is conditional on free stock (backed by the CHECK on stock_levels), so available stock
 * can never go negative. What cannot be reserved comes back as backorder, not as an error.
 */
export async function reserve(
  tx: DatabaseOrTransaction,
  ref: Reference,
  lines: ReserveLine[],
  warehouseIds: string[],
): Promise<ReserveResult[]> {
  // Warehouses are deduplicated in reserveStatement: one named twice would be counted twice.
  validate(lines, warehouseIds);
  if (lines.length === 0) return [];
  const merged = new Map<string, number>();
  for (const l of lines) merged.set(l.productId, (merged.get(l.productId) ?? 0) + l.quantity);
  const productIds = [...merged.keys()];
  const quantities = productIds.map((p) => merged.get(p)!);
  const rows = await executePrepared<{ product_id: string; take: number }>(tx, reserveStatement(ref, productIds, quantities, warehouseIds));
  const reserved = new Map<string, number>();
  for (const r of rows) reserved.set(r.product_id, (reserved.get(r.product_id) ?? 0) + Number(r.take));
  return productIds.map((productId) => {
    const requested = merged.get(productId)!;
    const got = reserved.get(productId) ?? 0;
    return { productId, requested, reserved: got, backorder: requested - got };
  });
}

/**
 * The one statement behind reserve(): the `reserve_stock` function (drizzle/0004), which locks only
 * the warehouses each line needs, in a global order, and falls back to locking every candidate row
 * of a product when a race leaves the first choice short. Exported so benchmarks can EXPLAIN it.
 */
export function reserveStatement(ref: Reference, productIds: string[], quantities: number[], warehouseIds: string[]) {
  return sql`select product_id, taken as take
    from reserve_stock(${ref.referenceType}, ${ref.referenceId}, ${pgArray(productIds)}::uuid[], ${pgArray(quantities)}::int[], ${pgArray([...new Set(warehouseIds)])}::uuid[])`;
}

/** Gives back everything a reference holds (an order cancelled or edited). Safe to call twice. */
export async function release(tx: DatabaseOrTransaction, ref: Reference) {
  // Lock the levels first in the order reserve and applyMoves use (product, location, owner): an
  // UPDATE … FROM touches rows in whatever order its plan yields, which deadlocks against them.
  await tx.execute(sql`
    select 1 from stock_levels s
      join stock_reservations r on r.location_id = s.location_id and r.owner_id = s.owner_id and r.product_id = s.product_id
     where r.reference_type = ${ref.referenceType} and r.reference_id = ${ref.referenceId}
     order by s.product_id, s.location_id, s.owner_id
       for update of s`);
  const rows = await tx.execute<{ n: number }>(sql`
    with gone as (
      delete from stock_reservations
       where reference_type = ${ref.referenceType} and reference_id = ${ref.referenceId}
      returning location_id, owner_id, product_id, quantity
    ), summed as (
      select location_id, owner_id, product_id, sum(quantity)::int as q from gone group by 1, 2, 3
    ), upd as (
      update stock_levels s set reserved = s.reserved - summed.q, updated_at = now()
        from summed
       where s.location_id = summed.location_id and s.owner_id = summed.owner_id and s.product_id = summed.product_id
      returning summed.q
    )
    select coalesce(sum(q), 0)::int as n from upd`);
  return Number(rows[0]?.n ?? 0);
}

/** Ships what a reference holds: reserved stock leaves its warehouse for `toLocationId` as ledger moves. */
export async function fulfil(tx: DatabaseOrTransaction, actor: Pick<Actor, "userId"> | null, ref: Reference, toLocationId: string) {
  const held = await tx.execute<{ location_id: string; product_id: string; quantity: number }>(sql`
    delete from stock_reservations
     where reference_type = ${ref.referenceType} and reference_id = ${ref.referenceId}
    returning location_id, product_id, quantity`);
  return applyMoves(
    tx,
    actor,
    held.map((h) => ({
      productId: h.product_id,
      quantity: Number(h.quantity),
      fromLocationId: h.location_id,
      toLocationId,
      reason: "shipment" as const,
      referenceType: ref.referenceType,
      referenceId: ref.referenceId,
      fromReserved: true,
    })),
  );
}

import { sql } from "drizzle-orm";
import { DISTRIBUTOR_OWNER, executePrepared, type DatabaseOrTransaction } from "@cs/db";
import type { Actor } from "../access/actor";
import { ValidationError } from "../shared/errors";
import { isUuid } from "../shared/parse";
import { applyMoves, applyValuedMoves } from "./ledger";

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
 * Reserves free stock of one owner (the distributor's by default; a master distributor's own goods
 * when it fulfils the orders it supplies) for an order in one statement: rows are locked in product
 * then location order (no deadlocks), each line takes from the locations in the order given, and
 * the update is conditional on free stock (backed by the CHECK on stock_levels), so available stock
 * can never go negative. What cannot be reserved comes back as backorder, not as an error.
 */
export async function reserve(
  tx: DatabaseOrTransaction,
  ref: Reference,
  lines: ReserveLine[],
  warehouseIds: string[],
  ownerId: string = DISTRIBUTOR_OWNER,
): Promise<ReserveResult[]> {
  // Warehouses are deduplicated below: one named twice would join its level row twice, and
  // UPDATE … FROM applies an unpredictable one of the two takes.
  validate(lines, warehouseIds);
  if (!isUuid(ownerId)) throw new ValidationError({ ownerId: ["validation.invalid"] });
  if (lines.length === 0) return [];
  const merged = new Map<string, number>();
  for (const l of lines) merged.set(l.productId, (merged.get(l.productId) ?? 0) + l.quantity);
  const productIds = [...merged.keys()];
  const quantities = productIds.map((p) => merged.get(p)!);
  const rows = await executePrepared<{ product_id: string; take: number }>(tx, reserveStatement(ref, productIds, quantities, warehouseIds, ownerId));
  const reserved = new Map<string, number>();
  for (const r of rows) reserved.set(r.product_id, (reserved.get(r.product_id) ?? 0) + Number(r.take));
  return productIds.map((productId) => {
    const requested = merged.get(productId)!;
    const got = reserved.get(productId) ?? 0;
    return { productId, requested, reserved: got, backorder: requested - got };
  });
}

/** The one statement behind reserve(), exported so benchmarks can EXPLAIN exactly what runs. */
export function reserveStatement(ref: Reference, productIds: string[], quantities: number[], warehouseIds: string[], ownerId: string = DISTRIBUTOR_OWNER) {
  return sql`
    with req as (
      select * from unnest(${pgArray(productIds)}::uuid[], ${pgArray(quantities)}::int[]) as r(product_id, q)
    ), pref as (
      select * from unnest(${pgArray([...new Set(warehouseIds)])}::uuid[]) with ordinality as w(location_id, rank)
    ), locked as (
      select s.location_id, s.product_id, s.on_hand - s.reserved as free
        from stock_levels s
       where s.owner_id = ${ownerId}::uuid
         and s.product_id = any(${pgArray(productIds)}::uuid[])
         and s.location_id = any(${pgArray([...new Set(warehouseIds)])}::uuid[])
       order by s.product_id, s.location_id
         for update
    ), alloc as (
      select l.location_id, l.product_id,
             greatest(0, least(l.free, req.q - coalesce(sum(l.free) over (
               partition by l.product_id order by pref.rank rows between unbounded preceding and 1 preceding), 0))) as take
        from locked l join req using (product_id) join pref using (location_id)
    ), upd as (
      update stock_levels s
         set reserved = s.reserved + a.take, updated_at = now()
        from alloc a
       where a.take > 0 and s.owner_id = ${ownerId}::uuid
         and s.location_id = a.location_id and s.product_id = a.product_id
         and s.on_hand - s.reserved >= a.take
      returning s.location_id, s.product_id, a.take
    ), ins as (
      insert into stock_reservations (reference_type, reference_id, product_id, location_id, owner_id, quantity)
      select ${ref.referenceType}, ${ref.referenceId}, product_id, location_id, ${ownerId}::uuid, take from upd
      returning 1
    )
    select product_id, take from upd`;
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
  const held = await tx.execute<{ location_id: string; owner_id: string; product_id: string; quantity: number }>(sql`
    delete from stock_reservations
     where reference_type = ${ref.referenceType} and reference_id = ${ref.referenceId}
    returning location_id, owner_id, product_id, quantity`);
  return applyMoves(
    tx,
    actor,
    held.map((h) => ({
      productId: h.product_id,
      quantity: Number(h.quantity),
      fromLocationId: h.location_id,
      toLocationId,
      // A master distributor's reserved goods leave as its own, not as the distributor's.
      ownerId: h.owner_id === DISTRIBUTOR_OWNER ? null : h.owner_id,
      reason: "shipment" as const,
      referenceType: ref.referenceType,
      referenceId: ref.referenceId,
      fromReserved: true,
    })),
  );
}

export type FulfilTake = {
  productId: string;
  locationId: string;
  quantity: number;
  /** Owner of the reserved goods; the distributor when omitted. */
  ownerId?: string;
  serialIds?: string[];
};

/** A reference holds fewer units of a product at a location than a partial fulfilment asked for. */
export class NotReservedError extends ValidationError {
  constructor(readonly productId: string, readonly locationId: string) {
    super({ quantity: ["validation.notReserved"] }, "validation.notReserved");
  }
}

/**
 * Ships part of what a reference holds: for each take, N units of product P at location L leave
 * the reservation (its rows consumed oldest first, decremented or deleted) and the warehouse for
 * `toLocationId` as ledger moves that release `reserved` on the level. Levels are locked first in
 * the (product, location, owner) order reserve(), release() and applyMoves() use, so a partial
 * shipment cannot deadlock against them. fulfil() is the "everything" case of the same idea.
 */
export async function fulfilPart(
  tx: DatabaseOrTransaction,
  actor: Pick<Actor, "userId"> | null,
  ref: Reference,
  takes: FulfilTake[],
  toLocationId: string,
  move: { referenceType: string; referenceId: string } = ref,
) {
  for (const t of takes) {
    if (!Number.isSafeInteger(t.quantity) || t.quantity <= 0) throw new ValidationError({ quantity: ["validation.quantityPositive"] });
    if (!isUuid(t.productId) || !isUuid(t.locationId)) throw new ValidationError({ productId: ["validation.invalid"] });
  }
  const merged = new Map<string, FulfilTake & { ownerId: string; serialIds: string[] }>();
  for (const t of takes) {
    const ownerId = t.ownerId ?? DISTRIBUTOR_OWNER;
    const key = `${t.productId}|${t.locationId}|${ownerId}`;
    const m = merged.get(key) ?? { productId: t.productId, locationId: t.locationId, ownerId, quantity: 0, serialIds: [] };
    m.quantity += t.quantity;
    m.serialIds.push(...(t.serialIds ?? []));
    merged.set(key, m);
  }
  const ordered = [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, t]) => t);
  for (const t of ordered) {
    await tx.execute(sql`
      select 1 from stock_levels
       where product_id = ${t.productId} and location_id = ${t.locationId} and owner_id = ${t.ownerId}
         for update`);
    const rows = await tx.execute<{ id: string; quantity: number }>(sql`
      select id, quantity from stock_reservations
       where reference_type = ${ref.referenceType} and reference_id = ${ref.referenceId}
         and product_id = ${t.productId} and location_id = ${t.locationId} and owner_id = ${t.ownerId}
       order by id
         for update`);
    let left = t.quantity;
    for (const r of rows) {
      if (left === 0) break;
      const q = Number(r.quantity);
      if (q <= left) {
        await tx.execute(sql`delete from stock_reservations where id = ${r.id}`);
        left -= q;
      } else {
        await tx.execute(sql`update stock_reservations set quantity = quantity - ${left} where id = ${r.id}`);
        left = 0;
      }
    }
    if (left > 0) throw new NotReservedError(t.productId, t.locationId);
  }
  return applyValuedMoves(
    tx,
    actor,
    ordered.map((t) => ({
      productId: t.productId,
      quantity: t.quantity,
      fromLocationId: t.locationId,
      toLocationId,
      ownerId: t.ownerId === DISTRIBUTOR_OWNER ? null : t.ownerId,
      reason: "shipment" as const,
      referenceType: move.referenceType,
      referenceId: move.referenceId,
      fromReserved: true,
      serialIds: t.serialIds,
    })),
  );
}

import { inArray, sql } from "drizzle-orm";
import {
  DISTRIBUTOR_OWNER,
  internalLocationKinds,
  serialMoves,
  stockLocations,
  stockMoves,
  type DatabaseOrTransaction,
  type LocationKind,
  type MoveReason,
} from "@cs/db";
import type { Actor } from "../access/actor";
import { ValidationError } from "../shared/errors";
import { isUuid } from "../shared/parse";
import { lockValuations, saveValuations, valueFlow } from "./valuation";

export type StockMoveInput = {
  productId: string;
  quantity: number;
  fromLocationId: string;
  toLocationId: string;
  /** Owner of the goods; null or undefined = the distributor. */
  ownerId?: string | null;
  reason: MoveReason;
  referenceType: string;
  referenceId: string;
  /** The quantity leaves stock that was reserved for it (fulfilling a reservation). */
  fromReserved?: boolean;
  serialIds?: string[];
  /**
   * Our goods arriving from outside (a receipt's purchase cost, a return's original shipment cost):
   * the unit cost they are valued at. Without it they arrive at the current average.
   */
  unitCostFen?: bigint | null;
};

export type PostedMove = { id: bigint; productId: string; quantity: number; unitCostFen: bigint | null; valueFen: bigint | null };

export class InsufficientStockError extends ValidationError {
  constructor(readonly productId: string, readonly locationId: string) {
    super({ quantity: ["validation.insufficientStock"] }, "validation.insufficientStock");
  }
}

const isInternal = (kind: LocationKind) => internalLocationKinds.includes(kind);

/** applyMoves returning just the new moves' ids. */
export async function applyMoves(tx: DatabaseOrTransaction, actor: Pick<Actor, "userId"> | null, moves: StockMoveInput[]) {
  return (await applyValuedMoves(tx, actor, moves)).map((m) => m.id);
}

/**
 * Posts done moves and their stock_levels changes in the caller's transaction. Rows are touched in
 * one fixed order (product, location, owner) so concurrent postings cannot deadlock; a decrement
 * is conditional on free stock, so no posting can drive available stock below zero. Moves of our
 * own goods are valued at the moving average, whose rows are locked after the levels (product
 * order) and updated in the same transaction (docs/decisions/023).
 */
export async function applyValuedMoves(tx: DatabaseOrTransaction, actor: Pick<Actor, "userId"> | null, moves: StockMoveInput[]): Promise<PostedMove[]> {
  for (const m of moves) {
    if (!Number.isSafeInteger(m.quantity) || m.quantity <= 0) throw new ValidationError({ quantity: ["validation.quantityPositive"] });
    // a malformed id would fail the uuid cast in SQL: answer it as bad input, like an unknown one
    if (!isUuid(m.productId)) throw new ValidationError({ productId: ["validation.invalid"] });
    if (!isUuid(m.fromLocationId) || !isUuid(m.toLocationId)) throw new ValidationError({ locationId: ["validation.invalid"] });
    if (m.fromLocationId === m.toLocationId) throw new ValidationError({ toLocationId: ["validation.invalid"] });
    if (m.unitCostFen != null && m.unitCostFen < 0n) throw new ValidationError({ unitCost: ["validation.invalid"] });
  }
  if (moves.length === 0) return [];
  const locationIds = [...new Set(moves.flatMap((m) => [m.fromLocationId, m.toLocationId]))];
  const kinds = new Map(
    (await tx.select({ id: stockLocations.id, kind: stockLocations.kind }).from(stockLocations).where(inArray(stockLocations.id, locationIds))).map(
      (l) => [l.id, l.kind],
    ),
  );
  for (const id of locationIds) if (!kinds.has(id)) throw new ValidationError({ locationId: ["validation.invalid"] });

  type LevelChange = { locationId: string; ownerId: string; productId: string; delta: number; reservedDelta: number };
  const changes = new Map<string, LevelChange>();
  const change = (locationId: string, ownerId: string, productId: string, delta: number, reservedDelta: number) => {
    const key = `${productId}|${locationId}|${ownerId}`;
    const c = changes.get(key) ?? { locationId, ownerId, productId, delta: 0, reservedDelta: 0 };
    c.delta += delta;
    c.reservedDelta += reservedDelta;
    changes.set(key, c);
  };
  for (const m of moves) {
    const owner = m.ownerId ?? DISTRIBUTOR_OWNER;
    if (isInternal(kinds.get(m.fromLocationId)!)) change(m.fromLocationId, owner, m.productId, -m.quantity, m.fromReserved ? -m.quantity : 0);
    if (isInternal(kinds.get(m.toLocationId)!)) change(m.toLocationId, owner, m.productId, m.quantity, 0);
  }

  const ordered = [...changes.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, c]) => c);
  for (const c of ordered) {
    if (c.delta === 0 && c.reservedDelta === 0) continue;
    // Pure additions upsert; anything that also releases reserved units takes the conditional update.
    if (c.delta > 0 && c.reservedDelta === 0) {
      await tx.execute(sql`
        insert into stock_levels (location_id, owner_id, product_id, on_hand, reserved)
        values (${c.locationId}, ${c.ownerId}, ${c.productId}, ${c.delta}, 0)
        on conflict (location_id, owner_id, product_id)
        do update set on_hand = stock_levels.on_hand + excluded.on_hand, updated_at = now()`);
      continue;
    }
    // Taking stock: unreserved stock must cover what is not taken from the reservation itself.
    const take = -c.delta;
    const release = -c.reservedDelta;
    const rows = await tx.execute(sql`
      update stock_levels
         set on_hand = on_hand - ${take}, reserved = reserved - ${release}, updated_at = now()
       where location_id = ${c.locationId} and owner_id = ${c.ownerId} and product_id = ${c.productId}
         and reserved >= ${release} and on_hand - reserved >= ${take - release}
      returning 1`);
    if (rows.length === 0) throw new InsufficientStockError(c.productId, c.locationId);
  }

  const values = await valueMoves(tx, moves, (id) => isInternal(kinds.get(id)!));
  const inserted = await tx
    .insert(stockMoves)
    .values(
      moves.map((m, i) => ({
        productId: m.productId,
        quantity: m.quantity,
        fromLocationId: m.fromLocationId,
        toLocationId: m.toLocationId,
        ownerId: m.ownerId ?? null,
        reason: m.reason,
        referenceType: m.referenceType,
        referenceId: m.referenceId,
        state: "done" as const,
        actorId: actor?.userId ?? null,
        unitCostFen: values[i]?.unitCostFen ?? null,
        valueFen: values[i]?.valueFen ?? null,
      })),
    )
    .returning({ id: stockMoves.id });
  const links = moves.flatMap((m, i) => (m.serialIds ?? []).map((serialId) => ({ moveId: inserted[i]!.id, serialId })));
  if (links.length) await tx.insert(serialMoves).values(links);
  return inserted.map((r, i) => ({
    id: r.id,
    productId: moves[i]!.productId,
    quantity: moves[i]!.quantity,
    unitCostFen: values[i]?.unitCostFen ?? null,
    valueFen: values[i]?.valueFen ?? null,
  }));
}

/**
 * The value of each move of our own goods (owner null) that touches a location of ours, in the
 * order given, with the valuations moved on under their row locks; null for partners' goods.
 */
async function valueMoves(tx: DatabaseOrTransaction, moves: StockMoveInput[], internal: (locationId: string) => boolean) {
  const direction = (m: StockMoveInput) => {
    if (m.ownerId) return null;
    const from = internal(m.fromLocationId);
    const to = internal(m.toLocationId);
    return from && to ? "through" : to ? "in" : from ? "out" : null;
  };
  const valued = moves.filter((m) => direction(m) !== null);
  const valuations = await lockValuations(tx, valued.map((m) => m.productId));
  const values = moves.map((m) => {
    const d = direction(m);
    if (!d) return null;
    const flow = valueFlow(valuations.get(m.productId)!, { direction: d, quantity: m.quantity, unitCostFen: d === "in" ? m.unitCostFen : null });
    valuations.set(m.productId, flow.state);
    return { unitCostFen: flow.unitCostFen, valueFen: flow.valueFen };
  });
  await saveValuations(tx, valuations);
  return values;
}

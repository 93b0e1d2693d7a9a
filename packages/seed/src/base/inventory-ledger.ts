import { DISTRIBUTOR_OWNER, internalLocationKinds, type LocationKind, type MoveReason } from "@cs/db/schema/inventory";

export type SeedMove = {
  productId: string;
  quantity: number;
  fromLocationId: string;
  toLocationId: string;
  /** null: the distributor's own goods. */
  ownerId: string | null;
  reason: MoveReason;
  /** Serials that travel with this move (serialized products only). */
  serialIds: string[];
};

export type SeedLevel = { locationId: string; ownerId: string; productId: string; onHand: number; serialIds: string[] };

/**
 * The demo seed's copy of the ledger rules that applyMoves enforces (db never imports domain):
 * internal locations hold balances per location × owner × product and can never go below zero;
 * supplier, customer and loss are the world outside. Serialized units carry their serials from
 * the receipt that minted them through every later move, first in first out, so each serial's
 * history and final place follow from the moves. The ledger integration test proves the result
 * equals what verifyStockLevels recomputes.
 */
export function createSeedLedger(options: {
  kinds: ReadonlyMap<string, LocationKind>;
  serialized: ReadonlySet<string>;
  /** Called for every serialized unit arriving from outside; returns the new serials' ids. */
  mintSerials: (productId: string, quantity: number, moveIndex: number) => string[];
}) {
  const levels = new Map<string, SeedLevel>();
  const moves: SeedMove[] = [];
  const isInternal = (locationId: string) => {
    const kind = options.kinds.get(locationId);
    if (!kind) throw new Error(`seed move names unknown location ${locationId}`);
    return internalLocationKinds.includes(kind);
  };
  const levelOf = (locationId: string, ownerId: string | null, productId: string) => {
    const owner = ownerId ?? DISTRIBUTOR_OWNER;
    const key = `${locationId}|${owner}|${productId}`;
    let level = levels.get(key);
    if (!level) {
      level = { locationId, ownerId: owner, productId, onHand: 0, serialIds: [] };
      levels.set(key, level);
    }
    return level;
  };

  return {
    /** On hand of one owner's goods of a product at an internal location. */
    onHand: (locationId: string, ownerId: string | null, productId: string) => levels.get(`${locationId}|${ownerId ?? DISTRIBUTOR_OWNER}|${productId}`)?.onHand ?? 0,

    post(move: Omit<SeedMove, "serialIds">) {
      if (!Number.isSafeInteger(move.quantity) || move.quantity <= 0) throw new Error(`seed move quantity ${move.quantity}`);
      if (move.fromLocationId === move.toLocationId) throw new Error("seed move to its own location");
      const serial = options.serialized.has(move.productId);
      let serialIds: string[] = [];
      if (isInternal(move.fromLocationId)) {
        const from = levelOf(move.fromLocationId, move.ownerId, move.productId);
        if (from.onHand < move.quantity) throw new Error(`seed takes ${move.quantity} of ${move.productId} from ${move.fromLocationId}, which holds ${from.onHand}`);
        from.onHand -= move.quantity;
        if (serial) serialIds = from.serialIds.splice(0, move.quantity);
      } else if (serial) {
        serialIds = options.mintSerials(move.productId, move.quantity, moves.length);
      }
      if (isInternal(move.toLocationId)) {
        const to = levelOf(move.toLocationId, move.ownerId, move.productId);
        to.onHand += move.quantity;
        to.serialIds.push(...serialIds);
      }
      moves.push({ ...move, serialIds });
    },

    moves: () => moves,
    /** Non-empty balances only: a level row that nets to zero says nothing. */
    levels: () => [...levels.values()].filter((l) => l.onHand > 0),
  };
}

export type SeedLedger = ReturnType<typeof createSeedLedger>;

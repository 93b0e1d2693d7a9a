import { eq, inArray } from "drizzle-orm";
import fc from "fast-check";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { DISTRIBUTOR_OWNER, products as productsTable, stockLevels, stockValuations, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { ValidationError } from "../shared/errors";
import { seedDemoData } from "@cs/testing/demo";
import { createTestProduct, expectLedgerConsistent, locationIdOf } from "@cs/testing/inventory";
import { availability } from "./availability";
import { applyMoves, InsufficientStockError, type StockMoveInput } from "./ledger";
import { fulfil, release, reserve } from "./reservation";

/**
 * Random sequences of receipts, transfers through transit, reservations, releases, shipments,
 * adjustments and stocktakes, each applied in its own transaction and mirrored in a plain model.
 * Every operation must succeed exactly when the model says there is enough free stock (and leave
 * nothing behind when it fails); after each sequence the levels equal the model and the ledger,
 * and no level is negative or reserves more than it holds. Receipts come in at random costs: the
 * moves' values add up to the valuation (verifyStockValues), which holds all our units at an
 * average within the costs they arrived at.
 */

type P = 0 | 1;
type W = 0 | 1;
type Op =
  | { kind: "receipt"; p: P; w: W; q: number; cost: number }
  | { kind: "ship"; p: P; w: W; q: number }
  | { kind: "arrive"; p: P; w: W; q: number }
  | { kind: "reserve"; order: number; lines: { p: P; q: number }[]; firstW: W }
  | { kind: "release"; order: number }
  | { kind: "fulfil"; order: number }
  | { kind: "adjust"; p: P; w: W; q: number; up: boolean }
  | { kind: "count"; p: P; w: W; counted: number }
  | { kind: "bad"; p: P; w: W; q: number };

const p = fc.constantFrom<P>(0, 1);
const w = fc.constantFrom<W>(0, 1);
const q = fc.integer({ min: 1, max: 15 });
const order = fc.integer({ min: 0, max: 3 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("receipt" as const), p, w, q: fc.integer({ min: 1, max: 25 }), cost: fc.integer({ min: 0, max: 50_000 }) }) },
  fc.record({ kind: fc.constant("ship" as const), p, w, q }),
  fc.record({ kind: fc.constant("arrive" as const), p, w, q }),
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("reserve" as const), order, lines: fc.array(fc.record({ p, q }), { minLength: 1, maxLength: 3 }), firstW: w }) },
  fc.record({ kind: fc.constant("release" as const), order }),
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("fulfil" as const), order }) },
  fc.record({ kind: fc.constant("adjust" as const), p, w, q, up: fc.boolean() }),
  fc.record({ kind: fc.constant("count" as const), p, w, counted: fc.integer({ min: 0, max: 30 }) }),
  fc.record({ kind: fc.constant("bad" as const), p, w, q: fc.constantFrom(0, -1, 0.5, Number.NaN) }),
);

let db: Database;
const L = { w: ["", ""], transit: "", supplier: "", customer: "", loss: "" };
let run = 0;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  L.w = [await locationIdOf(db, "WH-GZ"), await locationIdOf(db, "WH-CD")];
  L.transit = await locationIdOf(db, "TRANSIT");
  L.supplier = await locationIdOf(db, "SUPPLIER");
  L.customer = await locationIdOf(db, "CUSTOMER");
  L.loss = await locationIdOf(db, "LOSS");
});

afterEach(() => expectLedgerConsistent(db));

/** The model: on hand and reserved per `location|product`, and what each order holds where. */
function createModel() {
  const onHand = new Map<string, number>();
  const reserved = new Map<string, number>();
  const held = new Map<number, { key: string; q: number }[]>();
  const get = (m: Map<string, number>, key: string) => m.get(key) ?? 0;
  const add = (m: Map<string, number>, key: string, d: number) => m.set(key, get(m, key) + d);
  return {
    onHand, reserved, held, add,
    free: (key: string) => get(onHand, key) - get(reserved, key),
    has: (key: string) => get(onHand, key),
  };
}

async function runSequence(ops: Op[]) {
  run++;
  const products = [await createTestProduct(db, `PROP-${run}-A`), await createTestProduct(db, `PROP-${run}-B`)] as const;
  const model = createModel();
  const key = (loc: string, pi: P) => `${loc}|${products[pi]}`;
  // every unit cost goods of each product came in at: its static cost (a gain before any receipt) and the receipts'
  const statics = await db.select({ id: productsTable.id, costFen: productsTable.costFen }).from(productsTable).where(inArray(productsTable.id, [...products]));
  const costs: [bigint[], bigint[]] = [[statics.find((r) => r.id === products[0])!.costFen], [statics.find((r) => r.id === products[1])!.costFen]];
  const ref = (o: number) => ({ referenceType: "prop_order", referenceId: `${run}-${o}` });
  const mv = (pi: P, qty: number, from: string, to: string, reason: StockMoveInput["reason"]): StockMoveInput => ({
    productId: products[pi], quantity: qty, fromLocationId: from, toLocationId: to, reason, referenceType: "prop", referenceId: String(run),
  });
  /** Posts one move; it must fail with InsufficientStockError exactly when `enough` is false. */
  const post = async (move: StockMoveInput, enough: boolean) => {
    const outcome = await db.transaction((tx) => applyMoves(tx, null, [move])).then(() => "ok", (e: unknown) => e);
    if (enough) expect(outcome).toBe("ok");
    else expect(outcome).toBeInstanceOf(InsufficientStockError);
    return enough;
  };

  for (const o of ops) {
    switch (o.kind) {
      case "receipt":
        await post({ ...mv(o.p, o.q, L.supplier, L.w[o.w]!, "receipt"), unitCostFen: BigInt(o.cost) }, true);
        model.add(model.onHand, key(L.w[o.w]!, o.p), o.q);
        costs[o.p].push(BigInt(o.cost));
        break;
      case "ship": {
        const from = key(L.w[o.w]!, o.p);
        if (await post(mv(o.p, o.q, L.w[o.w]!, L.transit, "transfer_out"), model.free(from) >= o.q)) {
          model.add(model.onHand, from, -o.q);
          model.add(model.onHand, key(L.transit, o.p), o.q);
        }
        break;
      }
      case "arrive": {
        const from = key(L.transit, o.p);
        if (await post(mv(o.p, o.q, L.transit, L.w[o.w]!, "transfer_in"), model.has(from) >= o.q)) {
          model.add(model.onHand, from, -o.q);
          model.add(model.onHand, key(L.w[o.w]!, o.p), o.q);
        }
        break;
      }
      case "reserve": {
        const prefs = o.firstW === 0 ? [L.w[0]!, L.w[1]!] : [L.w[1]!, L.w[0]!];
        const lines = o.lines.map((l) => ({ productId: products[l.p], quantity: l.q }));
        const result = await db.transaction((tx) => reserve(tx, ref(o.order), lines, prefs));
        const expected = [];
        for (const pi of [...new Set(o.lines.map((l) => l.p))]) {
          const requested = o.lines.filter((l) => l.p === pi).reduce((s, l) => s + l.q, 0);
          let left = requested;
          for (const loc of prefs) {
            const take = Math.min(Math.max(model.free(key(loc, pi)), 0), left);
            if (take === 0) continue;
            left -= take;
            model.add(model.reserved, key(loc, pi), take);
            model.held.set(o.order, [...(model.held.get(o.order) ?? []), { key: key(loc, pi), q: take }]);
          }
          expected.push({ productId: products[pi], requested, reserved: requested - left, backorder: left });
        }
        expect(result).toEqual(expected);
        break;
      }
      case "release": {
        const items = model.held.get(o.order) ?? [];
        expect(await db.transaction((tx) => release(tx, ref(o.order)))).toBe(items.reduce((s, i) => s + i.q, 0));
        for (const i of items) model.add(model.reserved, i.key, -i.q);
        model.held.delete(o.order);
        break;
      }
      case "fulfil": {
        const items = model.held.get(o.order) ?? [];
        await db.transaction((tx) => fulfil(tx, null, ref(o.order), L.customer));
        for (const i of items) {
          model.add(model.reserved, i.key, -i.q);
          model.add(model.onHand, i.key, -i.q);
        }
        model.held.delete(o.order);
        break;
      }
      case "adjust": {
        const at = key(L.w[o.w]!, o.p);
        const move = o.up ? mv(o.p, o.q, L.loss, L.w[o.w]!, "adjustment") : mv(o.p, o.q, L.w[o.w]!, L.loss, "adjustment");
        if (await post(move, o.up || model.free(at) >= o.q)) model.add(model.onHand, at, o.up ? o.q : -o.q);
        break;
      }
      case "count": {
        // a stocktake posts the difference between the count and the book quantity
        const at = key(L.w[o.w]!, o.p);
        const diff = o.counted - model.has(at);
        if (diff === 0) break;
        const move = diff > 0 ? mv(o.p, diff, L.loss, L.w[o.w]!, "adjustment") : mv(o.p, -diff, L.w[o.w]!, L.loss, "adjustment");
        if (await post(move, diff > 0 || model.free(at) >= -diff)) model.add(model.onHand, at, diff);
        break;
      }
      case "bad": {
        const outcome = await db.transaction((tx) => applyMoves(tx, null, [mv(o.p, 2, L.supplier, L.w[o.w]!, "receipt"), mv(o.p, o.q, L.w[o.w]!, L.loss, "adjustment")])).catch((e: unknown) => e);
        expect(outcome).toBeInstanceOf(ValidationError);
        expect(outcome).not.toBeInstanceOf(InsufficientStockError);
        break;
      }
    }
  }

  // the levels are the model's, availability is never negative, and the ledger agrees
  const rows = await db.select().from(stockLevels).where(inArray(stockLevels.productId, [...products]));
  const actual = Object.fromEntries(rows.filter((r) => r.onHand > 0 || r.reserved > 0).map((r) => [`${r.locationId}|${r.productId}`, [r.onHand, r.reserved]]));
  const expected = Object.fromEntries(
    [...model.onHand.keys()].filter((k) => model.has(k) > 0).map((k) => [k, [model.has(k), model.onHand.get(k)! - model.free(k)]]),
  );
  expect(actual).toEqual(expected);
  expect(rows.every((r) => r.ownerId === DISTRIBUTOR_OWNER && r.reserved >= 0 && r.reserved <= r.onHand)).toBe(true);
  const available = await availability(db, [...products], L.w);
  for (const pi of [0, 1] as const) expect(available.get(products[pi])).toBe(model.free(key(L.w[0]!, pi)) + model.free(key(L.w[1]!, pi)));
  expect([...available.values()].every((n) => n >= 0)).toBe(true);
  await expectLedgerConsistent(db);

  // the valuation holds all our units (warehouses and transit), at an average within the costs they came in at
  for (const pi of [0, 1] as const) {
    const [v] = await db.select().from(stockValuations).where(eq(stockValuations.productId, products[pi]));
    const units = [L.w[0]!, L.w[1]!, L.transit].reduce((s, loc) => s + model.has(key(loc, pi)), 0);
    expect(v?.quantity ?? 0).toBe(units);
    if (!v || units === 0) {
      expect(v?.valueFen ?? 0n).toBe(0n);
      continue;
    }
    const [low, high] = [costs[pi].reduce((a, b) => (a < b ? a : b)), costs[pi].reduce((a, b) => (a > b ? a : b))];
    // each move out rounds its share once: at most half a fen more or less on the units left, per operation
    const slack = BigInt(ops.length);
    expect(v.averageCostFen >= low - slack && v.averageCostFen <= high + slack, `average ${v.averageCostFen} outside ${low}..${high}`).toBe(true);
    expect(v.valueFen >= (low > slack ? low - slack : 0n) * BigInt(units) && v.valueFen <= (high + slack) * BigInt(units)).toBe(true);
  }
}

describe("the ledger under random operation sequences", () => {
  it("keeps stock_levels equal to the ledger and availability never below zero", { timeout: 120_000 }, async () => {
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 10, maxLength: 25, size: "max" }), runSequence), { numRuns: 30, seed: 20260127 });
  });
});

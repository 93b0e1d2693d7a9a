import { count, eq, inArray, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, stockMoves, stockReservations, type Database } from "@cs/db";
import { createRandom } from "@cs/seed";
import { testDatabaseUrl, testDb } from "../../../../tests/db";
import { seedDemoData } from "@cs/testing/demo";
import { fieldErrorsOf } from "@cs/testing/errors";
import { createTestProduct, expectLedgerConsistent, levelOf, locationIdOf } from "@cs/testing/inventory";
import { applyMoves } from "./ledger";
import { fulfil, release, reserve, type ReserveLine } from "./reservation";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;
/** A pool of its own, wide enough that every concurrent transaction gets a connection. */
let pool: Database;
const L = { central: "", bj: "", sh: "", supplier: "", customer: "" };

const ref = (referenceId: string) => ({ referenceType: "test_order", referenceId });
const receive = (productId: string, quantity: number, to: string) =>
  db.transaction((tx) => applyMoves(tx, null, [{ productId, quantity, fromLocationId: L.supplier, toLocationId: to, reason: "receipt", referenceType: "test", referenceId: "r" }]));
const reserveIn = (on: Database, id: string, lines: ReserveLine[], warehouses: string[]) => on.transaction((tx) => reserve(tx, ref(id), lines, warehouses));
const held = async (id: string) =>
  (await db.select({ n: sql<number>`coalesce(sum(${stockReservations.quantity}), 0)::int` }).from(stockReservations).where(eq(stockReservations.referenceId, id)))[0]!.n;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  for (const [k, code] of [["central", "WH-CENTRAL"], ["bj", "WH-BJ"], ["sh", "WH-SH"], ["supplier", "SUPPLIER"], ["customer", "CUSTOMER"]] as const) {
    L[k] = await locationIdOf(db, code);
  }
  pool = createDatabase(testDatabaseUrl(), { max: 32 });
});

afterAll(() => pool?.$client.end({ timeout: 5 }));

afterEach(() => expectLedgerConsistent(db));

describe("reserve", () => {
  it("takes from the warehouses in preference order", async () => {
    const p = await createTestProduct(db, "RES-PREF");
    await receive(p, 3, L.bj);
    await receive(p, 10, L.central);
    expect(await reserveIn(db, "pref-1", [{ productId: p, quantity: 8 }], [L.bj, L.central])).toEqual([{ productId: p, requested: 8, reserved: 8, backorder: 0 }]);
    expect([await levelOf(db, L.bj, p), await levelOf(db, L.central, p)]).toEqual([{ onHand: 3, reserved: 3 }, { onHand: 10, reserved: 5 }]);
    // the other way round, the central warehouse's remaining 5 go first
    expect(await reserveIn(db, "pref-2", [{ productId: p, quantity: 2 }], [L.central, L.bj])).toEqual([{ productId: p, requested: 2, reserved: 2, backorder: 0 }]);
    expect((await levelOf(db, L.central, p)).reserved).toBe(7);
    await release(db, ref("pref-1"));
    await release(db, ref("pref-2"));
  });

  it("takes the rest from the next warehouse when a concurrent order empties the first choice while we wait", async () => {
    const p = await createTestProduct(db, "RES-RACE");
    await receive(p, 5, L.bj);
    await receive(p, 10, L.central);
    let releaseOther!: () => void;
    const otherHolds = new Promise<void>((ok) => (releaseOther = ok));
    let otherLocked!: () => void;
    const locked = new Promise<void>((ok) => (otherLocked = ok));
    // Another order takes 3 from Beijing and keeps its lock until we are waiting behind it.
    const other = pool.transaction(async (tx) => {
      await reserve(tx, ref("race-other"), [{ productId: p, quantity: 3 }], [L.bj]);
      otherLocked();
      await otherHolds;
    });
    await locked;
    // We queue behind its lock on Beijing…
    const ours = reserveIn(pool, "race-ours", [{ productId: p, quantity: 5 }], [L.bj, L.central]);
    await new Promise((ok) => setTimeout(ok, 300));
    releaseOther();
    await other;
    // …and once it gets the lock only 2 are left there: the rest comes from central, nothing lost.
    expect(await ours).toEqual([{ productId: p, requested: 5, reserved: 5, backorder: 0 }]);
    expect([await levelOf(db, L.bj, p), await levelOf(db, L.central, p)]).toEqual([{ onHand: 5, reserved: 5 }, { onHand: 10, reserved: 3 }]);
    await release(db, ref("race-other"));
    await release(db, ref("race-ours"));
  });

  it("counts a warehouse named twice in the preference list once", async () => {
    const p = await createTestProduct(db, "RES-TWICE");
    await receive(p, 5, L.bj);
    expect(await reserveIn(db, "twice", [{ productId: p, quantity: 8 }], [L.bj, L.bj])).toEqual([{ productId: p, requested: 8, reserved: 5, backorder: 3 }]);
    expect(await levelOf(db, L.bj, p)).toEqual({ onHand: 5, reserved: 5 });
    await release(db, ref("twice"));
  });

  it("answers a shortfall with a backorder, merging lines of one product, not with an error", async () => {
    const [p, none] = [await createTestProduct(db, "RES-SHORT"), await createTestProduct(db, "RES-NONE")];
    await receive(p, 6, L.bj);
    await receive(p, 7, L.central);
    const result = await reserveIn(db, "short", [{ productId: p, quantity: 15 }, { productId: none, quantity: 4 }, { productId: p, quantity: 5 }], [L.bj, L.central]);
    expect(result).toEqual([
      { productId: p, requested: 20, reserved: 13, backorder: 7 },
      { productId: none, requested: 4, reserved: 0, backorder: 4 },
    ]);
    expect(await held("short")).toBe(13);
    await release(db, ref("short"));
  });

  it("is released in full, and releasing twice changes nothing", async () => {
    const p = await createTestProduct(db, "RES-RELEASE");
    await receive(p, 5, L.sh);
    await receive(p, 5, L.central);
    await reserveIn(db, "rel", [{ productId: p, quantity: 8 }], [L.sh, L.central]);
    expect(await release(db, ref("rel"))).toBe(8);
    expect(await release(db, ref("rel"))).toBe(0);
    expect([await levelOf(db, L.sh, p), await levelOf(db, L.central, p), await held("rel")]).toEqual([{ onHand: 5, reserved: 0 }, { onHand: 5, reserved: 0 }, 0]);
  });

  it("is fulfilled as shipment moves out of the warehouses: on hand and reserved drop together", async () => {
    const p = await createTestProduct(db, "RES-FULFIL");
    await receive(p, 4, L.sh);
    await receive(p, 9, L.central);
    await reserveIn(db, "ful", [{ productId: p, quantity: 6 }], [L.sh, L.central]);
    const ids = await db.transaction((tx) => fulfil(tx, null, ref("ful"), L.customer));
    expect(ids).toHaveLength(2);
    expect([await levelOf(db, L.sh, p), await levelOf(db, L.central, p), await held("ful")]).toEqual([{ onHand: 0, reserved: 0 }, { onHand: 7, reserved: 0 }, 0]);
    const moves = await db.select().from(stockMoves).where(inArray(stockMoves.id, ids));
    expect(moves.map((m) => [m.reason, m.quantity, m.toLocationId, m.referenceId]).sort()).toEqual([
      ["shipment", 2, L.customer, "ful"],
      ["shipment", 4, L.customer, "ful"],
    ]);
    // nothing left to ship the second time
    expect(await db.transaction((tx) => fulfil(tx, null, ref("ful"), L.customer))).toEqual([]);
  });

  it.each([
    ["a malformed product id", { productId: "NB-T14", quantity: 1 }, "productId"],
    ["a zero quantity", { productId: "", quantity: 0 }, "quantity"],
    ["a negative quantity", { productId: "", quantity: -2 }, "quantity"],
    ["a fractional quantity", { productId: "", quantity: 0.5 }, "quantity"],
  ])("refuses %s and changes nothing", async (_what, line, field) => {
    const p = await createTestProduct(db, `RES-BAD-${field}-${line.quantity}`);
    await receive(p, 5, L.bj);
    const before = (await db.select({ n: count() }).from(stockReservations))[0]!.n;
    const bad = { ...line, productId: line.productId || p };
    expect(await expectUnchanged(db, () => fieldErrorsOf(reserveIn(db, "bad", [{ productId: p, quantity: 1 }, bad], [L.bj])))).toHaveProperty(field);
    expect((await db.select({ n: count() }).from(stockReservations))[0]!.n).toBe(before);
    expect(await levelOf(db, L.bj, p)).toEqual({ onHand: 5, reserved: 0 });
  });
});

describe("under concurrency", () => {
  it("reserves exactly what there is for 2 × 64 concurrent one-unit orders, never more", async () => {
    const p = await createTestProduct(db, "RES-HOT");
    await receive(p, 100, L.sh);
    let peekedOver = false;
    let running = true;
    const peek = (async () => {
      while (running) {
        const level = await levelOf(db, L.sh, p);
        if (level.reserved > level.onHand) peekedOver = true;
      }
    })();
    const round = (r: number) =>
      Promise.allSettled(Array.from({ length: 64 }, (_, i) => reserveIn(pool, `hot-${r}-${i}`, [{ productId: p, quantity: 1 }], [L.sh])));

    const first = await round(1);
    expect(first.filter((s) => s.status === "rejected")).toEqual([]);
    const firstGot = first.map((s) => (s.status === "fulfilled" ? s.value[0]!.reserved : -1));
    expect(firstGot.every((n) => n === 1)).toBe(true);
    expect(await levelOf(db, L.sh, p)).toEqual({ onHand: 100, reserved: 64 });

    const second = await round(2);
    running = false;
    await peek;
    expect(second.filter((s) => s.status === "rejected")).toEqual([]);
    const lines = second.map((s) => (s.status === "fulfilled" ? s.value[0]! : null));
    expect(lines.filter((l) => l?.reserved === 1)).toHaveLength(36);
    expect(lines.filter((l) => l?.backorder === 1)).toHaveLength(28);
    expect(await levelOf(db, L.sh, p)).toEqual({ onHand: 100, reserved: 100 });
    expect(peekedOver).toBe(false);
    for (let r = 1; r <= 2; r++) for (let i = 0; i < 64; i++) await release(db, ref(`hot-${r}-${i}`));
  });

  it("does not deadlock when multi-line orders touch products in different orders while others release and ship", async () => {
    const products: string[] = [];
    for (let i = 0; i < 10; i++) products.push(await createTestProduct(db, `RES-MULTI-${i}`));
    for (const p of products) {
      await receive(p, 40, L.bj);
      await receive(p, 40, L.central);
    }
    const rand = createRandom(20260127);
    const order = (i: number) => {
      const picked = rand.shuffle(products).slice(0, 3);
      return { id: `multi-${i}`, lines: picked.map((productId) => ({ productId, quantity: rand.int(1, 3) })), warehouses: rand.chance(0.5) ? [L.bj, L.central] : [L.central, L.bj] };
    };
    const orders = Array.from({ length: 30 }, (_, i) => order(i));
    // round 1: reserve all; round 2: reserve 30 more while the first 30 are released or shipped
    const reserved = await Promise.allSettled(orders.map((o) => reserveIn(pool, o.id, o.lines, o.warehouses)));
    expect(reserved.filter((s) => s.status === "rejected")).toEqual([]);
    const more = Array.from({ length: 30 }, (_, i) => order(30 + i));
    const mixed = await Promise.allSettled([
      ...more.map((o) => reserveIn(pool, o.id, o.lines, o.warehouses)),
      ...orders.map((o, i) =>
        pool.transaction(async (tx) => {
          if (i % 2 === 0) await release(tx, ref(o.id));
          else await fulfil(tx, null, ref(o.id), L.customer);
        }),
      ),
    ]);
    expect(mixed.filter((s) => s.status === "rejected")).toEqual([]);
    for (const o of more) await release(db, ref(o.id));
  });
});

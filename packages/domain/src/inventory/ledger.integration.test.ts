import { and, count, eq, inArray, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { serialMoves, serialNumbers, stockLevels, stockLocations, stockMoves, stockReservations, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { ValidationError } from "../shared/errors";
import { orgByCode, seedDemoData, userIdOf } from "@cs/testing/demo";
import { fieldErrorsOf } from "@cs/testing/errors";
import { createTestProduct, expectLedgerConsistent, levelOf, locationIdOf } from "@cs/testing/inventory";
import { availability, warehousesServing } from "./availability";
import { applyMoves, InsufficientStockError, type StockMoveInput } from "./ledger";
import { release, reserve } from "./reservation";
import { verifyStockLevels } from "./verify";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;
const L = { central: "", bj: "", sh: "", transit: "", supplier: "", customer: "", loss: "" };
let bjBranch: string;
let dealer: string;
let warehouseUser: { userId: string };

const move = (productId: string, quantity: number, from: string, to: string, extra: Partial<StockMoveInput> = {}): StockMoveInput => ({
  productId, quantity, fromLocationId: from, toLocationId: to, reason: "receipt", referenceType: "test", referenceId: "ledger", ...extra,
});
const post = (moves: StockMoveInput[]) => db.transaction((tx) => applyMoves(tx, warehouseUser, moves));
const moveCount = async () => (await db.select({ n: count() }).from(stockMoves))[0]!.n;
const allLevels = () => db.select().from(stockLevels).orderBy(stockLevels.locationId, stockLevels.ownerId, stockLevels.productId);

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  for (const [k, code] of [["central", "WH-CENTRAL"], ["bj", "WH-BJ"], ["sh", "WH-SH"], ["transit", "TRANSIT"], ["supplier", "SUPPLIER"], ["customer", "CUSTOMER"], ["loss", "LOSS"]] as const) {
    L[k] = await locationIdOf(db, code);
  }
  bjBranch = (await orgByCode(db, "BJ")).id;
  dealer = (await orgByCode(db, "DL-0001")).id;
  warehouseUser = { userId: await userIdOf(db, "warehouse@demo.cn") };
});

afterEach(() => expectLedgerConsistent(db));

describe("the demo seed", () => {
  it("leaves stock_levels equal to its ledger, with a serial for every unit of serialized stock", async () => {
    expect(await verifyStockLevels(db)).toEqual([]);
    const [{ n: levels } = { n: 0 }] = await db.select({ n: count() }).from(stockLevels);
    expect(levels).toBeGreaterThan(500);
    // serialized levels and in-stock serials agree place by place and owner by owner
    const mismatches = await db.execute(sql`
      with lv as (
        select s.location_id, s.owner_id, s.product_id, s.on_hand from stock_levels s join products p on p.id = s.product_id
         where p.serialized and s.on_hand > 0
      ), sn as (
        select location_id, coalesce(owner_id, '00000000-0000-0000-0000-000000000000'::uuid) as owner_id, product_id, count(*)::int as n
          from serial_numbers where status = 'in_stock' group by 1, 2, 3
      )
      select * from lv full join sn using (location_id, owner_id, product_id) where coalesce(lv.on_hand, 0) <> coalesce(sn.n, 0)`);
    expect([...mismatches]).toEqual([]);
    const [{ n: serials } = { n: 0 }] = await db.select({ n: count() }).from(serialNumbers);
    expect(serials).toBeGreaterThan(100);
  });
});

describe("applyMoves", () => {
  it("creates a level on the first receipt into a warehouse and records a done move by the actor", async () => {
    const p = await createTestProduct(db, "LEDGER-RECEIPT");
    const [id] = await post([move(p, 7, L.supplier, L.bj)]);
    expect(await levelOf(db, L.bj, p)).toEqual({ onHand: 7, reserved: 0 });
    const [row] = await db.select().from(stockMoves).where(eq(stockMoves.id, id!));
    expect(row).toMatchObject({ productId: p, quantity: 7, state: "done", reason: "receipt", ownerId: null, actorId: warehouseUser.userId });
    await post([move(p, 3, L.supplier, L.bj)]);
    expect(await levelOf(db, L.bj, p)).toEqual({ onHand: 10, reserved: 0 });
  });

  it("moves on-hand between internal locations, through transit", async () => {
    const p = await createTestProduct(db, "LEDGER-TRANSFER");
    await post([move(p, 20, L.supplier, L.central)]);
    await post([move(p, 8, L.central, L.transit, { reason: "transfer_out" })]);
    expect([await levelOf(db, L.central, p), await levelOf(db, L.transit, p)]).toEqual([{ onHand: 12, reserved: 0 }, { onHand: 8, reserved: 0 }]);
    await post([move(p, 8, L.transit, L.sh, { reason: "transfer_in" })]);
    expect([await levelOf(db, L.transit, p), await levelOf(db, L.sh, p)]).toEqual([{ onHand: 0, reserved: 0 }, { onHand: 8, reserved: 0 }]);
  });

  it("refuses to take more than is free and writes nothing, not even the moves before the failing one", async () => {
    const p = await createTestProduct(db, "LEDGER-SHORT");
    await post([move(p, 10, L.supplier, L.sh)]);
    await db.transaction((tx) => reserve(tx, { referenceType: "test", referenceId: "short" }, [{ productId: p, quantity: 4 }], [L.sh]));
    const [moves, levels] = [await moveCount(), await allLevels()];
    // 10 on hand, 4 reserved: 6 are free
    const error = await expectUnchanged(db, () => post([move(p, 1, L.supplier, L.central), move(p, 7, L.sh, L.customer, { reason: "shipment" })]).catch((e: unknown) => e));
    expect(error).toBeInstanceOf(InsufficientStockError);
    expect(error).toMatchObject({ productId: p, locationId: L.sh, fieldErrors: { quantity: ["validation.insufficientStock"] } });
    expect(await moveCount()).toBe(moves);
    expect(await allLevels()).toEqual(levels);
    await post([move(p, 6, L.sh, L.customer, { reason: "shipment" })]);
    expect(await levelOf(db, L.sh, p)).toEqual({ onHand: 4, reserved: 4 });
    expect(await release(db, { referenceType: "test", referenceId: "short" })).toBe(4);
  });

  it.each([
    ["zero", 0],
    ["negative", -3],
    ["fractional", 1.5],
    ["not a number", Number.NaN],
  ])("refuses a %s quantity", async (_what, quantity) => {
    const p = await createTestProduct(db, `LEDGER-Q-${quantity}`);
    const moves = await moveCount();
    expect(await expectUnchanged(db, () => fieldErrorsOf(post([move(p, 5, L.supplier, L.bj), move(p, quantity, L.supplier, L.bj)])))).toEqual({
      quantity: ["validation.quantityPositive"],
    });
    expect(await moveCount()).toBe(moves);
    expect(await levelOf(db, L.bj, p)).toEqual({ onHand: 0, reserved: 0 });
  });

  it.each([
    ["an unknown location", "8b1a9953-c461-4296-8c2f-5e6e3f1c0a77"],
    ["a malformed location id", "WH-BJ"],
  ])("refuses %s", async (_what, locationId) => {
    const p = await createTestProduct(db, `LEDGER-LOC-${locationId}`);
    const moves = await moveCount();
    const error = await expectUnchanged(db, () => post([move(p, 5, L.supplier, locationId)]).catch((e: unknown) => e));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toHaveProperty("locationId");
    expect(await moveCount()).toBe(moves);
  });

  it("refuses a move from a location to itself with a field error, not a database error", async () => {
    const p = await createTestProduct(db, "LEDGER-SELF");
    await post([move(p, 5, L.supplier, L.bj)]);
    expect(await expectUnchanged(db, () => fieldErrorsOf(post([move(p, 2, L.bj, L.bj, { reason: "transfer_out" })])))).toHaveProperty("toLocationId");
    expect(await levelOf(db, L.bj, p)).toEqual({ onHand: 5, reserved: 0 });
  });

  it("keys stock by owner: a partner's goods in our warehouse are not our available stock", async () => {
    const p = await createTestProduct(db, "LEDGER-OWNER");
    const serving = await warehousesServing(db, bjBranch);
    expect(serving.slice(0, 2)).toEqual([L.bj, L.central]);
    await post([move(p, 4, L.supplier, L.bj), move(p, 9, L.supplier, L.bj, { ownerId: dealer })]);
    expect(await levelOf(db, L.bj, p)).toEqual({ onHand: 4, reserved: 0 });
    expect(await levelOf(db, L.bj, p, dealer)).toEqual({ onHand: 9, reserved: 0 });
    expect((await availability(db, [p], serving)).get(p)).toBe(4);
    // our 4 cannot be topped up by the dealer's 9, and reserving finds only ours
    await expectUnchanged(db, () => expect(post([move(p, 5, L.bj, L.customer, { reason: "shipment" })])).rejects.toBeInstanceOf(InsufficientStockError));
    const [r] = await db.transaction((tx) => reserve(tx, { referenceType: "test", referenceId: "owner" }, [{ productId: p, quantity: 6 }], serving));
    expect(r).toMatchObject({ reserved: 4, backorder: 2 });
    await post([move(p, 9, L.bj, L.customer, { reason: "call_off", ownerId: dealer })]);
    expect(await levelOf(db, L.bj, p, dealer)).toEqual({ onHand: 0, reserved: 0 });
  });

  it("takes fromReserved stock out of the reservation, and only as much as is reserved", async () => {
    const p = await createTestProduct(db, "LEDGER-RESERVED");
    await post([move(p, 10, L.supplier, L.central)]);
    await expectUnchanged(db, () => expect(post([move(p, 1, L.central, L.customer, { reason: "shipment", fromReserved: true })])).rejects.toBeInstanceOf(InsufficientStockError));
    // 6 reserved, 4 free: a plain move may take the 4 free ones but not a fifth
    const plain = () =>
      db.transaction(async (tx) => {
        await reserve(tx, { referenceType: "test", referenceId: "fr" }, [{ productId: p, quantity: 6 }], [L.central]);
        await applyMoves(tx, null, [move(p, 5, L.central, L.customer, { reason: "shipment" })]);
      });
    await expectUnchanged(db, () => expect(plain()).rejects.toBeInstanceOf(InsufficientStockError));
    expect(await levelOf(db, L.central, p)).toEqual({ onHand: 10, reserved: 0 });
    await db.transaction(async (tx) => {
      await reserve(tx, { referenceType: "test", referenceId: "fr" }, [{ productId: p, quantity: 6 }], [L.central]);
      await tx.delete(stockReservations).where(eq(stockReservations.referenceId, "fr"));
      await applyMoves(tx, null, [move(p, 6, L.central, L.customer, { reason: "shipment", fromReserved: true })]);
    });
    expect(await levelOf(db, L.central, p)).toEqual({ onHand: 4, reserved: 0 });
  });

  it("keeps reserved right when one posting receives into a warehouse and ships reserved stock out of it", async () => {
    const p = await createTestProduct(db, "LEDGER-NETTED");
    await post([move(p, 10, L.supplier, L.central)]);
    await db.transaction(async (tx) => {
      await reserve(tx, { referenceType: "test", referenceId: "net" }, [{ productId: p, quantity: 6 }], [L.central]);
      await tx.delete(stockReservations).where(eq(stockReservations.referenceId, "net"));
      // net +2 on hand at the warehouse, and its 6 reserved units leave
      await applyMoves(tx, null, [move(p, 8, L.supplier, L.central), move(p, 6, L.central, L.customer, { reason: "shipment", fromReserved: true })]);
    });
    expect(await levelOf(db, L.central, p)).toEqual({ onHand: 12, reserved: 0 });
  });

  it("links the serials that travel with a move in serial_moves", async () => {
    const [sample] = await db
      .select({ productId: serialNumbers.productId })
      .from(serialNumbers)
      .where(and(eq(serialNumbers.locationId, L.central), eq(serialNumbers.status, "in_stock")))
      .groupBy(serialNumbers.productId)
      .having(sql`count(*) >= 2 and bool_and(${serialNumbers.ownerId} is null)`)
      .limit(1);
    const picked = await db
      .select({ id: serialNumbers.id })
      .from(serialNumbers)
      .where(and(eq(serialNumbers.productId, sample!.productId), eq(serialNumbers.locationId, L.central)))
      .orderBy(serialNumbers.serial)
      .limit(2);
    const serialIds = picked.map((s) => s.id);
    const [moveId] = await post([move(sample!.productId, 2, L.central, L.transit, { reason: "transfer_out", serialIds })]);
    const links = await db.select().from(serialMoves).where(eq(serialMoves.moveId, moveId!));
    expect(links.map((l) => l.serialId).sort()).toEqual([...serialIds].sort());
    // each serial's history: its receipt by the seed, then this transfer
    const history = await db.select({ serialId: serialMoves.serialId, n: count() }).from(serialMoves).where(inArray(serialMoves.serialId, serialIds)).groupBy(serialMoves.serialId);
    expect(history.every((h) => h.n >= 2)).toBe(true);
    await post([move(sample!.productId, 2, L.transit, L.central, { reason: "transfer_in", serialIds })]);
  });

  it("knows its locations: the seed's internal kinds hold stock, the outside world does not", async () => {
    const kinds = await db.select({ kind: stockLocations.kind, n: count() }).from(stockLocations).groupBy(stockLocations.kind);
    expect(Object.fromEntries(kinds.map((k) => [k.kind, k.n]))).toMatchObject({ warehouse: 5, transit: 1, supplier: 1, customer: 1, loss: 1, station_parts: 25 });
    const outside = await db
      .select({ n: count() })
      .from(stockLevels)
      .innerJoin(stockLocations, eq(stockLocations.id, stockLevels.locationId))
      .where(inArray(stockLocations.kind, ["supplier", "customer", "loss"]));
    expect(outside[0]!.n).toBe(0);
  });
});

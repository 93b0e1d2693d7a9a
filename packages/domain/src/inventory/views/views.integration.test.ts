import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { divisions, productLines, products, reorderPoints, stockDocuments, stockLocations, stockMoves, type Database, type LocationKind } from "@cs/db";
import { testDb } from "../../../../../tests/db";
import type { Ctx } from "../../shared/context";
import { ForbiddenError, NotFoundError } from "../../shared/errors";
import { ctxOf, orgByCode, seedDemoData } from "@cs/testing/demo";
import { applyMoves, type StockMoveInput } from "../ledger";
import { reserve } from "../reservation";
import {
  exportMoves,
  exportStockByProduct,
  listLocations,
  listLowStock,
  listMoves,
  listPartnerStock,
  listStockByLocation,
  listStockByProduct,
  locationListQuery,
  locationStockQuery,
  lowStockQuery,
  moveListQuery,
  partnerStockQuery,
  stockByProductQuery,
} from "./index";
import { expectUnchanged } from "@cs/testing/unchanged";

/*
 * Own locations (T-…) and products (TST-…) so the figures do not depend on whatever stock the demo
 * seed holds: every assertion narrows to them.
 *
 *   TST-001  ours: T-WH-BJ 10 (3 reserved), T-WH-C 5, T-WH-SH 7 of which 2 left for transit;
 *            DL-0001 owns 4 more in T-WH-BJ
 *   TST-002  DL-0001's virtual stock T-PV-1: 6 (owned by DL-0001)
 *   TST-003  consignment at DL-0002 (T-PC-2, Shanghai): 2, owned by us
 *   TST-004  nothing anywhere
 *   and the 2 in transit written off to loss, booked on a Beijing document (OI-T-1)
 */
let db: Database;
let admin: Ctx, warehouseBj: Ctx, salesSh: Ctx, dealer: Ctx;
const loc: Record<string, string> = {};
const prod: Record<string, string> = {};
let lineId: string, divisionId: string;

const T = { ref: "VIEWTEST" };

async function location(code: string, kind: LocationKind, branchId: string | null, organizationId: string | null = null) {
  const [row] = await db.insert(stockLocations).values({ code, kind, nameZh: `测试${code}`, nameEn: `Test ${code}`, branchId, organizationId }).returning();
  loc[code] = row!.id;
}

const move = (sku: string, quantity: number, from: string, to: string, extra: Partial<StockMoveInput> = {}): StockMoveInput => ({
  productId: prod[sku]!,
  quantity,
  fromLocationId: loc[from]!,
  toLocationId: loc[to]!,
  reason: "receipt",
  referenceType: "test",
  referenceId: T.ref,
  ...extra,
});

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  [admin, warehouseBj, salesSh, dealer] = (await Promise.all(
    ["admin@demo.cn", "warehouse@demo.cn", "sales.sh@demo.cn", "dealer@demo.cn"].map((l) => ctxOf(db, l)),
  )) as [Ctx, Ctx, Ctx, Ctx];
  const [bj, sh, dl1, dl2] = await Promise.all(["BJ", "SH", "DL-0001", "DL-0002"].map((c) => orgByCode(db, c)));
  const [div] = await db.insert(divisions).values({ code: "TSTD", nameZh: "测试事业部", nameEn: "Test division" }).returning();
  const [line] = await db.insert(productLines).values({ divisionId: div!.id, code: "TSTL", nameZh: "测试产品线", nameEn: "Test line" }).returning();
  divisionId = div!.id;
  lineId = line!.id;
  const rows = await db
    .insert(products)
    .values(["TST-001", "TST-002", "TST-003", "TST-004"].map((sku) => ({ productLineId: line!.id, sku, nameZh: `测试${sku}`, nameEn: `Test ${sku}`, listPriceFen: 10000n, costFen: 8000n })))
    .returning();
  for (const r of rows) prod[r.sku] = r.id;

  await location("T-SUP", "supplier", null);
  await location("T-TRANSIT", "transit", null);
  await location("T-LOSS", "loss", null);
  await location("T-WH-C", "warehouse", null);
  await location("T-WH-BJ", "warehouse", bj!.id);
  await location("T-WH-SH", "warehouse", sh!.id);
  await location("T-PV-1", "partner_virtual", bj!.id, dl1!.id);
  await location("T-PC-2", "partner_consignment", sh!.id, dl2!.id);

  await db.transaction((tx) =>
    applyMoves(tx, null, [
      move("TST-001", 10, "T-SUP", "T-WH-BJ"),
      move("TST-001", 5, "T-SUP", "T-WH-C"),
      move("TST-001", 7, "T-SUP", "T-WH-SH", { referenceId: "SH-ONLY" }),
      move("TST-001", 4, "T-SUP", "T-WH-BJ", { ownerId: dl1!.id }),
      move("TST-002", 6, "T-SUP", "T-PV-1", { ownerId: dl1!.id }),
      move("TST-003", 2, "T-SUP", "T-PC-2", { referenceId: "SH-ONLY" }),
      move("TST-001", 2, "T-WH-SH", "T-TRANSIT", { referenceId: "SH-ONLY", reason: "transfer_out" }),
    ]),
  );
  await db.insert(stockDocuments).values({ kind: "issue", number: "OI-T-1", status: "done", fromLocationId: loc["T-WH-BJ"]!, toLocationId: loc["T-LOSS"]! });
  await db.transaction((tx) =>
    applyMoves(tx, null, [move("TST-001", 2, "T-TRANSIT", "T-LOSS", { reason: "adjustment", referenceType: "stock_document", referenceId: "OI-T-1" })]),
  );
  await db.transaction((tx) => reserve(tx, { referenceType: "order", referenceId: "SO-T-1" }, [{ productId: prod["TST-001"]!, quantity: 3 }], [loc["T-WH-BJ"]!]));
  await db.insert(reorderPoints).values([
    { locationId: loc["T-WH-BJ"]!, productId: prod["TST-001"]!, minimum: 20 },
    { locationId: loc["T-WH-BJ"]!, productId: prod["TST-002"]!, minimum: 5 },
    { locationId: loc["T-WH-C"]!, productId: prod["TST-001"]!, minimum: 3 },
    { locationId: loc["T-WH-SH"]!, productId: prod["TST-001"]!, minimum: 100 },
  ]);
});

const testCodes = (rows: { code: string }[]) => rows.map((r) => r.code).filter((c) => c.startsWith("T-")).sort();

describe("listLocations", () => {
  it("shows Beijing warehouse staff Beijing and central locations, not Shanghai's", async () => {
    const page = await listLocations(warehouseBj, locationListQuery.parse({ q: "T-", size: "100" }));
    expect(testCodes(page.rows)).toEqual(["T-LOSS", "T-PV-1", "T-SUP", "T-TRANSIT", "T-WH-BJ", "T-WH-C"]);
    const all = await listLocations(admin, locationListQuery.parse({ q: "T-", size: "100" }));
    expect(testCodes(all.rows)).toEqual(["T-LOSS", "T-PC-2", "T-PV-1", "T-SUP", "T-TRANSIT", "T-WH-BJ", "T-WH-C", "T-WH-SH"]);
  });

  it("totals ours and partners' stock per location and filters by kind", async () => {
    const page = await listLocations(admin, locationListQuery.parse({ q: "T-", kind: "warehouse", sort: "onHand", dir: "desc" }));
    expect(page.rows.map((r) => [r.code, r.onHand, r.reserved, r.available, r.held])).toEqual([
      ["T-WH-BJ", 10, 3, 7, 4],
      ["T-WH-C", 5, 0, 5, 0],
      ["T-WH-SH", 5, 0, 5, 0],
    ]);
    expect(page.total).toBe(3);
  });

  it("refuses actors without stock:read", async () => {
    await expectUnchanged(db, () => expect(listLocations(dealer, locationListQuery.parse({}))).rejects.toBeInstanceOf(ForbiddenError));
  });
});

describe("listStockByProduct", () => {
  const byProduct = async (ctx: Ctx, raw: Record<string, unknown> = {}) => {
    const page = await listStockByProduct(ctx, stockByProductQuery.parse({ q: "TST-", ...raw }));
    return { page, row: (sku: string) => page.rows.find((r) => r.sku === sku) };
  };

  it("sums our stock over the visible warehouses and keeps partner-owned goods out of available", async () => {
    const { page, row } = await byProduct(warehouseBj);
    expect(page.total).toBe(4);
    expect(row("TST-001")).toMatchObject({ onHand: 15, reserved: 3, available: 12, held: 4 });
    // Virtual and consignment locations are not warehouses: nothing on hand for these.
    expect(row("TST-002")).toMatchObject({ onHand: 0, available: 0, held: 0 });
    expect(row("TST-004")).toMatchObject({ onHand: 0, reserved: 0, available: 0, held: 0 });
    // the warehouse may not see cost: no value, no average
    expect(page.totals).toEqual({ onHand: 15, reserved: 3, available: 12, held: 4, valueFen: null });
    expect(row("TST-001")).toMatchObject({ averageCostFen: null, valueFen: null });
  });

  it("values our on hand at the moving-average cost for staff who may see cost", async () => {
    // TST-001 came in at its cost of 80.00; 20 of ours in the admin's warehouses (transit is none)
    const { page, row } = await byProduct(admin);
    expect(row("TST-001")).toMatchObject({ onHand: 20, averageCostFen: 8_000n, valueFen: 160_000n });
    expect(row("TST-002")).toMatchObject({ onHand: 0, valueFen: 0n });
    expect(page.totals.valueFen).toBe(160_000n);
  });

  it("counts every warehouse for an admin, or one when filtered", async () => {
    // The 2 units in transit are in no warehouse.
    expect((await byProduct(admin)).row("TST-001")).toMatchObject({ onHand: 20, reserved: 3, available: 17, held: 4 });
    expect((await byProduct(admin, { warehouse: loc["T-WH-SH"] })).row("TST-001")).toMatchObject({ onHand: 5, available: 5, held: 0 });
    // A warehouse outside the scope adds nothing, whatever the URL says.
    expect((await byProduct(warehouseBj, { warehouse: loc["T-WH-SH"] })).row("TST-001")).toMatchObject({ onHand: 0, available: 0 });
  });

  it("filters by search, division and line, and sorts by available", async () => {
    expect((await byProduct(admin, { q: "TST-003" })).page.rows.map((r) => r.sku)).toEqual(["TST-003"]);
    expect((await byProduct(admin, { q: undefined, division: divisionId })).page.total).toBe(4);
    expect((await byProduct(admin, { q: undefined, line: lineId, sort: "available", dir: "desc" })).page.rows[0]!.sku).toBe("TST-001");
    expect((await byProduct(admin, { division: "00000000-0000-4000-8000-000000000000" })).page.total).toBe(0);
  });
});

describe("listStockByLocation", () => {
  it("lists a location's balances per owner", async () => {
    const result = await listStockByLocation(warehouseBj, loc["T-WH-BJ"]!, locationStockQuery.parse({ sort: "owner" }));
    expect(result.location.code).toBe("T-WH-BJ");
    expect(result.page.rows.map((r) => [r.sku, r.ownerCode, r.onHand, r.reserved, r.available])).toEqual([
      ["TST-001", null, 10, 3, 7],
      ["TST-001", "DL-0001", 4, 0, 4],
    ]);
    expect(result.totals).toEqual({ onHand: 10, reserved: 3, available: 7, held: 4 });
    const partners = await listStockByLocation(warehouseBj, loc["T-WH-BJ"]!, locationStockQuery.parse({ owner: "partners" }));
    expect(partners.page.rows.map((r) => r.ownerCode)).toEqual(["DL-0001"]);
  });

  it("answers not found for another branch's location or a bad id", async () => {
    await expectUnchanged(db, () => expect(listStockByLocation(warehouseBj, loc["T-WH-SH"]!, locationStockQuery.parse({}))).rejects.toBeInstanceOf(NotFoundError));
    await expectUnchanged(db, () => expect(listStockByLocation(salesSh, loc["T-WH-BJ"]!, locationStockQuery.parse({}))).rejects.toBeInstanceOf(NotFoundError));
    await expectUnchanged(db, () => expect(listStockByLocation(admin, "not-a-uuid", locationStockQuery.parse({}))).rejects.toBeInstanceOf(NotFoundError));
    expect((await listStockByLocation(salesSh, loc["T-WH-SH"]!, locationStockQuery.parse({}))).page.total).toBe(1);
  });
});

describe("listMoves", () => {
  const moves = (ctx: Ctx, raw: Record<string, unknown> = {}) => listMoves(ctx, moveListQuery.parse({ q: "TST-", size: "100", ...raw }));

  it("shows moves touching a visible stock location (not via supplier or transit) or caused by a visible document", async () => {
    const bj = await moves(warehouseBj);
    expect(bj.rows.map((r) => r.toCode).sort()).toEqual(["T-LOSS", "T-PV-1", "T-WH-BJ", "T-WH-BJ", "T-WH-C"]);
    expect(bj.rows.every((r) => r.referenceId !== "SH-ONLY")).toBe(true);
    // Shanghai sees its own moves and the central warehouse's, not Beijing's write-off.
    expect((await moves(salesSh)).rows.map((r) => r.referenceId).sort()).toEqual(["SH-ONLY", "SH-ONLY", "SH-ONLY", "VIEWTEST"]);
    const all = await moves(admin);
    expect(all.total).toBe(8);
    const ids = all.rows.map((r) => r.id);
    expect(ids).toEqual([...ids].sort((a, b) => (a > b ? -1 : 1)));
  });

  it("filters by product, location, reason and reference", async () => {
    expect((await moves(admin, { q: "TST-003" })).rows.map((r) => r.toCode)).toEqual(["T-PC-2"]);
    expect((await moves(admin, { location: loc["T-WH-BJ"] })).total).toBe(2);
    expect((await moves(admin, { reason: ["shipment", "sell_out"] })).total).toBe(0);
    expect((await moves(admin, { reason: ["shipment", "adjustment"] })).rows.map((r) => r.referenceId)).toEqual(["OI-T-1"]);
    expect((await moves(admin, { reason: "receipt" })).total).toBe(6);
    expect((await moves(admin, { reference: "sh-only" })).total).toBe(3);
  });

  it("reads date filters as Asia/Shanghai days", async () => {
    // 2026-03-01 16:30 UTC is already 2 March, 00:30 in Shanghai.
    await db.execute(sql`update ${stockMoves} set created_at = '2026-03-01T16:30:00Z' where product_id = ${prod["TST-003"]!}`);
    const day = (from?: string, to?: string) => moves(admin, { q: "TST-003", from, to }).then((p) => p.total);
    expect(await day("2026-03-02", "2026-03-02")).toBe(1);
    expect(await day(undefined, "2026-03-01")).toBe(0);
    expect(await day("2026-03-03")).toBe(0);
    // An impossible date is no filter rather than a database error.
    expect(await day("2026-02-30")).toBe(1);
  });
});

describe("listLowStock", () => {
  it("lists product × warehouse below the reorder point, partner-owned goods not counted", async () => {
    const bj = await listLowStock(warehouseBj, lowStockQuery.parse({ q: "TST-" }));
    expect(bj.rows.map((r) => [r.sku, r.locationCode, r.minimum, r.available, r.shortfall])).toEqual([
      ["TST-001", "T-WH-BJ", 20, 7, 13],
      ["TST-002", "T-WH-BJ", 5, 0, 5],
    ]);
    const all = await listLowStock(admin, lowStockQuery.parse({ q: "TST-" }));
    expect(all.rows.map((r) => [r.locationCode, r.shortfall])).toEqual([
      ["T-WH-SH", 95],
      ["T-WH-BJ", 13],
      ["T-WH-BJ", 5],
    ]);
    expect((await listLowStock(admin, lowStockQuery.parse({ q: "TST-", warehouse: loc["T-WH-SH"] }))).total).toBe(1);
  });
});

describe("listPartnerStock", () => {
  const partnerStock = (ctx: Ctx, raw: Record<string, unknown> = {}) => listPartnerStock(ctx, partnerStockQuery.parse({ product: "TST-", ...raw }));

  it("shows virtual, consignment and held-for-partner balances in scope", async () => {
    const all = await partnerStock(admin, { sort: "location" });
    expect(all.rows.map((r) => [r.partnerCode, r.locationCode, r.locationKind, r.sku, r.onHand, r.ownerName === null])).toEqual([
      ["DL-0002", "T-PC-2", "partner_consignment", "TST-003", 2, true],
      ["DL-0001", "T-PV-1", "partner_virtual", "TST-002", 6, false],
      ["DL-0001", "T-WH-BJ", "warehouse", "TST-001", 4, false],
    ]);
    const bj = await partnerStock(warehouseBj);
    expect(bj.rows.map((r) => r.locationCode).sort()).toEqual(["T-PV-1", "T-WH-BJ"]);
  });

  it("filters by partner and kind", async () => {
    expect((await partnerStock(admin, { q: "DL-0002" })).rows.map((r) => r.sku)).toEqual(["TST-003"]);
    expect((await partnerStock(admin, { kind: "warehouse" })).rows.map((r) => r.locationCode)).toEqual(["T-WH-BJ"]);
    expect((await partnerStock(admin, { kind: ["partner_virtual", "partner_consignment"] })).total).toBe(2);
  });
});

describe("exports", () => {
  const drain = async <T>(chunks: AsyncIterable<T[]>) => {
    const all: T[] = [];
    for await (const chunk of chunks) all.push(...chunk);
    return all;
  };

  it("streams every matching move once, across chunk boundaries, newest first", async () => {
    const rows = await drain(exportMoves(admin, moveListQuery.parse({ q: "TST-" }), 2));
    expect(rows).toHaveLength(8);
    expect(new Set(rows.map((r) => r.id)).size).toBe(8);
    expect(rows.map((r) => r.id)).toEqual([...rows.map((r) => r.id)].sort((a, b) => (a > b ? -1 : 1)));
    expect(await drain(exportMoves(warehouseBj, moveListQuery.parse({ q: "TST-" }), 3))).toHaveLength(5);
  });

  it("streams the overview by SKU with the same figures as the list", async () => {
    const rows = await drain(exportStockByProduct(warehouseBj, stockByProductQuery.parse({ q: "TST-" }), 3));
    expect(rows.map((r) => [r.sku, r.onHand, r.available, r.held])).toEqual([
      ["TST-001", 15, 12, 4],
      ["TST-002", 0, 0, 0],
      ["TST-003", 0, 0, 0],
      ["TST-004", 0, 0, 0],
    ]);
  });

  it("refuses before the first byte, not midway through a download", () => {
    expect(() => exportMoves(dealer, moveListQuery.parse({}))).toThrow(ForbiddenError);
    expect(() => exportStockByProduct(dealer, stockByProductQuery.parse({}))).toThrow(ForbiddenError);
  });
});

import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { organizations, productLines, products, stockLocations, stockMoves, userRoles, users, type Database, type LocationKind } from "@cs/db";
import { testDb } from "../../../../../tests/db";
import { can } from "../../access/authorize";
import type { Ctx } from "../../shared/context";
import { ForbiddenError } from "../../shared/errors";
import { ctxOf, orgByCode, seedDemoData } from "@cs/testing/demo";
import { loadActor } from "../../users/actor";
import { applyMoves, type StockMoveInput } from "../ledger";
import { reserve } from "../reservation";
import { verifyStockLevels } from "../verify";
import { partnerAvailability } from "./availability";
import { listMyMoves, myMovesQuery } from "./my-moves";
import { listMyStock, myStockQuery, type MyStockRow } from "./my-stock";
import { expectUnchanged } from "@cs/testing/unchanged";

/**
 * Own products (SKU prefix ZZT-) and own locations (codes T-…), so whatever inventory the demo
 * seed carries cannot change these numbers.
 */
let db: Database;
let dealer: Ctx, buyer: Ctx, dealer2: Ctx, viewer: Ctx, customer: Ctx, admin: Ctx, exactSameBranch: Ctx, exactOtherBranch: Ctx;
const P: Record<"p1" | "p2" | "p3", string> = { p1: "", p2: "", p3: "" };
const L: Record<"wOwn" | "wOther" | "wCentral" | "sup" | "cus" | "pv1" | "pc1" | "pv2", string> = {
  wOwn: "", wOther: "", wCentral: "", sup: "", cus: "", pv1: "", pc1: "", pv2: "",
};
let dl1: string, dl2: string;
let soldMoveId: bigint;

const stockOf = (ctx: Ctx, raw: Record<string, unknown> = {}) => listMyStock(ctx, myStockQuery.parse({ q: "ZZT-", size: "100", ...raw }));
const movesOf = (ctx: Ctx, raw: Record<string, unknown> = {}) => listMyMoves(ctx, myMovesQuery.parse({ q: "ZZT-", size: "100", ...raw }));
/** `sku@location owner=qty/reserved`, sorted: one readable line per balance. */
const balances = (rows: MyStockRow[]) => rows.map((r) => `${r.sku}@${r.locationCode} ${r.owner}=${r.onHand}/${r.reserved}`).sort();

async function location(code: string, kind: LocationKind, extra: { branchId?: string | null; organizationId?: string | null } = {}) {
  const [row] = await db
    .insert(stockLocations)
    .values({ code, kind, nameZh: `测试${code}`, nameEn: `Test ${code}`, branchId: extra.branchId ?? null, organizationId: extra.organizationId ?? null })
    .returning({ id: stockLocations.id });
  return row!.id;
}

/** A partner of an exact-number kind owned by `branchId`, signed in through a fresh user. */
async function exactPartnerIn(branchId: string, login: string): Promise<Ctx> {
  const [org] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.ownerBranchId, branchId), eq(organizations.kind, "key_account")))
    .limit(1);
  return userIn(org!.id, login, "partner_admin");
}

async function userIn(organizationId: string, login: string, role: string): Promise<Ctx> {
  const [user] = await db
    .insert(users)
    .values({ kind: "partner", login, displayName: login, passwordHash: "x", organizationId })
    .returning({ id: users.id });
  await db.insert(userRoles).values({ userId: user!.id, role });
  return { db, actor: (await loadActor(db, user!.id))! };
}

const move = (productId: string, quantity: number, from: string, to: string, ownerId: string | null, reason: StockMoveInput["reason"] = "receipt"): StockMoveInput => ({
  productId, quantity, fromLocationId: from, toLocationId: to, ownerId, reason, referenceType: "test", referenceId: `T-${reason}`,
});

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  const [d1, d2] = [await orgByCode(db, "DL-0001"), await orgByCode(db, "DL-0002")];
  dl1 = d1.id;
  dl2 = d2.id;
  expect(d1.ownerBranchId).not.toBe(d2.ownerBranchId);
  [dealer, buyer, dealer2, customer, admin] = await Promise.all(
    ["dealer@demo.cn", "buyer@demo.cn", "dealer2@demo.cn", "customer@demo.cn", "admin@demo.cn"].map((l) => ctxOf(db, l)),
  ) as [Ctx, Ctx, Ctx, Ctx, Ctx];
  viewer = await userIn(dl1, "viewer@test.cn", "partner_viewer");
  exactSameBranch = await exactPartnerIn(d1.ownerBranchId!, "ka1@test.cn");
  exactOtherBranch = await exactPartnerIn(d2.ownerBranchId!, "ka2@test.cn");

  const [line] = await db.select({ id: productLines.id }).from(productLines).limit(1);
  for (const [k, i] of [["p1", 1], ["p2", 2], ["p3", 3]] as const) {
    const [row] = await db
      .insert(products)
      .values({ productLineId: line!.id, sku: `ZZT-${i}`, nameZh: `测试产品${i}`, nameEn: `Test product ${i}`, listPriceFen: 100n, costFen: 50n })
      .returning({ id: products.id });
    P[k] = row!.id;
  }
  L.wOwn = await location("T-W-OWN", "warehouse", { branchId: d1.ownerBranchId });
  L.wOther = await location("T-W-OTHER", "warehouse", { branchId: d2.ownerBranchId });
  L.wCentral = await location("T-W-CENTRAL", "warehouse");
  L.sup = await location("T-SUP", "supplier");
  L.cus = await location("T-CUS", "customer");
  L.pv1 = await location("T-PV-1", "partner_virtual", { organizationId: dl1, branchId: d1.ownerBranchId });
  L.pc1 = await location("T-PC-1", "partner_consignment", { organizationId: dl1, branchId: d1.ownerBranchId });
  L.pv2 = await location("T-PV-2", "partner_virtual", { organizationId: dl2, branchId: d2.ownerBranchId });

  await db.transaction(async (tx) => {
    await applyMoves(tx, null, [
      move(P.p1, 30, L.sup, L.wOwn, null),
      move(P.p1, 5, L.sup, L.wCentral, null),
      move(P.p1, 100, L.sup, L.wOther, null),
      move(P.p1, 40, L.sup, L.wOwn, dl2), // DL-0002's goods held in the dealer's serving warehouse
      move(P.p1, 7, L.sup, L.wOwn, dl1),
      move(P.p2, 3, L.sup, L.wCentral, null),
      move(P.p2, 12, L.sup, L.pv1, dl1),
      move(P.p2, 4, L.sup, L.pc1, null), // consignment: still ours, at the dealer's premises
      move(P.p1, 9, L.sup, L.pv2, dl2),
    ]);
    await applyMoves(tx, null, [move(P.p1, 2, L.wOwn, L.pv1, dl1, "transfer_out"), move(P.p1, 1, L.pv2, L.pv1, dl2, "transfer_in")]);
    [soldMoveId] = (await applyMoves(tx, null, [move(P.p2, 1, L.pc1, L.cus, null, "sell_out")])) as [bigint];
    await reserve(tx, { referenceType: "test", referenceId: "order-1" }, [{ productId: P.p1, quantity: 6 }], [L.wOwn]);
  });
  // Fabricated history: 00:30 in Shanghai on 16 January is still 15 January in UTC.
  await db.update(stockMoves).set({ createdAt: new Date("2026-01-15T16:30:00Z") }).where(eq(stockMoves.id, soldMoveId));
  expect(await verifyStockLevels(db)).toEqual([]);
});

describe("partnerAvailability", () => {
  it("gives exact numbers of our own free stock in the serving warehouses to key accounts", async () => {
    // wOwn 30 − 6 reserved + central 5; not the 40 + 5 partners own there, not the other branch's 100.
    expect(await partnerAvailability(exactSameBranch, [P.p1, P.p2, P.p3])).toEqual({
      [P.p1]: { exact: 29 },
      [P.p2]: { exact: 3 },
      [P.p3]: { exact: 0 },
    });
    expect(await partnerAvailability(exactOtherBranch, [P.p1, P.p2])).toEqual({ [P.p1]: { exact: 105 }, [P.p2]: { exact: 3 } });
  });

  it("gives dealers bands only, never a number", async () => {
    const result = await partnerAvailability(dealer, [P.p1, P.p2, P.p3, "not-a-uuid"]);
    expect(result).toEqual({ [P.p1]: { band: "in_stock" }, [P.p2]: { band: "low" }, [P.p3]: { band: "out" } });
    expect(await partnerAvailability(dealer2, [P.p1])).toEqual({ [P.p1]: { band: "in_stock" } });
  });

  it("answers staff with nothing and refuses those who may not see the catalogue", async () => {
    expect(await partnerAvailability(admin, [P.p1])).toEqual({});
    await expectUnchanged(db, () => expect(partnerAvailability(viewer, [P.p1])).rejects.toBeInstanceOf(ForbiddenError));
    await expectUnchanged(db, () => expect(partnerAvailability(customer, [P.p1])).rejects.toBeInstanceOf(ForbiddenError));
  });
});

describe("listMyStock", () => {
  const dealerBalances = [
    "ZZT-1@T-PV-1 other=1/0", // DL-0002's unit sits in the dealer's own virtual location
    "ZZT-1@T-PV-1 self=2/0",
    "ZZT-1@T-W-OWN self=5/0",
    "ZZT-2@T-PC-1 distributor=3/0",
    "ZZT-2@T-PV-1 self=12/0",
  ];

  it("shows the dealer its virtual, consignment and held balances, and nobody else's", async () => {
    const page = await stockOf(dealer);
    expect(balances(page.rows)).toEqual(dealerBalances);
    expect(page.total).toBe(5);
    expect(Object.fromEntries(page.rows.map((r) => [`${r.locationCode}/${r.owner}/${r.sku}`, r.place]))).toMatchObject({
      "T-PV-1/self/ZZT-2": "virtual",
      "T-PC-1/distributor/ZZT-2": "consignment",
      "T-W-OWN/self/ZZT-1": "held",
    });
  });

  it("shows every user of the organization the same, including a read-only viewer", async () => {
    expect(balances((await stockOf(buyer)).rows)).toEqual(dealerBalances);
    expect(balances((await stockOf(viewer)).rows)).toEqual(dealerBalances);
    expect(can(viewer.actor, "own_stock:call_off")).toBe(false);
    expect(can(viewer.actor, "own_stock:sell_out")).toBe(false);
  });

  it("shows another dealer only its own, whatever it asks for", async () => {
    expect(balances((await stockOf(dealer2)).rows)).toEqual(["ZZT-1@T-PV-2 self=8/0", "ZZT-1@T-W-OWN self=40/0"]);
    const tampered = await stockOf(dealer2, { product: P.p2, organizationId: dl1, place: "consignment" });
    expect(tampered).toMatchObject({ rows: [], total: 0 });
    // Across the whole list, not just the test products: nothing at a location of DL-0001.
    const all = await listMyStock(dealer2, myStockQuery.parse({ size: "100" }));
    const dl1Locations = new Set(
      (await db.select({ id: stockLocations.id }).from(stockLocations).where(eq(stockLocations.organizationId, dl1))).map((l) => l.id),
    );
    expect(all.rows.length).toBeGreaterThanOrEqual(2);
    for (const r of all.rows) expect(dl1Locations.has(r.locationId), r.locationCode).toBe(false);
  });

  it("filters by place and product, sorts and pages in SQL", async () => {
    expect(balances((await stockOf(dealer, { place: "virtual" })).rows)).toEqual([dealerBalances[0], dealerBalances[1], dealerBalances[4]]);
    expect(balances((await stockOf(dealer, { place: "held" })).rows)).toEqual([dealerBalances[2]]);
    expect(balances((await stockOf(dealer, { product: P.p2 })).rows)).toEqual([dealerBalances[3], dealerBalances[4]]);
    const top = await stockOf(dealer, { sort: "quantity", dir: "desc", size: "10" });
    expect(top.rows.map((r) => r.onHand)).toEqual([12, 5, 3, 2, 1]);
    const page2 = await stockOf(dealer, { sort: "quantity", dir: "desc", size: "10", page: "2" });
    expect(page2).toMatchObject({ rows: [], total: 5, page: 2 });
  });

  it("refuses customers and staff: only partners have their own stock", async () => {
    await expectUnchanged(db, () => expect(stockOf(customer)).rejects.toBeInstanceOf(ForbiddenError));
    await expectUnchanged(db, () => expect(stockOf(admin)).rejects.toBeInstanceOf(ForbiddenError));
  });
});

describe("listMyMoves", () => {
  it("shows the dealer the moves of its goods and locations, signed as they changed its stock", async () => {
    const page = await movesOf(dealer);
    const lines = page.rows.map((r) => `${r.reason} ${r.sku} ${r.fromCode ?? "?"}→${r.toCode ?? "?"} ${r.change}`).sort();
    expect(lines).toEqual([
      "receipt ZZT-1 T-SUP→T-W-OWN 7",
      "receipt ZZT-2 T-SUP→T-PC-1 4",
      "receipt ZZT-2 T-SUP→T-PV-1 12",
      "sell_out ZZT-2 T-PC-1→T-CUS -1",
      "transfer_in ZZT-1 ?→T-PV-1 1", // from DL-0002's location, which stays anonymous
      "transfer_out ZZT-1 T-W-OWN→T-PV-1 0", // between the dealer's own positions
    ]);
    expect(page.total).toBe(6);
    expect(page.rows.find((r) => r.reason === "transfer_in")).toMatchObject({ fromZh: null, fromEn: null });
  });

  it("shows another dealer its own moves only, the shared one from its side", async () => {
    const lines = (await movesOf(dealer2)).rows.map((r) => `${r.reason} ${r.fromCode ?? "?"}→${r.toCode ?? "?"} ${r.change}`).sort();
    expect(lines).toEqual(["receipt T-SUP→T-PV-2 9", "receipt T-SUP→T-W-OWN 40", "transfer_in T-PV-2→? -1"]);
    expect((await movesOf(dealer2, { product: P.p2 })).total).toBe(0);
  });

  it("filters by product, reason and Shanghai calendar days, newest first", async () => {
    expect((await movesOf(dealer, { product: P.p2 })).total).toBe(3);
    expect((await movesOf(dealer, { reason: "sell_out" })).rows.map((r) => r.id)).toEqual([String(soldMoveId)]);
    expect((await movesOf(dealer, { from: "2026-01-16", to: "2026-01-16" })).rows.map((r) => r.id)).toEqual([String(soldMoveId)]);
    expect((await movesOf(dealer, { from: "2026-01-15", to: "2026-01-15" })).total).toBe(0);
    expect((await movesOf(dealer, { from: "2026-01-17", to: "2026-01-31" })).total).toBe(0);
    const newest = await movesOf(dealer);
    expect(newest.rows.at(-1)?.id).toBe(String(soldMoveId));
    const oldest = await movesOf(dealer, { dir: "asc", size: "10" });
    expect(oldest.rows[0]?.id).toBe(String(soldMoveId));
  });

  it("refuses customers and staff", async () => {
    await expectUnchanged(db, () => expect(movesOf(customer)).rejects.toBeInstanceOf(ForbiddenError));
    await expectUnchanged(db, () => expect(movesOf(admin)).rejects.toBeInstanceOf(ForbiddenError));
  });
});

it("leaves the ledger equal to the levels", async () => {
  expect(await verifyStockLevels(db)).toEqual([]);
});

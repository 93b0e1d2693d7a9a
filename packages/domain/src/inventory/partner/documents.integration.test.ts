import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { addresses, products, serialNumbers, stockLocations, userRoles, users, type Database } from "@cs/db";
import { testDb } from "../../../../../tests/db";
import type { Ctx } from "../../shared/context";
import { ForbiddenError, NotFoundError } from "../../shared/errors";
import { ctxOf, newKey, orgByCode, seedDemoData } from "@cs/testing/demo";
import { loadActor } from "../../users/actor";
import { reportSellOut, requestCallOff } from "../documents";
import { callOffOptions, getMyDocument, listMyDocuments, myDocumentsQuery, sellOutOptions } from "./documents";
import { listMyMoves, myMovesQuery } from "./my-moves";
import { listMyStock, myStockQuery } from "./my-stock";
import { expectUnchanged } from "@cs/testing/unchanged";

/**
 * The partner's side of call-offs and sell-out reports, over the demo seed's own partner stock
 * (PV-DL-0001, PC-DL-0001). The workflows themselves are tested with the documents; these tests
 * are about who sees which document and what the forms offer.
 */
let db: Database;
let dealer: Ctx, dealer2: Ctx, viewer: Ctx, station: Ctx, customer: Ctx;
let dl1: string;
let callOffId: string;

const docs = (ctx: Ctx, kind: "call_off" | "sell_out") => listMyDocuments(ctx, kind, myDocumentsQuery.parse({ size: "100" }));

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  dl1 = (await orgByCode(db, "DL-0001")).id;
  [dealer, dealer2, station, customer] = (await Promise.all(
    ["dealer@demo.cn", "dealer2@demo.cn", "station@demo.cn", "customer@demo.cn"].map((l) => ctxOf(db, l)),
  )) as [Ctx, Ctx, Ctx, Ctx];
  const [user] = await db
    .insert(users)
    .values({ kind: "partner", login: "viewer@test.cn", displayName: "viewer", passwordHash: "x", organizationId: dl1 })
    .returning({ id: users.id });
  await db.insert(userRoles).values({ userId: user!.id, role: "partner_viewer" });
  viewer = { db, actor: (await loadActor(db, user!.id))! };
});

describe("call-offs", () => {
  it("offers the dealer its own addresses and the virtual stock it owns", async () => {
    const options = await callOffOptions(dealer);
    const own = await db.select({ id: addresses.id }).from(addresses).where(eq(addresses.organizationId, dl1));
    expect(options.addresses.map((a) => a.id).sort()).toEqual(own.map((a) => a.id).sort());
    expect(options.owned.length).toBeGreaterThan(0);
    const dealer2Addresses = (await callOffOptions(dealer2)).addresses.map((a) => a.id);
    for (const a of own) expect(dealer2Addresses).not.toContain(a.id);
  });

  it("lists a requested call-off for its own partner only, without cost", async () => {
    const options = await callOffOptions(dealer);
    const owned = options.owned[0]!;
    ({ id: callOffId } = await requestCallOff(dealer, { _key: newKey(), addressId: options.addresses[0]!.id, lines: [{ sku: owned.sku, quantity: "1" }] }));
    const mine = await docs(dealer, "call_off");
    expect(mine.rows.map((r) => r.id)).toContain(callOffId);
    expect(mine.rows.find((r) => r.id === callOffId)).toMatchObject({ status: "requested", kind: "call_off", lines: 1 });
    expect(mine.rows[0]).not.toHaveProperty("valueFen");
    expect((await docs(dealer2, "call_off")).rows.map((r) => r.id)).not.toContain(callOffId);
    expect((await docs(dealer, "sell_out")).rows.map((r) => r.id)).not.toContain(callOffId);
  });

  it("answers another partner, another kind or a malformed id with not found", async () => {
    expect((await getMyDocument(dealer, "call_off", callOffId)).lines).toHaveLength(1);
    await expectUnchanged(db, () => expect(getMyDocument(dealer2, "call_off", callOffId)).rejects.toBeInstanceOf(NotFoundError));
    await expectUnchanged(db, () => expect(getMyDocument(dealer, "sell_out", callOffId)).rejects.toBeInstanceOf(NotFoundError));
    await expectUnchanged(db, () => expect(getMyDocument(dealer, "call_off", "1 or 1=1")).rejects.toBeInstanceOf(NotFoundError));
  });

  it("lets a viewer read its company's call-offs but not request one", async () => {
    expect((await docs(viewer, "call_off")).rows.map((r) => r.id)).toContain(callOffId);
    expect((await getMyDocument(viewer, "call_off", callOffId)).document.id).toBe(callOffId);
    await expectUnchanged(db, () => expect(callOffOptions(viewer)).rejects.toBeInstanceOf(ForbiddenError));
    await expectUnchanged(db, () => expect(requestCallOff(viewer, { _key: newKey(), addressId: callOffId, lines: [{ sku: "X", quantity: "1" }] })).rejects.toBeInstanceOf(ForbiddenError));
  });

  it("refuses customers and partners without stock rights", async () => {
    await expectUnchanged(db, () => expect(docs(customer, "call_off")).rejects.toBeInstanceOf(ForbiddenError));
    await expectUnchanged(db, () => expect(docs(station, "call_off")).rejects.toBeInstanceOf(ForbiddenError));
    await expectUnchanged(db, () => expect(getMyDocument(station, "call_off", callOffId)).rejects.toBeInstanceOf(ForbiddenError));
  });
});

describe("sell-out reports", () => {
  it("offers the consignment stock, and a report shows up in the list, the balances and the history", async () => {
    const { owned } = await sellOutOptions(dealer);
    // A serialized unit at the dealer's consignment location, as the form would offer it.
    const [unit] = await db
      .select({ serial: serialNumbers.serial, sku: products.sku })
      .from(serialNumbers)
      .innerJoin(stockLocations, eq(stockLocations.id, serialNumbers.locationId))
      .innerJoin(products, eq(products.id, serialNumbers.productId))
      .where(and(eq(stockLocations.code, "PC-DL-0001"), eq(serialNumbers.ownerId, dl1)))
      .limit(1);
    expect(owned.map((o) => o.sku)).toContain(unit!.sku);
    const consignment = async () =>
      (await listMyStock(dealer, myStockQuery.parse({ q: unit!.sku, place: "consignment" }))).rows.reduce((n, r) => n + r.onHand, 0);
    const before = await consignment();

    const line = { sku: unit!.sku, quantity: "1", serials: [unit!.serial] };
    const { id } = await reportSellOut(dealer, { _key: newKey(), soldOn: "2026-01-16", customerName: "王先生", lines: [line] });

    expect((await docs(dealer, "sell_out")).rows.map((r) => r.id)).toContain(id);
    expect((await docs(dealer2, "sell_out")).rows.map((r) => r.id)).not.toContain(id);
    const report = await getMyDocument(dealer, "sell_out", id);
    expect(report.lines[0]).toMatchObject({ sku: unit!.sku, quantity: 1, serials: [unit!.serial] });
    await expectUnchanged(db, () => expect(getMyDocument(dealer2, "sell_out", id)).rejects.toBeInstanceOf(NotFoundError));

    expect(await consignment()).toBe(before - 1);
    const moves = await listMyMoves(dealer, myMovesQuery.parse({ reason: "sell_out", q: report.document.number }));
    expect(moves.rows.map((r) => r.change)).toEqual([-1]);
    expect((await listMyMoves(dealer2, myMovesQuery.parse({ q: report.document.number }))).total).toBe(0);
  });

  it("refuses the form to a viewer", async () => {
    await expectUnchanged(db, () => expect(sellOutOptions(viewer)).rejects.toBeInstanceOf(ForbiddenError));
  });
});

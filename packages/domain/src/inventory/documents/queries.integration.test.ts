import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@cs/db";
import { testDb } from "../../../../../tests/db";
import type { Ctx } from "../../shared/context";
import { NotFoundError } from "../../shared/errors";
import { ctxOf, orgByCode } from "@cs/testing/demo";
import { expectLedgerConsistent } from "@cs/testing/inventory";
import {
  addAddress,
  addLocation,
  addProduct,
  form,
  lineIdsOf,
  partnerLocationId,
  setUpStockWorld,
  stockIn,
  type StockWorld,
} from "@cs/testing/stock-documents";
import { requestCallOff, reportSellOut } from "./partner-requests";
import { documentListQuery, getDocument, listDocuments } from "./queries";
import { createReceipt, postReceipt } from "./receipts";
import { enterCounts, openStocktake } from "./stocktakes";
import { createTransfer } from "./transfers";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;
let w: StockWorld;
let dealer: Ctx, buyer: Ctx, dealer2: Ctx, customer: Ctx, salesSh: Ctx;
let wSH2: string;
const D = { tBJ: "", tSH: "", tBJSH: "", rBJ: "", rSH: "", co1: "", co2: "", so1: "", st: "" };
const P = { a: "", b: "", s: "" };

const list = (ctx: Ctx, raw: Record<string, unknown> = {}) => listDocuments(ctx, documentListQuery.parse({ size: "100", ...raw }));
const ids = async (ctx: Ctx, raw: Record<string, unknown> = {}) => new Set((await list(ctx, raw)).rows.map((r) => r.id));
const transfer = async (ctx: Ctx, from: string, to: string, note: string, quantity = 1) =>
  (await createTransfer(ctx, form({ fromLocationId: from, toLocationId: to, note, lines: [{ sku: "ZQ-A", quantity }] }))).id;

beforeAll(async () => {
  db = testDb();
  w = await setUpStockWorld(db, "Q");
  [dealer, buyer, dealer2, customer, salesSh] = (await Promise.all(
    ["dealer@demo.cn", "buyer@demo.cn", "dealer2@demo.cn", "customer@demo.cn", "sales.sh@demo.cn"].map((l) => ctxOf(db, l)),
  )) as [Ctx, Ctx, Ctx, Ctx, Ctx];
  const [d1, d2] = [await orgByCode(db, "DL-0001"), await orgByCode(db, "DL-0002")];
  wSH2 = await addLocation(db, "T-Q-SH2", "warehouse", { branchId: w.sh });
  const pv1 = await partnerLocationId(db, d1.id, "partner_virtual", "T-PV-DL1", d1.ownerBranchId!);
  const pc1 = await partnerLocationId(db, d1.id, "partner_consignment", "T-PC-DL1", d1.ownerBranchId!);
  const pv2 = await partnerLocationId(db, d2.id, "partner_virtual", "T-PV-DL2", d2.ownerBranchId!);
  P.a = await addProduct(db, "ZQ-A", { productLineId: w.lineId, costFen: 1_000n });
  P.b = await addProduct(db, "ZQ-B", { productLineId: w.lineId, costFen: 2_500n });
  P.s = await addProduct(db, "ZQ-S", { productLineId: w.lineId, serialized: true, costFen: 90_000n });
  await stockIn(db, w.sys.supplier, P.a, w.wBJ, 10);
  await stockIn(db, w.sys.supplier, P.b, w.wBJ, 4);
  await stockIn(db, w.sys.supplier, P.a, pv1, 5, { ownerId: d1.id });
  await stockIn(db, w.sys.supplier, P.a, pv2, 5, { ownerId: d2.id });
  await stockIn(db, w.sys.supplier, P.s, pc1, 2, { ownerId: d1.id, serials: ["Q-S-1", "Q-S-2"] });

  D.tBJ = await transfer(w.warehouse, w.wBJ, w.wBJ2, "北京内部调拨");
  D.tSH = await transfer(w.admin, w.wSH, wSH2, "上海内部调拨");
  D.tBJSH = await transfer(w.admin, w.wBJ, w.wSH, "北京调上海");
  D.rBJ = (await createReceipt(w.warehouse, form({ toLocationId: w.wBJ, note: "北京到货", lines: [{ sku: "ZQ-B", quantity: 3 }, { sku: "ZQ-A", quantity: 2 }] }))).id;
  D.rSH = (await createReceipt(w.admin, form({ toLocationId: w.wSH, note: "上海到货", lines: [{ sku: "ZQ-A", quantity: 2 }] }))).id;
  D.co1 = (await requestCallOff(dealer, form({ addressId: await addAddress(db, d1.id, "仓库"), lines: [{ sku: "ZQ-A", quantity: 2 }] }))).id;
  D.co2 = (await requestCallOff(dealer2, form({ addressId: await addAddress(db, d2.id, "仓库"), lines: [{ sku: "ZQ-A", quantity: 2 }] }))).id;
  D.so1 = (await reportSellOut(dealer, form({ soldOn: "2026-01-15", lines: [{ sku: "ZQ-S", quantity: 1, serials: ["Q-S-1"] }] }))).id;
  D.st = (await openStocktake(w.warehouse, form({ locationId: w.wBJ }))).id;
  await enterCounts(w.warehouse, D.st, { counts: [{ sku: "ZQ-A", counted: 7 }, { sku: "ZQ-B", counted: 5 }] });
  const [lineA] = await lineIdsOf(db, D.rBJ, ["ZQ-A"]);
  await postReceipt(w.warehouse, D.rBJ, { _key: randomUUID(),  lines: [{ lineId: lineA, quantity: 2 }] });
});

afterEach(async () => {
  await expectLedgerConsistent(db);
});

describe("listDocuments scope", () => {
  it("shows the Beijing warehouse user only documents touching Beijing (or central) stock", async () => {
    const seen = await ids(w.warehouse);
    for (const id of [D.tBJ, D.tBJSH, D.rBJ, D.st]) expect(seen, id).toContain(id);
    // DL-0001 is served from Beijing, so its call-offs and consignment are the Beijing staff's business
    expect(seen).toContain(D.co1);
    expect(seen).toContain(D.so1);
    // Shanghai only: neither a transfer between two Shanghai warehouses, nor a receipt from the supplier into one
    for (const id of [D.tSH, D.rSH, D.co2]) expect(seen, id).not.toContain(id);
  });

  it("shows Shanghai staff their side, and admin everything", async () => {
    const sh = await ids(salesSh);
    for (const id of [D.tSH, D.tBJSH, D.rSH]) expect(sh).toContain(id);
    for (const id of [D.tBJ, D.rBJ, D.st, D.co1]) expect(sh).not.toContain(id);
    const all = await ids(w.admin);
    for (const id of Object.values(D)) expect(all).toContain(id);
  });

  it("shows a partner only its own call-offs and sell-outs; a customer nothing", async () => {
    expect(await ids(dealer)).toEqual(new Set([D.co1, D.so1]));
    expect(await ids(buyer)).toEqual(new Set([D.co1, D.so1]));
    expect(await ids(dealer2)).toEqual(new Set([D.co2]));
    const nothing = await list(customer);
    expect(nothing).toMatchObject({ rows: [], total: 0 });
  });
});

describe("listDocuments filters and paging", () => {
  it("filters by kind, status and a search in number or note", async () => {
    expect(await ids(w.warehouse, { kind: "transfer" })).toEqual(new Set([D.tBJ, D.tBJSH]));
    expect(await ids(w.admin, { kind: "receipt", status: "partially_received" })).toEqual(new Set([D.rBJ]));
    expect(await ids(w.admin, { kind: "receipt", status: "open" })).toEqual(new Set([D.rSH]));
    expect(await ids(w.admin, { q: "上海" })).toEqual(new Set([D.tSH, D.tBJSH, D.rSH]));
    expect(await ids(w.admin, { q: "上海", kind: "transfer" })).toEqual(new Set([D.tSH, D.tBJSH]));
    const [stocktake] = (await list(w.admin, { kind: "stocktake" })).rows;
    expect(await ids(w.admin, { q: stocktake!.number.toLowerCase() })).toEqual(new Set([D.st]));
    // an unknown kind is ignored rather than an error; % is literal
    expect((await list(w.admin, { kind: "bogus" })).total).toBe((await list(w.admin)).total);
    expect((await list(w.admin, { q: "%" })).total).toBe(0);
  });

  it("returns rows with locations, partner and line count", async () => {
    const rows = (await list(w.admin, { kind: "receipt", status: "partially_received" })).rows;
    expect(rows).toEqual([
      expect.objectContaining({ id: D.rBJ, kind: "receipt", status: "partially_received", toEn: "Test T-Q-BJ", partner: null, lines: 2 }),
    ]);
    const [callOff] = (await list(dealer, { kind: "call_off" })).rows;
    expect(callOff).toMatchObject({ id: D.co1, partner: expect.any(String) });
  });

  it("pages and sorts", async () => {
    const extra = [];
    for (let i = 0; i < 12; i++) extra.push(await transfer(w.warehouse, w.wBJ2, w.wBJ, `翻页测试 ${i}`));
    const first = await list(w.warehouse, { q: "翻页测试", size: "10", sort: "number", dir: "asc" });
    const second = await list(w.warehouse, { q: "翻页测试", size: "10", page: "2", sort: "number", dir: "asc" });
    expect([first.total, first.rows.length, second.rows.length, second.page]).toEqual([12, 10, 2, 2]);
    const numbers = [...first.rows, ...second.rows].map((r) => r.number);
    expect(numbers).toEqual([...numbers].sort());
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id))).toEqual(new Set(extra));
    const desc = await list(w.warehouse, { q: "翻页测试", size: "10", sort: "number", dir: "desc" });
    expect(desc.rows[0]!.number).toBe(numbers.at(-1));
  });
});

describe("getDocument", () => {
  it("returns the lines with SKUs, sorted, and the locations", async () => {
    const found = await getDocument(w.warehouse, D.rBJ);
    expect(found.document).toMatchObject({ id: D.rBJ, kind: "receipt", status: "partially_received", note: "北京到货" });
    expect(found.to).toMatchObject({ id: w.wBJ, code: "T-Q-BJ" });
    expect(found.from).toMatchObject({ id: w.sys.supplier });
    expect(found.lines.map((l) => [l.sku, l.quantity, l.quantityDone])).toEqual([
      ["ZQ-A", 2, 2],
      ["ZQ-B", 3, 0],
    ]);
    expect(found.variances).toEqual([]);
  });

  it("gives staff a stocktake's variances with their value", async () => {
    const found = await getDocument(w.warehouse, D.st);
    const lineOf = new Map(found.lines.map((l) => [l.id, l.sku]));
    expect(found.variances.map((v) => [lineOf.get(v.lineId), v.variance, v.valueFen]).sort()).toEqual([
      ["ZQ-A", -3, -3_000n],
      ["ZQ-B", 1, 2_500n],
    ]);
    expect(found.lines.map((l) => [l.sku, l.quantity, l.counted])).toEqual([
      ["ZQ-A", 10, 7],
      ["ZQ-B", 4, 5],
    ]);
  });

  it("shows staff the cost value and hides it from partners", async () => {
    const staff = await getDocument(w.admin, D.so1);
    expect(staff.document.valueFen).not.toBeNull();
    const partner = await getDocument(dealer, D.so1);
    expect(partner.document.valueFen).toBeNull();
    expect(partner.variances).toEqual([]);
    expect(partner.lines).toMatchObject([{ sku: "ZQ-S", quantity: 1, serials: ["Q-S-1"] }]);
    expect(JSON.stringify(partner, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v))).not.toMatch(/\d+n"/);
  });

  it("answers out-of-scope and unknown ids with not found", async () => {
    for (const [ctx, id] of [
      [w.warehouse, D.tSH],
      [w.warehouse, D.rSH],
      [dealer, D.co2],
      [dealer2, D.co1],
      [dealer, D.tBJ],
      [customer, D.co1],
      [w.admin, "00000000-0000-4000-8000-000000000000"],
      [w.admin, "1 or 1=1"],
    ] as const) {
      await expectUnchanged(db, () => expect(getDocument(ctx, id), `${ctx.actor.displayName} ${id}`).rejects.toBeInstanceOf(NotFoundError));
    }
  });
});

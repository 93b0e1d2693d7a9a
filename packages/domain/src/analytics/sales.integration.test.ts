import { and, eq, ne } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { invoiceLines, invoices, organizations, productLines, products, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import type { Ctx } from "../shared/context";
import { ForbiddenError, ValidationError } from "../shared/errors";
import { ctxOf, orgByCode, seedDemoData } from "@cs/testing/demo";
import { salesAnalysis, salesExport } from "./sales";
import { salesLines } from "./sales-lines";

let db: Database;
let manager: Ctx;
let salesBj: Ctx;
let productA: { id: string; divisionId: string };
let productB: { id: string; divisionId: string };
let bjPartner: string;
let shPartner: string;
let n = 0;

/** One invoice (or credit note) of one line, net and margin given in fen; 2030–31 holds no demo invoice. */
async function bill(kind: "invoice" | "credit_note", organizationId: string, productId: string, issuedOn: string, netFen: bigint, marginFen: bigint) {
  const taxFen = (netFen * 13n) / 100n;
  const [org] = await db.select().from(organizations).where(eq(organizations.id, organizationId));
  const [row] = await db
    .insert(invoices)
    .values({ kind, number: `AN-${++n}`, organizationId, ownerBranchId: org!.ownerBranchId, issuedOn, dueOn: issuedOn, netFen, taxFen, totalFen: netFen + taxFen })
    .returning();
  await db.insert(invoiceLines).values({ invoiceId: row!.id, productId, quantity: 1, unitPriceFen: netFen + taxFen, grossFen: netFen + taxFen, netFen, taxFen, costFen: netFen - marginFen, marginFen });
}

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  [manager, salesBj] = await Promise.all([ctxOf(db, "manager@demo.cn"), ctxOf(db, "sales.bj@demo.cn")]);
  const [a] = await db.select({ id: products.id, divisionId: productLines.divisionId }).from(products).innerJoin(productLines, eq(productLines.id, products.productLineId)).limit(1);
  const [b] = await db
    .select({ id: products.id, divisionId: productLines.divisionId })
    .from(products)
    .innerJoin(productLines, eq(productLines.id, products.productLineId))
    .where(ne(productLines.divisionId, a!.divisionId))
    .limit(1);
  productA = a!;
  productB = b!;
  const bj = await orgByCode(db, "DL-0001");
  bjPartner = bj.id;
  const [sh] = await db.select().from(organizations).where(and(eq(organizations.kind, "dealer"), ne(organizations.ownerBranchId, bj.ownerBranchId!))).limit(1);
  shPartner = sh!.id;
  await bill("invoice", bjPartner, productA.id, "2030-01-15", 500_00n, 100_00n);
  await bill("invoice", bjPartner, productA.id, "2031-01-10", 1000_00n, 200_00n);
  await bill("invoice", shPartner, productA.id, "2031-02-03", 400_00n, 40_00n);
  await bill("invoice", bjPartner, productB.id, "2031-02-20", 300_00n, 30_00n);
  await bill("credit_note", bjPartner, productB.id, "2031-02-25", 100_00n, 10_00n);
});

const range = { from: "2031-01", to: "2031-02" };

describe("salesAnalysis", () => {
  it("breaks sales down by division: net of credit notes, margin, YoY and MoM", async () => {
    const result = await salesAnalysis(manager, { ...range, dim: "division" });
    const a = result.rows.find((r) => r.key === productA.divisionId)!;
    const b = result.rows.find((r) => r.key === productB.divisionId)!;
    expect(a).toMatchObject({ revenueFen: 1400_00n, marginFen: 240_00n, prevYearFen: 500_00n, yoyBp: 18000, lastPeriodFen: 400_00n, periodBeforeFen: 1000_00n, popBp: -6000 });
    expect(a.marginBp).toBe(1714); // 240 / 1400, half up
    expect(b).toMatchObject({ revenueFen: 200_00n, marginFen: 20_00n, marginBp: 1000, prevYearFen: 0n, yoyBp: null });
    expect(result.rows[0]!.key).toBe(productA.divisionId); // largest first
    expect(result.series.map((p) => [p.period, p.revenueFen, p.prevYearFen])).toEqual([
      ["2031-01", 1000_00n, 500_00n],
      ["2031-02", 600_00n, 0n],
    ]);
    expect(result.totals).toMatchObject({ revenueFen: 1600_00n, prevYearFen: 500_00n, marginFen: 260_00n });
  });

  it("by quarter, by period: each quarter against the same quarter a year before", async () => {
    const result = await salesAnalysis(manager, { ...range, dim: "period", grain: "quarter", division: productA.divisionId });
    expect(result.rows.map((r) => [r.key, r.revenueFen, r.prevYearFen, r.yoyBp])).toEqual([["2031-01", 1400_00n, 500_00n, 18000]]);
  });

  it("keeps a branch salesperson to the branch's partners, and shows margin only with cost:view", async () => {
    const bj = await salesAnalysis(salesBj, { ...range, dim: "partner" });
    expect(bj.rows.map((r) => r.key)).toEqual([bjPartner]);
    expect(bj.rows[0]!.revenueFen).toBe(1200_00n);
    const noCost = { ...manager, actor: { ...manager.actor, permissions: new Set([...manager.actor.permissions].filter((p) => p !== "cost:view")) } };
    const hidden = await salesAnalysis(noCost, { ...range, dim: "partner" });
    expect(hidden.rows.every((r) => r.marginFen === null && r.marginBp === null)).toBe(true);
    expect(hidden.totals.marginFen).toBeNull();
    const lines = await salesLines(noCost, { ...range, partner: bjPartner });
    expect(lines.rows.every((l) => l.marginFen === null)).toBe(true);
  });

  it("drills to the invoice lines behind a figure, credit notes negative", async () => {
    const lines = await salesLines(manager, { ...range, partner: bjPartner, division: productB.divisionId });
    expect(lines.rows.map((l) => [l.kind, l.issuedOn, l.netFen, l.marginFen])).toEqual([
      ["credit_note", "2031-02-25", -100_00n, -10_00n],
      ["invoice", "2031-02-20", 300_00n, 30_00n],
    ]);
    const exported = await salesExport(manager, { ...range, dim: "product" });
    expect(exported.rows.map((r) => r.revenueFen).reduce((s, v) => s + v, 0n)).toBe(1600_00n);
  });

  it("refuses bad filters with translated messages, and the page to roles without analytics:read", async () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ dim: "colour" }, "dim", "analytics.errors.dimension"],
      [{ from: "2031-03", to: "2031-01" }, "from", "analytics.errors.reversed"],
      [{ from: "2020-01", to: "2031-01" }, "from", "analytics.errors.tooLong"],
      [{ from: "2031-13" }, "from", "analytics.errors.month"],
      [{ partner: "x'; drop table" }, "partner", "analytics.errors.filter"],
      [{ region: "mars" }, "region", "analytics.errors.filter"],
    ];
    for (const [input, field, key] of cases) {
      const error = await salesAnalysis(manager, input).then(() => null, (e: unknown) => e);
      expect(error, JSON.stringify(input)).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors[field]).toEqual([key]);
    }
    const desk = await ctxOf(db, "orderdesk@demo.cn");
    await expect(salesAnalysis(desk, range)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

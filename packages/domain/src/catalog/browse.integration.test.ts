import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { products, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { ctxOf, seedDemoData } from "@cs/testing/demo";
import type { Ctx } from "../shared/context";
import { browseCatalog, catalogQuery } from "./browse";
import { catalogSearch } from "./search";

let db: Database;
let dealer: Ctx;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  dealer = await ctxOf(db, "dealer@demo.cn");
});

const browse = (ctx: Ctx, raw: Record<string, string>) =>
  browseCatalog(ctx, catalogQuery.parse(raw));

describe("browseCatalog", () => {
  it("finds products by a Chinese substring with the dealer's price, its reason and a band", async () => {
    const page = await browse(dealer, { q: "显示器", size: "50" });
    expect(page.total).toBeGreaterThan(0);
    for (const row of page.rows) {
      expect(row.nameZh).toContain("显示器");
      // the demo's monitor promotion takes 5% off the dealer price list
      expect(row.price).toMatchObject({
        rule: "promotion",
        ruleCode: "PROMO-MON",
        listPriceFen: row.listPriceFen,
      });
      expect(row.price!.unitPriceFen < row.listPriceFen).toBe(true);
      expect(row.availability).toHaveProperty("band");
    }
  });

  it("shows DL-0001 its contract price on its contract notebooks", async () => {
    const page = await browse(dealer, { q: "笔记本", size: "100" });
    const rules = new Set(page.rows.map((r) => r.price?.rule));
    expect(rules).toEqual(new Set(["contract", "price_list"]));
  });

  it("shows a repair station the same catalogue with warranty terms and no buying price", async () => {
    const station = await ctxOf(db, "station@demo.cn");
    const [asStation, asDealer] = await Promise.all([browse(station, { q: "NB-T14", size: "50" }), browse(dealer, { q: "NB-T14", size: "50" })]);
    expect(asStation.rows.map((r) => r.sku)).toEqual(asDealer.rows.map((r) => r.sku));
    expect(asStation.total).toBeGreaterThan(0);
    for (const row of asStation.rows) {
      expect(row.price).toBeNull();
      expect(row.warrantyMonths).toBeGreaterThan(0);
      expect(row.serialized).toBe(true);
    }
    expect(asDealer.rows.every((r) => r.price !== null)).toBe(true);
  });

  it.each([
    ["one Chinese character", "器"],
    ["two Chinese characters", "显示"],
    ["a lower-case SKU fragment", "nb-t14"],
    ["full-width SKU characters", "ＮＢ－Ｔ１４"],
  ])("matches %s", async (_what, q) => {
    const page = await browse(dealer, { q, size: "100" });
    expect(page.total).toBeGreaterThan(0);
    const folded = q.normalize("NFKC").toLowerCase();
    for (const row of page.rows)
      expect(
        [row.sku, row.nameZh, row.nameEn].some((s) =>
          s.toLowerCase().includes(folded),
        ),
      ).toBe(true);
  });

  it("takes % and _ literally", async () => {
    expect((await browse(dealer, { q: "%" })).total).toBe(0);
    expect((await browse(dealer, { q: "_" })).total).toBe(0);
  });

  it("filters by division and line and pages in SQL", async () => {
    const all = await browse(dealer, { size: "10" });
    const first = all.rows[0]!;
    const [line] = await db.execute<{
      product_line_id: string;
      division_id: string;
    }>(
      sql`select p.product_line_id, l.division_id from products p join product_lines l on l.id = p.product_line_id where p.id = ${first.id}`,
    );
    const byLine = await browse(dealer, {
      line: line!.product_line_id,
      size: "10",
    });
    const byDivision = await browse(dealer, {
      division: line!.division_id,
      size: "10",
    });
    expect(byLine.rows.every((r) => r.lineZh === first.lineZh)).toBe(true);
    expect(
      byDivision.rows.every((r) => r.divisionZh === first.divisionZh),
    ).toBe(true);
    expect(byLine.total).toBeLessThanOrEqual(byDivision.total);
    expect(byDivision.total).toBeLessThan(all.total);
    const second = await browse(dealer, { size: "10", page: "2" });
    expect(second.rows).toHaveLength(10);
    expect(second.rows[0]!.sku > all.rows[9]!.sku).toBe(true);
  });

  it("gives staff no price and no availability", async () => {
    const page = await browse(await ctxOf(db, "sales.bj@demo.cn"), {
      q: "显示器",
    });
    expect(page.rows.length).toBeGreaterThan(0);
    expect(
      page.rows.every((r) => r.price === null && r.availability === null),
    ).toBe(true);
  });
});

describe("catalogSearch", () => {
  it("can be served by the trigram indexes from three characters", async () => {
    const plan = await db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      return tx.execute<{ "QUERY PLAN": string }>(
        sql`explain select id from ${products} where ${catalogSearch("显示器")}`,
      );
    });
    const text = plan.map((r) => r["QUERY PLAN"]).join("\n");
    expect(text).toContain("products_name_zh_trgm_idx");
    expect(text).toContain("products_sku_trgm_idx");
  });
});

import { and, asc, count, desc, eq, gt, ilike, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { divisions, productLines, products, stockLevels, stockLocations, stockValuations } from "@cs/db";
import type { Actor } from "../../access/actor";
import { authorize, can } from "../../access/authorize";
import { columnInDivisions } from "../../access/divisions";
import { stockLocationScope } from "../../access/scopes";
import type { Ctx } from "../../shared/context";
import { likePattern, listQuerySchema, type Page } from "../../shared/list-query";
import { isWarehouse, optionalId, ours, sumInt, theirs } from "./shared";

export const stockByProductSortKeys = ["sku", "name", "available", "onHand", "reserved", "held"] as const;

export const stockByProductQuery = listQuerySchema(stockByProductSortKeys, "sku").extend({
  division: optionalId,
  line: optionalId,
  /** One warehouse instead of all the visible ones. */
  warehouse: optionalId,
});
export type StockByProductQuery = z.output<typeof stockByProductQuery>;

/**
 * Per product, over the warehouses this actor sees: our on hand, reserved and available, and what
 * we hold there for partners (other owners), which is never available to sell; with cost:view, the
 * moving-average cost and the value of our on hand there (quantity × average).
 */
function levels(ctx: Ctx, query: StockByProductQuery) {
  return ctx.db
    .select({
      productId: stockLevels.productId,
      onHand: sumInt(stockLevels.onHand, ours).as("on_hand"),
      reserved: sumInt(stockLevels.reserved, ours).as("reserved"),
      held: sumInt(stockLevels.onHand, theirs).as("held"),
    })
    .from(stockLevels)
    .innerJoin(stockLocations, eq(stockLocations.id, stockLevels.locationId))
    .where(and(isWarehouse, stockLocationScope(ctx.actor), query.warehouse ? eq(stockLevels.locationId, query.warehouse) : undefined))
    .groupBy(stockLevels.productId)
    .as("lv");
}

/** Active products, of the actor's divisions when it is limited to some. */
function productFilter(actor: Actor, query: StockByProductQuery): SQL | undefined {
  const conditions: (SQL | undefined)[] = [eq(products.active, true), columnInDivisions(actor, productLines.divisionId)];
  if (query.division) conditions.push(eq(productLines.divisionId, query.division));
  if (query.line) conditions.push(eq(products.productLineId, query.line));
  if (query.q) {
    const p = likePattern(query.q);
    conditions.push(or(ilike(products.sku, p), ilike(products.nameZh, p), ilike(products.nameEn, p)));
  }
  return and(...conditions);
}

/** Stock value is for staff who may see cost (docs/decisions/023). */
const seesCost = (actor: Actor) => actor.kind === "staff" && can(actor, "cost:view");
const toFen = (v: unknown) => BigInt(v as string);

function baseQuery(ctx: Ctx, query: StockByProductQuery) {
  const lv = levels(ctx, query);
  const cost = seesCost(ctx.actor);
  // our on hand here × the product's moving-average cost (its static cost before any valuation)
  const average = sql`coalesce(${stockValuations.averageCostFen}, ${products.costFen})`;
  const onHand = sql<number>`coalesce(${lv.onHand}, 0)`;
  const reserved = sql<number>`coalesce(${lv.reserved}, 0)`;
  const held = sql<number>`coalesce(${lv.held}, 0)`;
  const available = sql<number>`(coalesce(${lv.onHand}, 0) - coalesce(${lv.reserved}, 0))`;
  const select = ctx.db
    .select({
      id: products.id,
      sku: products.sku,
      nameZh: products.nameZh,
      nameEn: products.nameEn,
      unit: products.unit,
      serialized: products.serialized,
      lineZh: productLines.nameZh,
      lineEn: productLines.nameEn,
      divisionZh: divisions.nameZh,
      divisionEn: divisions.nameEn,
      onHand: onHand.mapWith(Number),
      reserved: reserved.mapWith(Number),
      available: available.mapWith(Number),
      held: held.mapWith(Number),
      averageCostFen: (cost ? sql<bigint | null>`${average}` : sql<bigint | null>`null`).mapWith(toFen),
      valueFen: (cost ? sql<bigint | null>`${onHand} * ${average}` : sql<bigint | null>`null`).mapWith(toFen),
    })
    .from(products)
    .innerJoin(productLines, eq(productLines.id, products.productLineId))
    .innerJoin(divisions, eq(divisions.id, productLines.divisionId))
    .leftJoin(stockValuations, eq(stockValuations.productId, products.id))
    .leftJoin(lv, eq(lv.productId, products.id));
  return { select, lv, sortColumns: { sku: products.sku, name: products.nameZh, available, onHand, reserved, held } };
}

export type StockByProductRow = Awaited<ReturnType<ReturnType<typeof baseQuery>["select"]["execute"]>>[number];
/** `valueFen`: null unless the actor may see cost. */
export type StockTotals = { onHand: number; reserved: number; available: number; held: number; valueFen: bigint | null };

/** Every active product (zero when none is held, so a search for a SKU answers "0", not "no such thing"). */
export async function listStockByProduct(ctx: Ctx, query: StockByProductQuery): Promise<Page<StockByProductRow> & { totals: StockTotals }> {
  authorize(ctx.actor, "stock:read");
  const where = productFilter(ctx.actor, query);
  const { select, lv, sortColumns } = baseQuery(ctx, query);
  const order = query.dir === "desc" ? desc : asc;
  const [rows, [sums]] = await Promise.all([
    select
      .where(where)
      .orderBy(order(sortColumns[query.sort]), asc(products.sku))
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    ctx.db
      .select({
        n: count(),
        onHand: sumInt(sql`${lv.onHand}`),
        reserved: sumInt(sql`${lv.reserved}`),
        held: sumInt(sql`${lv.held}`),
        valueFen: sql<string>`coalesce(sum(coalesce(${lv.onHand}, 0) * coalesce(${stockValuations.averageCostFen}, ${products.costFen})), 0)::text`,
      })
      .from(products)
      .innerJoin(productLines, eq(productLines.id, products.productLineId))
      .leftJoin(stockValuations, eq(stockValuations.productId, products.id))
      .leftJoin(lv, eq(lv.productId, products.id))
      .where(where),
  ]);
  const totals = {
    onHand: sums?.onHand ?? 0,
    reserved: sums?.reserved ?? 0,
    held: sums?.held ?? 0,
    available: (sums?.onHand ?? 0) - (sums?.reserved ?? 0),
    valueFen: seesCost(ctx.actor) ? BigInt(sums?.valueFen ?? "0") : null,
  };
  return { rows, total: sums?.n ?? 0, page: query.page, size: query.size, totals };
}

/** All rows matching the filter, by SKU in keyset chunks (SKUs are unique); authorised before the download starts. */
export function exportStockByProduct(ctx: Ctx, query: StockByProductQuery, chunk = 1000) {
  authorize(ctx.actor, "stock:read");
  return productChunks(ctx, query, chunk);
}

async function* productChunks(ctx: Ctx, query: StockByProductQuery, chunk: number) {
  const where = productFilter(ctx.actor, query);
  let after: string | undefined;
  for (;;) {
    const rows = await baseQuery(ctx, query)
      .select.where(and(where, after ? gt(products.sku, after) : undefined))
      .orderBy(asc(products.sku))
      .limit(chunk);
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.sku;
    if (rows.length < chunk) return;
  }
}

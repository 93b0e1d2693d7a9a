import { and, asc, count, desc, eq, gt, ilike, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { organizations, products, stockLevels } from "@cs/db";
import type { Ctx } from "../../shared/context";
import { likePattern, listQuerySchema } from "../../shared/list-query";
import { stockProductScope } from "../../access/scopes";
import { getVisibleLocation } from "./locations";
import { ours, sumInt, theirs } from "./shared";

export const locationStockSortKeys = ["sku", "name", "owner", "onHand", "reserved", "available"] as const;

export const locationStockQuery = listQuerySchema(locationStockSortKeys, "sku").extend({
  /** `ours`: the distributor's stock; `partners`: goods held here for other owners. */
  owner: z.enum(["ours", "partners"]).optional().catch(undefined),
});
export type LocationStockQuery = z.output<typeof locationStockQuery>;

/**
 * The balances of one location, one row per product × owner. Rows at zero are history, not stock,
 * and are left out. Throws NotFoundError for a location outside the actor's scope.
 */
export async function listStockByLocation(ctx: Ctx, locationId: string, query: LocationStockQuery) {
  const location = await getVisibleLocation(ctx, locationId);
  const conditions: (SQL | undefined)[] = [eq(stockLevels.locationId, location.id), gt(stockLevels.onHand, 0), stockProductScope(ctx.actor, stockLevels.productId)];
  if (query.owner === "ours") conditions.push(ours);
  if (query.owner === "partners") conditions.push(theirs);
  if (query.q) {
    const p = likePattern(query.q);
    conditions.push(or(ilike(products.sku, p), ilike(products.nameZh, p), ilike(products.nameEn, p)));
  }
  const where = and(...conditions);
  const available = sql<number>`(${stockLevels.onHand} - ${stockLevels.reserved})`;
  const sortColumns = {
    sku: products.sku,
    name: products.nameZh,
    // Our own stock (no owner) sorts before partners, by name.
    owner: sql`coalesce(${organizations.name}, '')`,
    onHand: stockLevels.onHand,
    reserved: stockLevels.reserved,
    available,
  };
  const order = query.dir === "desc" ? desc : asc;
  const [rows, [sums]] = await Promise.all([
    ctx.db
      .select({
        productId: products.id,
        sku: products.sku,
        nameZh: products.nameZh,
        nameEn: products.nameEn,
        unit: products.unit,
        /** Null for the distributor's own stock. */
        ownerId: organizations.id,
        ownerName: organizations.name,
        ownerCode: organizations.code,
        onHand: stockLevels.onHand,
        reserved: stockLevels.reserved,
        available,
      })
      .from(stockLevels)
      .innerJoin(products, eq(products.id, stockLevels.productId))
      .leftJoin(organizations, eq(organizations.id, stockLevels.ownerId))
      .where(where)
      .orderBy(order(sortColumns[query.sort]), asc(products.sku), asc(stockLevels.ownerId))
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    ctx.db
      .select({
        n: count(),
        onHand: sumInt(stockLevels.onHand, ours),
        reserved: sumInt(stockLevels.reserved, ours),
        held: sumInt(stockLevels.onHand, theirs),
      })
      .from(stockLevels)
      .innerJoin(products, eq(products.id, stockLevels.productId))
      .where(where),
  ]);
  const totals = { onHand: sums?.onHand ?? 0, reserved: sums?.reserved ?? 0, held: sums?.held ?? 0, available: (sums?.onHand ?? 0) - (sums?.reserved ?? 0) };
  return { location, page: { rows, total: sums?.n ?? 0, page: query.page, size: query.size }, totals };
}

export type LocationStockRow = Awaited<ReturnType<typeof listStockByLocation>>["page"]["rows"][number];

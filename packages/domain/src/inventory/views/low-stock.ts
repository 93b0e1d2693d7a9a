import { and, asc, count, desc, eq, ilike, lt, or, sql, type SQL } from "drizzle-orm";
import type { PgSelect } from "drizzle-orm/pg-core";
import { z } from "zod";
import { DISTRIBUTOR_OWNER, productLines, products, reorderPoints, stockLevels, stockLocations } from "@cs/db";
import { authorize } from "../../access/authorize";
import { columnInDivisions } from "../../access/divisions";
import { stockLocationScope } from "../../access/scopes";
import type { Ctx } from "../../shared/context";
import { likePattern, listQuerySchema, type Page } from "../../shared/list-query";
import { descByDefault, isWarehouse, optionalId } from "./shared";

export const lowStockSortKeys = ["shortfall", "sku", "warehouse", "available", "minimum"] as const;

/** Worst shortfall first unless asked otherwise. */
export const lowStockQuery = listQuerySchema(lowStockSortKeys, "shortfall").extend({
  dir: descByDefault,
  warehouse: optionalId,
  division: optionalId,
});
export type LowStockQuery = z.output<typeof lowStockQuery>;

/**
 * Product × warehouse pairs whose available stock (ours only: on hand − reserved) is below the
 * reorder point. A pair with a reorder point and no level row at all has nothing: available 0.
 */
export async function listLowStock(ctx: Ctx, query: LowStockQuery) {
  authorize(ctx.actor, "stock:read");
  const available = sql<number>`coalesce(${stockLevels.onHand} - ${stockLevels.reserved}, 0)`;
  const shortfall = sql<number>`(${reorderPoints.minimum} - coalesce(${stockLevels.onHand} - ${stockLevels.reserved}, 0))`;
  const conditions: (SQL | undefined)[] = [
    isWarehouse,
    stockLocationScope(ctx.actor),
    columnInDivisions(ctx.actor, productLines.divisionId),
    eq(products.active, true),
    lt(available, reorderPoints.minimum),
  ];
  if (query.warehouse) conditions.push(eq(reorderPoints.locationId, query.warehouse));
  if (query.division) conditions.push(eq(productLines.divisionId, query.division));
  if (query.q) {
    const p = likePattern(query.q);
    conditions.push(or(ilike(products.sku, p), ilike(products.nameZh, p), ilike(products.nameEn, p)));
  }
  const where = and(...conditions);
  const rowsQuery = withJoins(
    ctx.db
      .select({
        productId: products.id,
        sku: products.sku,
        nameZh: products.nameZh,
        nameEn: products.nameEn,
        unit: products.unit,
        locationId: stockLocations.id,
        locationCode: stockLocations.code,
        locationZh: stockLocations.nameZh,
        locationEn: stockLocations.nameEn,
        minimum: reorderPoints.minimum,
        onHand: sql<number>`coalesce(${stockLevels.onHand}, 0)`,
        reserved: sql<number>`coalesce(${stockLevels.reserved}, 0)`,
        available,
        shortfall,
      })
      .from(reorderPoints)
      .$dynamic(),
  );
  const sortColumns = { shortfall, sku: products.sku, warehouse: stockLocations.code, available, minimum: reorderPoints.minimum };
  const order = query.dir === "desc" ? desc : asc;
  const [rows, [total]] = await Promise.all([
    rowsQuery
      .where(where)
      .orderBy(order(sortColumns[query.sort]), asc(products.sku), asc(stockLocations.code))
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    withJoins(ctx.db.select({ n: count() }).from(reorderPoints).$dynamic()).where(where),
  ]);
  return { rows, total: total?.n ?? 0, page: query.page, size: query.size } satisfies Page<unknown>;
}

/** Reorder points with their warehouse, product and our level there (if any). */
function withJoins<T extends PgSelect>(q: T) {
  return q
      .innerJoin(stockLocations, eq(stockLocations.id, reorderPoints.locationId))
      .innerJoin(products, eq(products.id, reorderPoints.productId))
      .innerJoin(productLines, eq(productLines.id, products.productLineId))
      .leftJoin(
        stockLevels,
        and(
          eq(stockLevels.locationId, reorderPoints.locationId),
          eq(stockLevels.productId, reorderPoints.productId),
          sql`${stockLevels.ownerId} = ${DISTRIBUTOR_OWNER}::uuid`,
        ),
      );
}

export type LowStockRow = Awaited<ReturnType<typeof listLowStock>>["rows"][number];

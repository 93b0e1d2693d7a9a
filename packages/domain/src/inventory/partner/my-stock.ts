import { and, asc, count, desc, eq, gt, ilike, isNull, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { DISTRIBUTOR_OWNER, products, stockLevels, stockLocations } from "@cs/db";
import type { Ctx } from "../../shared/context";
import { likePattern, listQuerySchema, type Page } from "../../shared/list-query";
import { ownLocation, partnerOrgOf } from "./scope";

/** Where a balance sits, as the partner thinks of it. */
export const myStockPlaces = ["virtual", "consignment", "held"] as const;
export type MyStockPlace = (typeof myStockPlaces)[number];

export const myStockSortKeys = ["sku", "name", "location", "quantity"] as const;

export const myStockQuery = listQuerySchema(myStockSortKeys, "sku").extend({
  place: z.enum(myStockPlaces).optional().catch(undefined),
  product: z.uuid().optional().catch(undefined),
});
export type MyStockQuery = z.output<typeof myStockQuery>;

const sortColumns = {
  sku: products.sku,
  name: products.nameZh,
  location: stockLocations.code,
  quantity: stockLevels.onHand,
} satisfies Record<(typeof myStockSortKeys)[number], unknown>;

/**
 * The partner's balances: (a) its virtual location(s) PV-…, (b) its consignment location(s) PC-…
 * at its premises — whoever owns the goods there (consignment goods stay ours until sold) — and
 * (c) goods it owns that sit in one of our locations (warehouse, transit). Partner-owned goods in
 * another partner's location are left out, so no other partner's location is ever named.
 */
function mine(orgId: string): SQL {
  return or(ownLocation(orgId), and(eq(stockLevels.ownerId, orgId), isNull(stockLocations.organizationId)))!;
}

const place = sql<MyStockPlace>`case ${stockLocations.kind} when 'partner_virtual' then 'virtual' when 'partner_consignment' then 'consignment' else 'held' end`;

function placeCondition(orgId: string, p: MyStockPlace): SQL {
  switch (p) {
    case "virtual":
      return and(eq(stockLocations.organizationId, orgId), eq(stockLocations.kind, "partner_virtual"))!;
    case "consignment":
      return and(eq(stockLocations.organizationId, orgId), eq(stockLocations.kind, "partner_consignment"))!;
    case "held":
      return isNull(stockLocations.organizationId);
  }
}

export async function listMyStock(ctx: Ctx, query: MyStockQuery) {
  const orgId = partnerOrgOf(ctx.actor);
  const conditions: (SQL | undefined)[] = [mine(orgId), or(gt(stockLevels.onHand, 0), gt(stockLevels.reserved, 0))];
  if (query.place) conditions.push(placeCondition(orgId, query.place));
  if (query.product) conditions.push(eq(stockLevels.productId, query.product));
  if (query.q) {
    const p = likePattern(query.q);
    conditions.push(or(ilike(products.sku, p), ilike(products.nameZh, p), ilike(products.nameEn, p)));
  }
  const where = and(...conditions);
  const order = query.dir === "desc" ? desc : asc;
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        // Several other owners may share a location and product; the key stays unique without naming them.
        key: sql<string>`md5(${stockLevels.locationId}::text || ${stockLevels.ownerId}::text || ${stockLevels.productId}::text)`,
        productId: products.id,
        sku: products.sku,
        nameZh: products.nameZh,
        nameEn: products.nameEn,
        unit: products.unit,
        serialized: products.serialized,
        locationId: stockLocations.id,
        locationCode: stockLocations.code,
        locationZh: stockLocations.nameZh,
        locationEn: stockLocations.nameEn,
        place,
        owner: sql<"self" | "distributor" | "other">`case ${stockLevels.ownerId} when ${orgId}::uuid then 'self' when ${DISTRIBUTOR_OWNER}::uuid then 'distributor' else 'other' end`,
        onHand: stockLevels.onHand,
        reserved: stockLevels.reserved,
      })
      .from(stockLevels)
      .innerJoin(stockLocations, eq(stockLocations.id, stockLevels.locationId))
      .innerJoin(products, eq(products.id, stockLevels.productId))
      .where(where)
      .orderBy(order(sortColumns[query.sort]), asc(products.sku), asc(stockLocations.code), asc(stockLevels.ownerId))
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    ctx.db
      .select({ n: count() })
      .from(stockLevels)
      .innerJoin(stockLocations, eq(stockLocations.id, stockLevels.locationId))
      .innerJoin(products, eq(products.id, stockLevels.productId))
      .where(where),
  ]);
  return {
    rows: rows.map((r) => ({ ...r, available: r.onHand - r.reserved })),
    total: total?.n ?? 0,
    page: query.page,
    size: query.size,
  } satisfies Page<unknown>;
}

export type MyStockRow = Awaited<ReturnType<typeof listMyStock>>["rows"][number];

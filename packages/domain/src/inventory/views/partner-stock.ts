import { and, asc, count, desc, eq, gt, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { z } from "zod";
import { organizations, products, stockLevels, stockLocations } from "@cs/db";
import { authorize } from "../../access/authorize";
import { stockLocationScope, stockProductScope } from "../../access/scopes";
import type { Ctx } from "../../shared/context";
import { likePattern, listQuerySchema, type Page } from "../../shared/list-query";
import { isWarehouse, multiOf, optionalText, partnerLocationKinds, theirs } from "./shared";

/**
 * Where a partner's stock sits: its virtual stock location (PV-…), consignment goods at its premises
 * (PC-…), or goods it bought that we still hold in one of our warehouses.
 */
export const partnerHoldingKinds = [...partnerLocationKinds, "warehouse"] as const;

export const partnerStockSortKeys = ["partner", "sku", "location", "quantity"] as const;

/** `q` searches the partner (name or code); `product` the SKU or product name. */
export const partnerStockQuery = listQuerySchema(partnerStockSortKeys, "partner").extend({
  kind: multiOf(partnerHoldingKinds),
  product: optionalText,
});
export type PartnerStockQuery = z.output<typeof partnerStockQuery>;

const owner = alias(organizations, "owner");
const partner = alias(organizations, "partner");

/**
 * The partner a balance belongs to: the holder of a partner location, or the owner of goods held
 * for it in our warehouse. Consignment goods at a partner are ours by ownership, the partner's by place.
 */
const partnerId = sql`coalesce(${stockLocations.organizationId}, ${owner.id})`;

export async function listPartnerStock(ctx: Ctx, query: PartnerStockQuery) {
  authorize(ctx.actor, "stock:read");
  const kinds = query.kind.length ? query.kind : [...partnerHoldingKinds];
  const placeKinds = kinds.filter((k) => k !== "warehouse");
  const conditions: (SQL | undefined)[] = [
    stockLocationScope(ctx.actor),
    stockProductScope(ctx.actor, stockLevels.productId),
    gt(stockLevels.onHand, 0),
    or(
      placeKinds.length ? inArray(stockLocations.kind, placeKinds) : undefined,
      kinds.includes("warehouse") ? and(isWarehouse, theirs) : undefined,
    ),
  ];
  if (query.q) {
    const p = likePattern(query.q);
    conditions.push(or(ilike(partner.name, p), ilike(partner.code, p)));
  }
  if (query.product) {
    const p = likePattern(query.product);
    conditions.push(or(ilike(products.sku, p), ilike(products.nameZh, p), ilike(products.nameEn, p)));
  }
  const where = and(...conditions);
  const sortColumns = { partner: partner.name, sku: products.sku, location: stockLocations.code, quantity: stockLevels.onHand };
  const order = query.dir === "desc" ? desc : asc;
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        partnerId: partner.id,
        partnerCode: partner.code,
        partnerName: partner.name,
        locationId: stockLocations.id,
        locationCode: stockLocations.code,
        locationKind: stockLocations.kind,
        locationZh: stockLocations.nameZh,
        locationEn: stockLocations.nameEn,
        productId: products.id,
        sku: products.sku,
        nameZh: products.nameZh,
        nameEn: products.nameEn,
        unit: products.unit,
        /** Null when the distributor owns the goods (consignment). */
        ownerId: owner.id,
        ownerName: owner.name,
        onHand: stockLevels.onHand,
        reserved: stockLevels.reserved,
      })
      .from(stockLevels)
      .innerJoin(stockLocations, eq(stockLocations.id, stockLevels.locationId))
      .innerJoin(products, eq(products.id, stockLevels.productId))
      .leftJoin(owner, eq(owner.id, stockLevels.ownerId))
      .innerJoin(partner, eq(partner.id, partnerId))
      .where(where)
      .orderBy(order(sortColumns[query.sort]), asc(partner.code), asc(products.sku), asc(stockLocations.code))
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    ctx.db
      .select({ n: count() })
      .from(stockLevels)
      .innerJoin(stockLocations, eq(stockLocations.id, stockLevels.locationId))
      .innerJoin(products, eq(products.id, stockLevels.productId))
      .leftJoin(owner, eq(owner.id, stockLevels.ownerId))
      .innerJoin(partner, eq(partner.id, partnerId))
      .where(where),
  ]);
  return { rows, total: total?.n ?? 0, page: query.page, size: query.size } satisfies Page<unknown>;
}

export type PartnerStockRow = Awaited<ReturnType<typeof listPartnerStock>>["rows"][number];

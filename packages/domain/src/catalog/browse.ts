import { and, asc, count, desc, eq, type SQL } from "drizzle-orm";
import { z } from "zod";
import { divisions, productLines, products } from "@cs/db";
import { authorize } from "../access/authorize";
import {
  partnerAvailability,
  type PartnerAvailability,
} from "../inventory/partner/availability";
import { resolvePrices, type PriceReason } from "../pricing/resolve";
import { primaryImages } from "../products/images";
import type { Ctx } from "../shared/context";
import { listQuerySchema, type Page } from "../shared/list-query";
import { catalogSearch } from "./search";

export const catalogSortKeys = ["sku", "name"] as const;

export const catalogQuery = listQuerySchema(catalogSortKeys, "sku").extend({
  division: z.uuid().optional().catch(undefined),
  line: z.uuid().optional().catch(undefined),
});
export type CatalogQuery = z.output<typeof catalogQuery>;

export type CatalogRow = {
  id: string;
  sku: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  lineZh: string;
  lineEn: string;
  divisionZh: string;
  divisionEn: string;
  listPriceFen: bigint;
  serialized: boolean;
  warrantyMonths: number;
  /** An extended warranty: a service, sold without stock (docs/decisions/006); null for goods. */
  extendedWarrantyMonths: number | null;
  /** The buyer's unit price for one piece and why; null for whoever buys nothing here (staff, stations). */
  price: PriceReason | null;
  availability: PartnerAvailability | null;
  /** The product's first picture (its sizes are served by id); null: none yet. */
  imageId: string | null;
};

/** The columns of a catalogue row, for the list and for one product. */
export const catalogColumns = {
  id: products.id,
  sku: products.sku,
  nameZh: products.nameZh,
  nameEn: products.nameEn,
  unit: products.unit,
  lineZh: productLines.nameZh,
  lineEn: productLines.nameEn,
  divisionZh: divisions.nameZh,
  divisionEn: divisions.nameEn,
  listPriceFen: products.listPriceFen,
  serialized: products.serialized,
  warrantyMonths: products.warrantyMonths,
  extendedWarrantyMonths: products.extendedWarrantyMonths,
};

const sortColumns = {
  sku: products.sku,
  name: products.nameZh,
} satisfies Record<(typeof catalogSortKeys)[number], unknown>;

/**
 * One page of sellable products by division, line and text, each with the actor's own price (and
 * why) and what it may know about availability. Prices and availability are fetched for the page's
 * rows only, each in one statement.
 */
export async function browseCatalog(
  ctx: Ctx,
  query: CatalogQuery,
): Promise<Page<CatalogRow>> {
  authorize(ctx.actor, "product:read");
  const conditions: (SQL | undefined)[] = [eq(products.active, true)];
  if (query.division)
    conditions.push(eq(productLines.divisionId, query.division));
  if (query.line) conditions.push(eq(products.productLineId, query.line));
  if (query.q) conditions.push(catalogSearch(query.q));
  const where = and(...conditions);
  const order = query.dir === "desc" ? desc : asc;
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select(catalogColumns)
      .from(products)
      .innerJoin(productLines, eq(productLines.id, products.productLineId))
      .innerJoin(divisions, eq(divisions.id, productLines.divisionId))
      .where(where)
      .orderBy(order(sortColumns[query.sort]), asc(products.id))
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    ctx.db
      .select({ n: count() })
      .from(products)
      .innerJoin(productLines, eq(productLines.id, products.productLineId))
      .where(where),
  ]);
  return {
    rows: await withBuyerFacts(ctx, rows),
    total: total?.n ?? 0,
    page: query.page,
    size: query.size,
  };
}

type CatalogBase = Omit<CatalogRow, "price" | "availability" | "imageId">;

/** The actor's price (and why), availability and first picture of the given rows, each in one statement. */
export async function withBuyerFacts(ctx: Ctx, rows: CatalogBase[]): Promise<CatalogRow[]> {
  const ids = rows.map((r) => r.id);
  // A repair station reads the catalogue for warranty terms; it orders nothing, so pricing it is wasted work.
  const orgId = ctx.actor.kind === "partner" && ctx.actor.permissions.has("own_order:place") ? ctx.actor.organizationId : null;
  const [prices, availability, images] = await Promise.all([
    orgId
      ? resolvePrices(ctx.db, {
          organizationId: orgId,
          lines: ids.map((productId) => ({ productId, quantity: 1 })),
        })
      : new Map<string, PriceReason>(),
    partnerAvailability(ctx, ids),
    primaryImages(ctx.db, ids),
  ]);
  return rows.map((r) => ({
    ...r,
    price: prices.get(r.id) ?? null,
    availability: availability[r.id] ?? null,
    imageId: images.get(r.id) ?? null,
  }));
}

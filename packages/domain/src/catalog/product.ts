import { and, asc, eq } from "drizzle-orm";
import { divisions, productImages, productLines, products } from "@cs/db";
import { authorize } from "../access/authorize";
import type { Ctx } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { isUuid } from "../shared/parse";
import { catalogColumns, withBuyerFacts, type CatalogRow } from "./browse";

export type CatalogProduct = CatalogRow & { imageIds: string[] };

/**
 * One product on sale as the catalogue shows it (the actor's price and why, availability), with all
 * its pictures in order. Retired or unknown: not found.
 */
export async function getCatalogProduct(ctx: Ctx, id: string): Promise<CatalogProduct> {
  authorize(ctx.actor, "product:read");
  if (!isUuid(id)) throw new NotFoundError("product");
  const [row] = await ctx.db
    .select(catalogColumns)
    .from(products)
    .innerJoin(productLines, eq(productLines.id, products.productLineId))
    .innerJoin(divisions, eq(divisions.id, productLines.divisionId))
    .where(and(eq(products.id, id), eq(products.active, true)));
  if (!row) throw new NotFoundError("product");
  const [[product], images] = await Promise.all([
    withBuyerFacts(ctx, [row]),
    ctx.db.select({ id: productImages.id }).from(productImages).where(eq(productImages.productId, id)).orderBy(asc(productImages.position)),
  ]);
  return { ...product!, imageIds: images.map((i) => i.id) };
}

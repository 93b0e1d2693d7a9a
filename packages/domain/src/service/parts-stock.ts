import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { DISTRIBUTOR_OWNER, products, reorderPoints, stockLevels } from "@cs/db";
import { authorize } from "../access/authorize";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { NotFoundError, ValidationError } from "../shared/errors";
import { parseInput } from "../shared/parse";
import { blankToUndefined, requiredText, strictNumber } from "../validation/fields";
import { stationPartsLocation } from "./parts";

/**
 * A station's spare-parts store (备件库) against the minimums its admin keeps (reorder_points of the
 * station_parts location, the same table the warehouses' low-stock view reads): what it holds, free
 * of reservations, from its own goods and ours consigned to it.
 */
export type StationPart = { productId: string; sku: string; nameZh: string; nameEn: string; onHand: number; free: number; minimum: number | null; low: boolean };

async function partsLocationOf(ctx: Ctx) {
  const stationId = ctx.actor.organizationId;
  const location = stationId ? await stationPartsLocation(ctx.db, stationId) : null;
  return stationId && location ? { stationId, locationId: location.id } : null;
}

/** Every part the store holds or has a minimum for, lowest against its minimum first; `lowOnly` keeps those below it. */
export async function listStationParts(ctx: Ctx, { lowOnly = false } = {}): Promise<StationPart[]> {
  authorize(ctx.actor, "station_service:work");
  const store = await partsLocationOf(ctx);
  if (!store) return [];
  const rows = await ctx.db.execute<{ product_id: string; sku: string; name_zh: string; name_en: string; on_hand: number; free: number; minimum: number | null }>(sql`
    with held as (
      select product_id, sum(on_hand)::int as on_hand, sum(on_hand - reserved)::int as free
        from stock_levels
       where location_id = ${store.locationId}::uuid and owner_id in (${store.stationId}::uuid, ${DISTRIBUTOR_OWNER}::uuid)
       group by product_id
      having sum(on_hand) > 0),
    wanted as (select product_id, minimum from reorder_points where location_id = ${store.locationId}::uuid)
    select p.id as product_id, p.sku, p.name_zh, p.name_en, coalesce(h.on_hand, 0) as on_hand, coalesce(h.free, 0) as free, w.minimum
      from held h full join wanted w on w.product_id = h.product_id
      join products p on p.id = coalesce(h.product_id, w.product_id)
     order by (w.minimum is not null and coalesce(h.free, 0) < w.minimum) desc, p.sku`);
  const parts = rows.map((r) => ({
    productId: r.product_id,
    sku: r.sku,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    onHand: Number(r.on_hand),
    free: Number(r.free),
    minimum: r.minimum === null ? null : Number(r.minimum),
    low: r.minimum !== null && Number(r.free) < Number(r.minimum),
  }));
  return lowOnly ? parts.filter((p) => p.low) : parts;
}

/** How many parts are below their minimum (the station's home). */
export async function stationPartsLow(ctx: Ctx): Promise<number> {
  authorize(ctx.actor, "station_service:work");
  const store = await partsLocationOf(ctx);
  if (!store) return 0;
  const [row] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(reorderPoints)
    .where(
      and(
        eq(reorderPoints.locationId, store.locationId),
        sql`${reorderPoints.minimum} > (select coalesce(sum(${stockLevels.onHand} - ${stockLevels.reserved}), 0) from ${stockLevels}
              where ${stockLevels.locationId} = ${reorderPoints.locationId} and ${stockLevels.productId} = ${reorderPoints.productId}
                and ${inArray(stockLevels.ownerId, [store.stationId, DISTRIBUTOR_OWNER])})`,
      ),
    );
  return row?.n ?? 0;
}

export const partMinimumInput = z.object({
  sku: requiredText(40).transform((v) => v.normalize("NFKC").toUpperCase()),
  /** Blank removes the minimum. */
  minimum: z.preprocess(
    blankToUndefined,
    strictNumber(z.number({ error: "validation.integer" }).int({ error: "validation.integer" }).min(0, { error: "validation.range" }).max(100_000, { error: "validation.range" })).optional(),
  ),
});

/**
 * The station admin sets (or, blank, removes) the minimum of one part in its store. Setting the same
 * value again changes nothing, so a retried post is harmless; a change is audited.
 */
export async function setPartMinimum(ctx: Ctx, raw: unknown): Promise<{ sku: string; minimum: number | null }> {
  authorize(ctx.actor, "station_service:admin");
  const input = parseInput(partMinimumInput, raw);
  const store = await partsLocationOf(ctx);
  if (!store) throw new NotFoundError("location");
  return inTransaction(ctx, async (tx) => {
    const [product] = await tx.select({ id: products.id, active: products.active }).from(products).where(eq(products.sku, input.sku));
    if (!product?.active) throw new ValidationError({ sku: ["stationParts.errors.unknownSku"] });
    const key = and(eq(reorderPoints.locationId, store.locationId), eq(reorderPoints.productId, product.id));
    const [before] = await tx.select({ minimum: reorderPoints.minimum }).from(reorderPoints).where(key).for("update");
    const minimum = input.minimum ?? null;
    if ((before?.minimum ?? null) === minimum) return { sku: input.sku, minimum };
    if (minimum === null) await tx.delete(reorderPoints).where(key);
    else
      await tx
        .insert(reorderPoints)
        .values({ locationId: store.locationId, productId: product.id, minimum })
        .onConflictDoUpdate({ target: [reorderPoints.locationId, reorderPoints.productId], set: { minimum } });
    await recordAudit(tx, ctx.actor, {
      action: "station_parts.minimum",
      entity: "product",
      entityId: product.id,
      before: { locationId: store.locationId, minimum: before?.minimum ?? null },
      after: { locationId: store.locationId, minimum },
    });
    return { sku: input.sku, minimum };
  });
}

import { and, asc, eq, like, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { organizations, products, serialMoves, serialNumbers, stockLocations, stockMoves } from "@cs/db";
import { authorize } from "../../access/authorize";
import { stockLocationScope, stockProductScope } from "../../access/scopes";
import type { Ctx } from "../../shared/context";

const fromLoc = alias(stockLocations, "serial_from_loc");
const toLoc = alias(stockLocations, "serial_to_loc");

/**
 * A serial's life: where it is, who owns it, which document sold or shipped it, and every move it
 * made. Staff see serials that are, or once were, in a location of theirs; the service desk will
 * check warranty by this. Search is by serial prefix (the btree index serves it).
 */
export async function findSerials(ctx: Ctx, q: string) {
  authorize(ctx.actor, "stock:read");
  const term = q.trim().slice(0, 64);
  if (term.length < 3) return [];
  const touchedVisible = sql`exists (
    select 1 from serial_moves sm join stock_moves m on m.id = sm.move_id
     where sm.serial_id = ${serialNumbers.id}
       and (m.from_location_id in (select id from stock_locations where ${stockLocationScope(ctx.actor)} and kind not in ('supplier','customer','loss','transit'))
         or m.to_location_id in (select id from stock_locations where ${stockLocationScope(ctx.actor)} and kind not in ('supplier','customer','loss','transit'))))`;
  const serials = await ctx.db
    .select({
      id: serialNumbers.id,
      serial: serialNumbers.serial,
      status: serialNumbers.status,
      sku: products.sku,
      nameZh: products.nameZh,
      nameEn: products.nameEn,
      warrantyMonths: products.warrantyMonths,
      locationCode: stockLocations.code,
      locationZh: stockLocations.nameZh,
      locationEn: stockLocations.nameEn,
      owner: organizations.name,
      soldReference: serialNumbers.soldReference,
      soldAt: serialNumbers.soldAt,
      receivedAt: serialNumbers.receivedAt,
    })
    .from(serialNumbers)
    .innerJoin(products, eq(products.id, serialNumbers.productId))
    .leftJoin(stockLocations, eq(stockLocations.id, serialNumbers.locationId))
    .leftJoin(organizations, eq(organizations.id, serialNumbers.ownerId))
    .where(and(like(serialNumbers.serial, `${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`), touchedVisible, stockProductScope(ctx.actor, serialNumbers.productId)))
    .orderBy(asc(serialNumbers.serial))
    .limit(20);
  return Promise.all(
    serials.map(async (s) => ({
      ...s,
      moves: await ctx.db
        .select({
          at: stockMoves.createdAt,
          reason: stockMoves.reason,
          reference: stockMoves.referenceId,
          fromCode: fromLoc.code,
          toCode: toLoc.code,
        })
        .from(serialMoves)
        .innerJoin(stockMoves, eq(stockMoves.id, serialMoves.moveId))
        .innerJoin(fromLoc, eq(fromLoc.id, stockMoves.fromLocationId))
        .innerJoin(toLoc, eq(toLoc.id, stockMoves.toLocationId))
        .where(eq(serialMoves.serialId, s.id))
        .orderBy(asc(stockMoves.createdAt), asc(stockMoves.id)),
    })),
  );
}

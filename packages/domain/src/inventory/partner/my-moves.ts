import { and, asc, count, desc, eq, ilike, inArray, isNull, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { internalLocationKinds, moveReasons, products, stockLocations, stockMoves } from "@cs/db";
import type { Ctx } from "../../shared/context";
import { likePattern, listQuerySchema, type Page } from "../../shared/list-query";
import { nameableLocation, ownLocation, partnerOrgOf, type LocationColumns } from "./scope";
import { shanghaiDayEnd, shanghaiDayStart } from "../../shared/dates";

/** The reasons a partner can filter its history by (all of the ledger's). */
export const myMoveReasons = moveReasons;

export const myMoveSortKeys = ["date", "sku"] as const;

const day = z.iso.date().optional().catch(undefined);

export const myMovesQuery = listQuerySchema(myMoveSortKeys, "date").extend({
  // History reads newest first unless the user asks otherwise.
  dir: z.enum(["asc", "desc"]).catch("desc"),
  product: z.uuid().optional().catch(undefined),
  reason: z.enum(moveReasons).optional().catch(undefined),
  from: day,
  to: day,
});
export type MyMovesQuery = z.output<typeof myMovesQuery>;

const fromLoc = alias(stockLocations, "from_loc");
const toLoc = alias(stockLocations, "to_loc");

/**
 * A side of a move is "the partner's" when it is one of its own locations, or one of our internal
 * locations holding goods the partner owns. The signed quantity is what the move did to the
 * partner's stock: in, out, or 0 when it only moved between the partner's own positions.
 */
function mineAt(orgId: string, loc: typeof fromLoc | typeof toLoc): SQL {
  return or(
    ownLocation(orgId, loc),
    and(eq(stockMoves.ownerId, orgId), isNull(loc.organizationId), inArray(loc.kind, [...internalLocationKinds])),
  )!;
}

/** A location's code and names only when the partner may know it; another partner's stays anonymous. */
function shown(orgId: string, loc: LocationColumns, column: AnyColumn) {
  return sql<string | null>`case when ${nameableLocation(orgId, loc)} then ${column} end`;
}

/** Calendar days are Shanghai days: `to` includes the whole of its day. */

export async function listMyMoves(ctx: Ctx, query: MyMovesQuery) {
  const orgId = partnerOrgOf(ctx.actor);
  const conditions: (SQL | undefined)[] = [
    eq(stockMoves.state, "done"),
    or(eq(stockMoves.ownerId, orgId), ownLocation(orgId, fromLoc), ownLocation(orgId, toLoc)),
  ];
  if (query.product) conditions.push(eq(stockMoves.productId, query.product));
  if (query.reason) conditions.push(eq(stockMoves.reason, query.reason));
  if (query.from) conditions.push(sql`${stockMoves.createdAt} >= ${shanghaiDayStart(query.from)}`);
  if (query.to) conditions.push(sql`${stockMoves.createdAt} < ${shanghaiDayEnd(query.to)}`);
  if (query.q) {
    const p = likePattern(query.q);
    conditions.push(or(ilike(products.sku, p), ilike(products.nameZh, p), ilike(products.nameEn, p), ilike(stockMoves.referenceId, p)));
  }
  const where = and(...conditions);
  const order = query.dir === "desc" ? desc : asc;
  const sort = query.sort === "sku" ? [order(products.sku), desc(stockMoves.id)] : [order(stockMoves.createdAt), order(stockMoves.id)];
  const base = () =>
    ctx.db
      .select({ n: count() })
      .from(stockMoves)
      .innerJoin(fromLoc, eq(fromLoc.id, stockMoves.fromLocationId))
      .innerJoin(toLoc, eq(toLoc.id, stockMoves.toLocationId))
      .innerJoin(products, eq(products.id, stockMoves.productId))
      .where(where);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        id: stockMoves.id,
        createdAt: stockMoves.createdAt,
        productId: products.id,
        sku: products.sku,
        nameZh: products.nameZh,
        nameEn: products.nameEn,
        unit: products.unit,
        reason: stockMoves.reason,
        reference: stockMoves.referenceId,
        fromCode: shown(orgId, fromLoc, fromLoc.code),
        fromZh: shown(orgId, fromLoc, fromLoc.nameZh),
        fromEn: shown(orgId, fromLoc, fromLoc.nameEn),
        toCode: shown(orgId, toLoc, toLoc.code),
        toZh: shown(orgId, toLoc, toLoc.nameZh),
        toEn: shown(orgId, toLoc, toLoc.nameEn),
        quantity: stockMoves.quantity,
        change: sql<number>`((case when ${mineAt(orgId, toLoc)} then ${stockMoves.quantity} else 0 end)
                           - (case when ${mineAt(orgId, fromLoc)} then ${stockMoves.quantity} else 0 end))::int`,
      })
      .from(stockMoves)
      .innerJoin(fromLoc, eq(fromLoc.id, stockMoves.fromLocationId))
      .innerJoin(toLoc, eq(toLoc.id, stockMoves.toLocationId))
      .innerJoin(products, eq(products.id, stockMoves.productId))
      .where(where)
      .orderBy(...sort)
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    base(),
  ]);
  return {
    // The ledger id is a bigint; the page needs a string row id and nothing else of it.
    rows: rows.map((r) => ({ ...r, id: String(r.id), change: Number(r.change) })),
    total: total?.n ?? 0,
    page: query.page,
    size: query.size,
  } satisfies Page<unknown>;
}

export type MyMoveRow = Awaited<ReturnType<typeof listMyMoves>>["rows"][number];

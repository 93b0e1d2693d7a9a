import { and, asc, count, desc, eq, ilike, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { moveReasons, organizations, products, stockDocuments, stockLocations, stockMoves, users } from "@cs/db";
import type { Actor } from "../../access/actor";
import { authorize, can } from "../../access/authorize";
import { stockProductScope } from "../../access/scopes";
import type { Ctx } from "../../shared/context";
import { likePattern, listQuerySchema, type Page } from "../../shared/list-query";
import { staffDocumentScope } from "../documents/common";
import { descByDefault, multiOf, optionalDay, optionalId, optionalText, visibleInternalLocationIds } from "./shared";
import { shanghaiDayEnd, shanghaiDayStart } from "../../shared/dates";

export const moveSortKeys = ["time", "sku", "quantity", "reason"] as const;

/** `q` searches the product (SKU or name). Newest first unless asked otherwise. */
export const moveListQuery = listQuerySchema(moveSortKeys, "time").extend({
  dir: descByDefault,
  location: optionalId,
  reason: multiOf(moveReasons),
  /** Substring of the reference type or id (a document number such as RC-2026-000012). */
  reference: optionalText,
  from: optionalDay,
  to: optionalDay,
});
export type MoveListQuery = z.output<typeof moveListQuery>;

const fromLoc = alias(stockLocations, "from_loc");
const toLoc = alias(stockLocations, "to_loc");

/**
 * A move is visible through a location of ours the actor sees, or through the document that caused
 * it (a transfer's write-off runs transit → loss, touching no branch's location). Staff of all
 * branches see the whole ledger. Staff limited to divisions see only their divisions' products.
 */
function visibleMoves(actor: Actor): SQL | undefined {
  const ofDivisions = stockProductScope(actor, stockMoves.productId);
  if (actor.kind === "staff" && actor.branchIds === "all" && can(actor, "stock:read")) return ofDivisions;
  const visible = visibleInternalLocationIds(actor);
  const byPlace = or(
    sql`${stockMoves.fromLocationId} in ${visible}`,
    sql`${stockMoves.toLocationId} in ${visible}`,
    and(
      eq(stockMoves.referenceType, "stock_document"),
      sql`${stockMoves.referenceId} in (select ${stockDocuments.number} from ${stockDocuments} where ${staffDocumentScope(actor)})`,
    ),
  );
  return and(byPlace, ofDivisions);
}

function filters(ctx: Ctx, query: MoveListQuery): SQL | undefined {
  const conditions: (SQL | undefined)[] = [eq(stockMoves.state, "done"), visibleMoves(ctx.actor)];
  if (query.q) {
    const p = likePattern(query.q);
    conditions.push(
      sql`${stockMoves.productId} in (select ${products.id} from ${products} where ${or(ilike(products.sku, p), ilike(products.nameZh, p), ilike(products.nameEn, p))})`,
    );
  }
  if (query.location) conditions.push(or(eq(stockMoves.fromLocationId, query.location), eq(stockMoves.toLocationId, query.location)));
  if (query.reason.length) conditions.push(inArray(stockMoves.reason, query.reason));
  if (query.reference) {
    const p = likePattern(query.reference);
    conditions.push(or(ilike(stockMoves.referenceId, p), ilike(stockMoves.referenceType, p)));
  }
  if (query.from) conditions.push(sql`${stockMoves.createdAt} >= ${shanghaiDayStart(query.from)}`);
  if (query.to) conditions.push(sql`${stockMoves.createdAt} < ${shanghaiDayEnd(query.to)}`);
  return and(...conditions);
}

function baseQuery(ctx: Ctx) {
  return ctx.db
    .select({
      id: stockMoves.id,
      createdAt: stockMoves.createdAt,
      productId: stockMoves.productId,
      sku: products.sku,
      nameZh: products.nameZh,
      nameEn: products.nameEn,
      quantity: stockMoves.quantity,
      fromId: fromLoc.id,
      fromCode: fromLoc.code,
      fromKind: fromLoc.kind,
      toId: toLoc.id,
      toCode: toLoc.code,
      toKind: toLoc.kind,
      ownerName: organizations.name,
      reason: stockMoves.reason,
      referenceType: stockMoves.referenceType,
      referenceId: stockMoves.referenceId,
      actorName: users.displayName,
    })
    .from(stockMoves)
    .innerJoin(products, eq(products.id, stockMoves.productId))
    .innerJoin(fromLoc, eq(fromLoc.id, stockMoves.fromLocationId))
    .innerJoin(toLoc, eq(toLoc.id, stockMoves.toLocationId))
    .leftJoin(organizations, eq(organizations.id, stockMoves.ownerId))
    .leftJoin(users, eq(users.id, stockMoves.actorId));
}

export type MoveRow = Awaited<ReturnType<ReturnType<typeof baseQuery>["execute"]>>[number];

const sortColumns = {
  time: stockMoves.createdAt,
  sku: products.sku,
  quantity: stockMoves.quantity,
  reason: stockMoves.reason,
} satisfies Record<(typeof moveSortKeys)[number], unknown>;

/** The ledger: only done moves that touch a location the actor may see. */
export async function listMoves(ctx: Ctx, query: MoveListQuery): Promise<Page<MoveRow>> {
  authorize(ctx.actor, "stock:read");
  const where = filters(ctx, query);
  const order = query.dir === "desc" ? desc : asc;
  const [rows, [total]] = await Promise.all([
    baseQuery(ctx)
      .where(where)
      // Moves posted together share a timestamp; the id keeps their posting order stable.
      .orderBy(order(sortColumns[query.sort]), order(stockMoves.id))
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    ctx.db.select({ n: count() }).from(stockMoves).where(where),
  ]);
  return { rows, total: total?.n ?? 0, page: query.page, size: query.size };
}

/**
 * Every move matching the filter, newest first, in keyset chunks so a year of ledger streams in
 * flat memory. The permission is checked here, before any byte of a download is sent.
 */
export function exportMoves(ctx: Ctx, query: MoveListQuery, chunk = 1000) {
  authorize(ctx.actor, "stock:read");
  return moveChunks(ctx, filters(ctx, query), chunk);
}

async function* moveChunks(ctx: Ctx, where: SQL | undefined, chunk: number) {
  let before: bigint | undefined;
  for (;;) {
    const rows = await baseQuery(ctx)
      .where(and(where, before !== undefined ? lt(stockMoves.id, before) : undefined))
      .orderBy(desc(stockMoves.id))
      .limit(chunk);
    if (rows.length === 0) return;
    yield rows;
    before = rows[rows.length - 1]!.id;
    if (rows.length < chunk) return;
  }
}

import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { internalLocationKinds, locationKinds, organizations, stockLevels, stockLocations, type LocationKind } from "@cs/db";
import { authorize } from "../../access/authorize";
import { stockLocationScope, stockProductScope } from "../../access/scopes";
import type { Ctx } from "../../shared/context";
import { NotFoundError } from "../../shared/errors";
import { likePattern, listQuerySchema, type Page } from "../../shared/list-query";
import { isUuid } from "../../shared/parse";
import { multiOf, ours, sumInt, theirs } from "./shared";

export const locationSortKeys = ["code", "name", "kind", "onHand", "available", "held"] as const;

export const locationListQuery = listQuerySchema(locationSortKeys, "code").extend({
  kind: multiOf(locationKinds),
});
export type LocationListQuery = z.output<typeof locationListQuery>;

const branch = alias(organizations, "branch");
const holder = alias(organizations, "holder");

/** Balances per location: ours (on hand, reserved) and what is held there for other owners. */
function totalsByLocation(ctx: Ctx) {
  // Staff limited to divisions count only their divisions' products.
  const ofDivisions = stockProductScope(ctx.actor, stockLevels.productId);
  return ctx.db
    .select({
      locationId: stockLevels.locationId,
      onHand: sumInt(stockLevels.onHand, ours).as("on_hand"),
      reserved: sumInt(stockLevels.reserved, ours).as("reserved"),
      held: sumInt(stockLevels.onHand, theirs).as("held"),
      products: sql<number>`count(distinct ${stockLevels.productId}) filter (where ${stockLevels.onHand} > 0)::int`.as("products"),
    })
    .from(stockLevels)
    .where(ofDivisions)
    .groupBy(stockLevels.locationId)
    .as("totals");
}

const locationColumns = {
  id: stockLocations.id,
  code: stockLocations.code,
  kind: stockLocations.kind,
  nameZh: stockLocations.nameZh,
  nameEn: stockLocations.nameEn,
  active: stockLocations.active,
  branchId: stockLocations.branchId,
  branchName: branch.name,
  organizationId: stockLocations.organizationId,
  organizationName: holder.name,
  organizationCode: holder.code,
};

export async function listLocations(ctx: Ctx, query: LocationListQuery) {
  authorize(ctx.actor, "stock:read");
  const conditions: (SQL | undefined)[] = [stockLocationScope(ctx.actor)];
  if (query.kind.length) conditions.push(inArray(stockLocations.kind, query.kind));
  if (query.q) {
    const p = likePattern(query.q);
    conditions.push(or(ilike(stockLocations.code, p), ilike(stockLocations.nameZh, p), ilike(stockLocations.nameEn, p), ilike(holder.name, p)));
  }
  const where = and(...conditions);
  const totals = totalsByLocation(ctx);
  const onHand = sql<number>`coalesce(${totals.onHand}, 0)`;
  const reserved = sql<number>`coalesce(${totals.reserved}, 0)`;
  const available = sql<number>`(coalesce(${totals.onHand}, 0) - coalesce(${totals.reserved}, 0))`;
  const held = sql<number>`coalesce(${totals.held}, 0)`;
  const sortColumns = { code: stockLocations.code, name: stockLocations.nameZh, kind: stockLocations.kind, onHand, available, held };
  const order = query.dir === "desc" ? desc : asc;
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({ ...locationColumns, onHand, reserved, available, held, products: sql<number>`coalesce(${totals.products}, 0)` })
      .from(stockLocations)
      .leftJoin(branch, eq(branch.id, stockLocations.branchId))
      .leftJoin(holder, eq(holder.id, stockLocations.organizationId))
      .leftJoin(totals, eq(totals.locationId, stockLocations.id))
      .where(where)
      .orderBy(order(sortColumns[query.sort]), asc(stockLocations.code))
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    ctx.db
      .select({ n: count() })
      .from(stockLocations)
      .leftJoin(holder, eq(holder.id, stockLocations.organizationId))
      .where(where),
  ]);
  // Supplier, customer and loss are the world outside: they never hold a balance (zeros would mislead).
  const withBalance = rows.map((r) => ({ ...r, holdsStock: internalLocationKinds.includes(r.kind) }));
  return { rows: withBalance, total: total?.n ?? 0, page: query.page, size: query.size } satisfies Page<unknown>;
}

export type LocationRow = Awaited<ReturnType<typeof listLocations>>["rows"][number];

/** One location this actor may see, with its branch and holder; anything else is "not found". */
export async function getVisibleLocation(ctx: Ctx, id: string) {
  authorize(ctx.actor, "stock:read");
  if (!isUuid(id)) throw new NotFoundError("stock location");
  const [row] = await ctx.db
    .select(locationColumns)
    .from(stockLocations)
    .leftJoin(branch, eq(branch.id, stockLocations.branchId))
    .leftJoin(holder, eq(holder.id, stockLocations.organizationId))
    .where(and(eq(stockLocations.id, id), stockLocationScope(ctx.actor)));
  if (!row) throw new NotFoundError("stock location");
  return row;
}

/** What a location picker shows of a location. */
export const locationOption = { id: stockLocations.id, code: stockLocations.code, kind: stockLocations.kind, nameZh: stockLocations.nameZh, nameEn: stockLocations.nameEn };

/** Visible locations for filter and form pickers, optionally of some kinds only. */
export async function listLocationOptions(ctx: Ctx, kinds?: readonly LocationKind[]) {
  authorize(ctx.actor, "stock:read");
  return ctx.db
    .select(locationOption)
    .from(stockLocations)
    .where(and(stockLocationScope(ctx.actor), eq(stockLocations.active, true), kinds?.length ? inArray(stockLocations.kind, [...kinds]) : undefined))
    .orderBy(asc(stockLocations.code));
}

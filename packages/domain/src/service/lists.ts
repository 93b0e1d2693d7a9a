import { and, asc, count, desc, eq, ilike, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { claimableRepair } from "./claims";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { divisions, endCustomers, organizations, products, repairPriorities, repairRequests, repairStations, repairStatuses } from "@cs/db";
import { authorize } from "../access/authorize";
import { serviceScope } from "../access/scopes";
import type { Ctx } from "../shared/context";
import { ForbiddenError } from "../shared/errors";
import { likePattern, listQuerySchema, type Page } from "../shared/list-query";
import { isUuid } from "../shared/parse";

const station = alias(organizations, "station");

const listFrom = <T extends string>(all: readonly T[]) =>
  z
    .preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()))
    .transform((list) => list.filter((x): x is T => (all as readonly string[]).includes(x)));

export const repairSortKeys = ["slaDueAt", "createdAt", "number", "status", "priority"] as const;

export const repairListQuery = listQuerySchema(repairSortKeys, "slaDueAt").extend({
  status: listFrom(repairStatuses),
  priority: listFrom(repairPriorities),
  stationId: z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => (v === "none" ? "none" : v && isUuid(v) ? v : undefined)),
  city: z.string().trim().max(50).optional().catch(undefined).transform((v) => v || undefined),
  divisionId: z.string().optional().catch(undefined).transform((v) => (v && isUuid(v) ? v : undefined)),
  breached: z.enum(["1"]).optional().catch(undefined),
  escalated: z.enum(["1"]).optional().catch(undefined),
  /** Repaired in warranty and not claimed yet: what a station still has to claim. */
  claimable: z.enum(["1"]).optional().catch(undefined),
});
export type RepairListQuery = z.output<typeof repairListQuery>;

const columns = {
  id: repairRequests.id,
  number: repairRequests.number,
  status: repairRequests.status,
  priority: repairRequests.priority,
  escalated: repairRequests.escalated,
  city: repairRequests.city,
  serial: repairRequests.serial,
  serviceMode: repairRequests.serviceMode,
  warrantyStatus: repairRequests.warrantyStatus,
  needsManualCheck: repairRequests.needsManualCheck,
  divisionId: repairRequests.divisionId,
  stationId: repairRequests.stationId,
  stationName: station.name,
  sku: products.sku,
  productNameZh: products.nameZh,
  productNameEn: products.nameEn,
  customerName: endCustomers.name,
  slaDueAt: repairRequests.slaDueAt,
  responseDueAt: repairRequests.responseDueAt,
  resolutionDueAt: repairRequests.resolutionDueAt,
  quoteStatus: repairRequests.quoteStatus,
  // the repair survey's score (docs/decisions/038)
  rating: sql<number | null>`(select s.score from surveys s where s.kind = 'repair' and s.subject_id = ${repairRequests.id})`,
  createdAt: repairRequests.createdAt,
  updatedAt: repairRequests.updatedAt,
};

const sortColumns = {
  slaDueAt: repairRequests.slaDueAt,
  createdAt: repairRequests.createdAt,
  number: repairRequests.number,
  status: repairRequests.status,
  priority: repairRequests.priority,
} satisfies Record<(typeof repairSortKeys)[number], unknown>;

function filters(ctx: Ctx, q: RepairListQuery, now: Date): SQL | undefined {
  const c: (SQL | undefined)[] = [serviceScope(ctx.actor)];
  if (q.status.length) c.push(q.status.length === 1 ? eq(repairRequests.status, q.status[0]!) : inArray(repairRequests.status, q.status));
  if (q.priority.length) c.push(inArray(repairRequests.priority, q.priority));
  if (q.stationId === "none") c.push(isNull(repairRequests.stationId));
  else if (q.stationId) c.push(eq(repairRequests.stationId, q.stationId));
  if (q.city) c.push(eq(repairRequests.city, q.city));
  if (q.divisionId) c.push(eq(repairRequests.divisionId, q.divisionId));
  if (q.breached) c.push(lt(repairRequests.slaDueAt, now));
  if (q.escalated) c.push(eq(repairRequests.escalated, true));
  if (q.claimable) c.push(claimableRepair());
  if (q.q) {
    const p = likePattern(q.q);
    c.push(or(ilike(repairRequests.number, p), eq(repairRequests.serial, q.q)));
  }
  return and(...c);
}

/** How far the total is counted: a page past 10,000 matches shows "10,000+" rather than scanning a million rows. */
export const COUNT_CAP = 10_000;

/**
 * Repair requests on the DataTable, one page in SQL: the service desk sees all, a station its
 * queue, a dealer what it filed, a customer its own. Default order is the running SLA deadline,
 * most urgent first (nulls — finished requests — last), served by the status/station/sla index.
 */
export async function listRepairRequests(ctx: Ctx, q: RepairListQuery, now = new Date()): Promise<Page<Awaited<ReturnType<typeof page>>[number]> & { capped: boolean }> {
  const where = filters(ctx, q, now);
  const [rows, [total]] = await Promise.all([
    page(ctx, q, where),
    ctx.db.select({ n: count() }).from(ctx.db.select({ one: sql`1` }).from(repairRequests).where(where).limit(COUNT_CAP + 1).as("capped")),
  ]);
  const n = total?.n ?? 0;
  return { rows, total: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP, page: q.page, size: q.size };
}

function page(ctx: Ctx, q: RepairListQuery, where: SQL | undefined) {
  const order = q.dir === "desc" ? desc : asc;
  const sortCol = sortColumns[q.sort];
  const primary = q.sort === "slaDueAt" ? sql`${sortCol} ${sql.raw(q.dir === "desc" ? "desc" : "asc")} nulls last` : order(sortCol);
  return ctx.db
    .select(columns)
    .from(repairRequests)
    .innerJoin(products, eq(products.id, repairRequests.productId))
    .innerJoin(endCustomers, eq(endCustomers.id, repairRequests.endCustomerId))
    .leftJoin(station, eq(station.id, repairRequests.stationId))
    .where(where)
    .orderBy(primary, order(repairRequests.id))
    .limit(q.size)
    .offset((q.page - 1) * q.size);
}

/**
 * A station's live queue: its open requests by running SLA deadline (the partial queue index),
 * refreshed by polling. Technicians and admins of the station only.
 */
export async function stationQueue(ctx: Ctx, limit = 100) {
  authorize(ctx.actor, "station_service:work");
  const stationId = ctx.actor.organizationId;
  if (!stationId) throw new ForbiddenError("station_service:work");
  return ctx.db
    .select({
      id: repairRequests.id,
      number: repairRequests.number,
      status: repairRequests.status,
      priority: repairRequests.priority,
      escalated: repairRequests.escalated,
      city: repairRequests.city,
      serviceMode: repairRequests.serviceMode,
      warrantyStatus: repairRequests.warrantyStatus,
      quoteStatus: repairRequests.quoteStatus,
      sku: products.sku,
      productNameZh: products.nameZh,
      productNameEn: products.nameEn,
      serial: repairRequests.serial,
      slaDueAt: repairRequests.slaDueAt,
      responseDueAt: repairRequests.responseDueAt,
      resolutionDueAt: repairRequests.resolutionDueAt,
      createdAt: repairRequests.createdAt,
      updatedAt: repairRequests.updatedAt,
    })
    .from(repairRequests)
    .innerJoin(products, eq(products.id, repairRequests.productId))
    // exactly the partial index's predicate, so the station's queue is read in SLA order and stops at the limit
    .where(and(eq(repairRequests.stationId, stationId), sql`${repairRequests.status} not in ('returned', 'closed', 'cancelled')`))
    .orderBy(sql`${repairRequests.slaDueAt} asc nulls last`, asc(repairRequests.id))
    .limit(limit);
}

/**
 * What the station's live queue looks like now, as an opaque version: how many open requests it has
 * and when the latest of them changed. Every change to a request sets its `updated_at`, a request
 * entering the queue brings a newer one and a request leaving it lowers the count, so the version
 * moves whenever the list would. One index-only lookup on the queue's version index, so a poll that
 * finds nothing new costs no rows and no join.
 */
export async function stationQueueVersion(ctx: Ctx): Promise<string> {
  authorize(ctx.actor, "station_service:work");
  const stationId = ctx.actor.organizationId;
  if (!stationId) throw new ForbiddenError("station_service:work");
  const [row] = await ctx.db
    .select({ open: count(), latest: sql<string | null>`extract(epoch from max(${repairRequests.updatedAt}))::text` })
    .from(repairRequests)
    .where(and(eq(repairRequests.stationId, stationId), sql`${repairRequests.status} not in ('returned', 'closed', 'cancelled')`));
  // digits, dot and hyphen only: usable as an HTTP entity tag as it is
  return `${row?.open ?? 0}-${row?.latest ?? "0"}`;
}

/** The desk list's filter choices: divisions and active stations. */
export async function serviceDeskOptions(ctx: Ctx) {
  authorize(ctx.actor, "service:read");
  const [divs, stations] = await Promise.all([
    ctx.db.select({ id: divisions.id, nameZh: divisions.nameZh, nameEn: divisions.nameEn }).from(divisions).orderBy(divisions.code),
    ctx.db
      .select({ id: repairStations.organizationId, name: organizations.name, city: organizations.city })
      .from(repairStations)
      .innerJoin(organizations, eq(organizations.id, repairStations.organizationId))
      .where(eq(repairStations.active, true))
      .orderBy(organizations.city, organizations.name),
  ]);
  return { divisions: divs, stations };
}

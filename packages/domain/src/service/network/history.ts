import { and, asc, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  devices,
  endCustomers,
  organizations,
  products,
  repairEvents,
  repairParts,
  repairRequests,
  users,
  warrantyContracts,
} from "@cs/db";
import { authorize } from "../../access/authorize";
import type { Ctx } from "../../shared/context";
import { NotFoundError } from "../../shared/errors";
import { isUuid } from "../../shared/parse";

/** A serial or a customer has a handful of requests; a cap keeps a pathological one from loading thousands. */
const MAX_REQUESTS = 200;

const station = alias(organizations, "station");
const part = alias(products, "part");

async function requestsWhere(ctx: Ctx, where: SQL) {
  const requests = await ctx.db
    .select({
      id: repairRequests.id,
      number: repairRequests.number,
      status: repairRequests.status,
      serial: repairRequests.serial,
      productSku: products.sku,
      productZh: products.nameZh,
      productEn: products.nameEn,
      stationName: station.name,
      customerId: repairRequests.endCustomerId,
      customerName: endCustomers.name,
      warrantyStatus: repairRequests.warrantyStatus,
      symptoms: repairRequests.symptoms,
      diagnosis: repairRequests.diagnosis,
      resolution: repairRequests.resolution,
      rating: sql<number | null>`(select s.score from surveys s where s.kind = 'repair' and s.subject_id = ${repairRequests.id})`,
      createdAt: repairRequests.createdAt,
      closedAt: repairRequests.closedAt,
    })
    .from(repairRequests)
    .innerJoin(products, eq(products.id, repairRequests.productId))
    .innerJoin(endCustomers, eq(endCustomers.id, repairRequests.endCustomerId))
    .leftJoin(station, eq(station.id, repairRequests.stationId))
    .where(where)
    .orderBy(desc(repairRequests.createdAt), desc(repairRequests.id))
    .limit(MAX_REQUESTS);
  const ids = requests.map((r) => r.id);
  if (!ids.length) return { requests, parts: [], events: [] };
  const [parts, events] = await Promise.all([
    ctx.db
      .select({
        id: repairParts.id,
        requestId: repairParts.requestId,
        sku: part.sku,
        nameZh: part.nameZh,
        nameEn: part.nameEn,
        quantity: repairParts.quantity,
        unitCostFen: repairParts.unitCostFen,
        faultySerial: repairParts.faultySerial,
        replacementSerial: repairParts.replacementSerial,
        createdAt: repairParts.createdAt,
      })
      .from(repairParts)
      .innerJoin(part, eq(part.id, repairParts.productId))
      .where(inArray(repairParts.requestId, ids))
      .orderBy(asc(repairParts.createdAt)),
    ctx.db
      .select({
        id: repairEvents.id,
        requestId: repairEvents.requestId,
        action: repairEvents.action,
        fromStatus: repairEvents.fromStatus,
        toStatus: repairEvents.toStatus,
        comment: repairEvents.comment,
        actorName: users.displayName,
        createdAt: repairEvents.createdAt,
      })
      .from(repairEvents)
      .leftJoin(users, eq(users.id, repairEvents.actorId))
      .where(inArray(repairEvents.requestId, ids))
      .orderBy(asc(repairEvents.id)),
  ]);
  return { requests, parts, events };
}

/**
 * Everything that happened to one serial: repair requests filed for it, requests where it went in
 * or came out as a swapped part, each with its parts and timeline (every status change, comment and
 * contact), plus its warranty contracts and device registrations. Read-only, service:read.
 */
export async function serialHistory(ctx: Ctx, rawSerial: string) {
  authorize(ctx.actor, "service:read");
  const serial = rawSerial.trim();
  if (!serial || serial.length > 64) return null;
  const swapped = sql`${repairRequests.id} in (select ${repairParts.requestId} from ${repairParts} where ${repairParts.faultySerial} = ${serial} or ${repairParts.replacementSerial} = ${serial})`;
  const [history, contracts, registrations] = await Promise.all([
    requestsWhere(ctx, or(eq(repairRequests.serial, serial), swapped)!),
    ctx.db
      .select({
        id: warrantyContracts.id,
        kind: warrantyContracts.kind,
        source: warrantyContracts.source,
        startsOn: warrantyContracts.startsOn,
        endsOn: warrantyContracts.endsOn,
        sku: products.sku,
        productZh: products.nameZh,
        productEn: products.nameEn,
      })
      .from(warrantyContracts)
      .innerJoin(products, eq(products.id, warrantyContracts.productId))
      .where(eq(warrantyContracts.serial, serial))
      .orderBy(asc(warrantyContracts.startsOn)),
    ctx.db
      .select({
        id: devices.id,
        customerId: devices.endCustomerId,
        customerName: endCustomers.name,
        purchasedOn: devices.purchasedOn,
        status: devices.status,
        active: devices.active,
        createdAt: devices.createdAt,
      })
      .from(devices)
      .innerJoin(endCustomers, eq(endCustomers.id, devices.endCustomerId))
      .where(eq(devices.serial, serial))
      .orderBy(desc(devices.createdAt)),
  ]);
  return { serial, ...history, contracts, registrations };
}

/** One end customer's service record: contact details, registered devices, every request with parts and timeline. */
export async function customerHistory(ctx: Ctx, endCustomerId: string) {
  authorize(ctx.actor, "service:read");
  if (!isUuid(endCustomerId)) throw new NotFoundError("end_customer");
  const [customer] = await ctx.db.select().from(endCustomers).where(eq(endCustomers.id, endCustomerId));
  if (!customer) throw new NotFoundError("end_customer");
  const [history, owned] = await Promise.all([
    requestsWhere(ctx, eq(repairRequests.endCustomerId, endCustomerId)),
    ctx.db
      .select({ id: devices.id, serial: devices.serial, sku: products.sku, productZh: products.nameZh, productEn: products.nameEn, purchasedOn: devices.purchasedOn, status: devices.status, active: devices.active })
      .from(devices)
      .innerJoin(products, eq(products.id, devices.productId))
      .where(and(eq(devices.endCustomerId, endCustomerId)))
      .orderBy(desc(devices.createdAt)),
  ]);
  return { customer, devices: owned, ...history };
}

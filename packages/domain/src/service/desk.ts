import { and, eq, sql, type SQL } from "drizzle-orm";
import { organizations, repairRequests, repairStations, serviceSettings, type DatabaseOrTransaction } from "@cs/db";
import { authorize } from "../access/authorize";
import { recordAudit } from "../shared/audit";
import type { Ctx } from "../shared/context";
import { NotFoundError, ValidationError } from "../shared/errors";
import { isUuid, parseInput } from "../shared/parse";
import { lockRepairRequest, mutateOnce, recordRepairEvent } from "./events";
import { assignInput, declineInput, priorityInput, requestRefInput, warrantyCheckInput } from "./inputs";
import { loadBusinessCalendar } from "./calendar/load";
import { currentSlaDue, slaDueDates, slaPolicyFrom } from "./sla";
import { audiencesOf } from "./workflow";

const notAssignable = () => new ValidationError({ stationId: ["service.validation.notAssignable"] }, "service.validation.notAssignable");

/**
 * The desk assigns (or reassigns) a request still waiting for a station's answer. The new station
 * must be an active repair station.
 */
export async function assignStation(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "service:manage");
  const input = parseInput(assignInput, raw);
  if (!isUuid(input.stationId)) throw new ValidationError({ stationId: ["validation.invalid"] });
  return mutateOnce(ctx, raw, input, async (tx) => {
    const req = await lockRepairRequest(tx, ctx, input.requestId);
    if (req.status !== "submitted") throw notAssignable();
    const [station] = await tx
      .select({ id: repairStations.organizationId, name: organizations.name })
      .from(repairStations)
      .innerJoin(organizations, eq(organizations.id, repairStations.organizationId))
      .where(and(eq(repairStations.organizationId, input.stationId), eq(repairStations.active, true), eq(organizations.status, "active")));
    if (!station) throw new ValidationError({ stationId: ["validation.invalid"] });
    if (station.id === req.stationId) throw notAssignable();
    const now = new Date();
    await tx
      .update(repairRequests)
      .set({ stationId: station.id, assignedAt: now, technicianId: null, updatedAt: now, version: sql`${repairRequests.version} + 1` })
      .where(eq(repairRequests.id, req.id));
    const action = req.stationId ? "reassigned" : "assigned";
    await recordRepairEvent(tx, { requestId: req.id, action, actorId: ctx.actor.userId, comment: input.comment, details: { stationId: station.id, station: station.name, from: req.stationId } });
    await recordAudit(tx, ctx.actor, { action: `repair.${action}`, entity: "repair_request", entityId: req.id, before: { stationId: req.stationId }, after: { stationId: station.id } });
    return { requestId: req.id, stationId: station.id };
  });
}

/** The assigned station declines a request it has not accepted; it goes back to the desk, unassigned. */
export async function declineRequest(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "station_service:work");
  const input = parseInput(declineInput, raw);
  return mutateOnce(ctx, raw, input, async (tx) => {
    const req = await lockRepairRequest(tx, ctx, input.requestId);
    if (!audiencesOf(ctx.actor, req).includes("station") || req.status !== "submitted") throw new ValidationError({ form: ["service.validation.illegalTransition"] }, "service.validation.illegalTransition");
    const now = new Date();
    // first: the event's notice reads the request, which the station cannot see once handed back
    await recordRepairEvent(tx, { requestId: req.id, action: "declined", actorId: ctx.actor.userId, comment: input.comment, details: { stationId: req.stationId } });
    // A definer function: the request leaves the station's rows, which row-level security refuses otherwise (drizzle/0015).
    await tx.execute(sql`select cs_repair_hand_back(${req.id}::uuid, ${req.stationId}::uuid, ${now.toISOString()}::timestamptz)`);
    await recordAudit(tx, ctx.actor, { action: "repair.decline", entity: "repair_request", entityId: req.id, before: { stationId: req.stationId }, after: { stationId: null, comment: input.comment } });
    return { requestId: req.id };
  });
}

/** The desk changes the priority: the SLA deadlines are recomputed from the filing time. */
export async function setRepairPriority(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "service:manage");
  const input = parseInput(priorityInput, raw);
  const calendar = await loadBusinessCalendar(ctx.db);
  return mutateOnce(ctx, raw, input, async (tx) => {
    const req = await lockRepairRequest(tx, ctx, input.requestId);
    if (req.priority === input.priority) return { requestId: req.id, priority: req.priority };
    const [settings] = await tx.select({ slaPolicy: serviceSettings.slaPolicy }).from(serviceSettings).where(eq(serviceSettings.id, 1));
    const due = slaDueDates(req.createdAt, input.priority, slaPolicyFrom(settings?.slaPolicy), calendar);
    await tx
      .update(repairRequests)
      .set({ priority: input.priority, ...due, slaDueAt: currentSlaDue(req.status, due), updatedAt: new Date(), version: sql`${repairRequests.version} + 1` })
      .where(eq(repairRequests.id, req.id));
    await recordRepairEvent(tx, { requestId: req.id, action: "priority", actorId: ctx.actor.userId, comment: input.comment, details: { from: req.priority, to: input.priority } });
    await recordAudit(tx, ctx.actor, { action: "repair.priority", entity: "repair_request", entityId: req.id, before: { priority: req.priority }, after: { priority: input.priority } });
    return { requestId: req.id, priority: input.priority };
  });
}

/** The desk escalates a request: flagged on every list, urgent priority. */
export async function escalateRepair(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "service:manage");
  const input = parseInput(requestRefInput, raw);
  const calendar = await loadBusinessCalendar(ctx.db);
  return mutateOnce(ctx, raw, input, async (tx) => {
    const req = await lockRepairRequest(tx, ctx, input.requestId);
    if (req.escalated || ["returned", "closed", "cancelled"].includes(req.status)) throw new ValidationError({ form: ["service.validation.notEscalatable"] }, "service.validation.notEscalatable");
    const [settings] = await tx.select({ slaPolicy: serviceSettings.slaPolicy }).from(serviceSettings).where(eq(serviceSettings.id, 1));
    const due = slaDueDates(req.createdAt, "urgent", slaPolicyFrom(settings?.slaPolicy), calendar);
    await tx
      .update(repairRequests)
      .set({ escalated: true, priority: "urgent", ...due, slaDueAt: currentSlaDue(req.status, due), updatedAt: new Date(), version: sql`${repairRequests.version} + 1` })
      .where(eq(repairRequests.id, req.id));
    await recordRepairEvent(tx, { requestId: req.id, action: "escalated", actorId: ctx.actor.userId, comment: input.comment, details: { from: req.priority } });
    await recordAudit(tx, ctx.actor, { action: "repair.escalate", entity: "repair_request", entityId: req.id, before: { priority: req.priority, escalated: false }, after: { priority: "urgent", escalated: true } });
    return { requestId: req.id };
  });
}

export type StationSuggestion = {
  stationId: string;
  name: string;
  city: string | null;
  sameCity: boolean;
  skilled: boolean;
  openLoad: number;
  capacityPerDay: number;
};

/**
 * Stations for a request, best first: same city, then skilled for the request's division, then
 * the least open load relative to capacity. Open load is counted on the station queue index.
 */
export async function suggestStations(ctx: Ctx, requestId: string, limit = 5): Promise<StationSuggestion[]> {
  authorize(ctx.actor, "service:manage");
  if (!isUuid(requestId)) throw new NotFoundError("repair_request");
  const [req] = await ctx.db.select({ city: repairRequests.city, divisionId: repairRequests.divisionId }).from(repairRequests).where(eq(repairRequests.id, requestId));
  if (!req) throw new NotFoundError("repair_request");
  return rankStations(ctx.db, req.city, req.divisionId, limit);
}

/** A city as people write it: 北京 and 北京市 (or 大兴安岭 and 大兴安岭地区) are one city. */
const cityKey = (city: SQL) => sql`regexp_replace(btrim(${city}), '(市|地区)$', '')`;

export async function rankStations(db: DatabaseOrTransaction, city: string, divisionId: string | null, limit: number): Promise<StationSuggestion[]> {
  const rows = await db.execute<{ station_id: string; name: string; city: string | null; same_city: boolean; skilled: boolean; open_load: number; capacity_per_day: number }>(sql`
    select * from (
      select s.organization_id as station_id, o.name, o.city,
             (exists (select 1 from unnest(s.cities) c where ${cityKey(sql`c`)} = ${cityKey(sql`${city}`)})
               or ${cityKey(sql`o.city`)} = ${cityKey(sql`${city}`)}) as same_city,
             (${divisionId}::uuid is not null and ${divisionId}::uuid = any(s.division_ids)) as skilled,
             (select count(*)::int from repair_requests r
               where r.station_id = s.organization_id and r.status not in ('returned', 'closed', 'cancelled')) as open_load,
             s.capacity_per_day
        from repair_stations s join organizations o on o.id = s.organization_id
       where s.active and o.status = 'active') ranked
     order by same_city desc, skilled desc, open_load::float / greatest(capacity_per_day, 1), name
     limit ${limit}`);
  return rows.map((r) => ({ stationId: r.station_id, name: r.name, city: r.city, sameCity: r.same_city, skilled: r.skilled, openLoad: r.open_load, capacityPerDay: r.capacity_per_day }));
}

/** Active repair stations with their cities (for a customer's preferred station and the desk's pick). */
export async function listRepairStations(ctx: Ctx) {
  if (!ctx.actor.permissions.has("own_service:file") && !ctx.actor.permissions.has("service:read")) return [];
  return ctx.db
    .select({ id: repairStations.organizationId, name: organizations.name, city: organizations.city, cities: repairStations.cities })
    .from(repairStations)
    .innerJoin(organizations, eq(organizations.id, repairStations.organizationId))
    .where(and(eq(repairStations.active, true), eq(organizations.status, "active")))
    .orderBy(organizations.city, organizations.name);
}

/**
 * The desk's answer to a manual warranty check (an unknown serial): in warranty or not, saying
 * why (e.g. the invoice the customer sent). Only while the check is open; the quote rule follows.
 */
export async function resolveWarrantyCheck(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "service:manage");
  const input = parseInput(warrantyCheckInput, raw);
  return mutateOnce(ctx, raw, input, async (tx) => {
    const req = await lockRepairRequest(tx, ctx, input.requestId);
    if (!req.needsManualCheck) throw new ValidationError({ form: ["service.validation.noManualCheck"] }, "service.validation.noManualCheck");
    const reason = input.warrantyStatus === "in_warranty" ? "service.warranty.reason.manualIn" : "service.warranty.reason.manualOut";
    await tx
      .update(repairRequests)
      .set({ warrantyStatus: input.warrantyStatus, warrantyReason: reason, needsManualCheck: false, updatedAt: new Date(), version: sql`${repairRequests.version} + 1` })
      .where(eq(repairRequests.id, req.id));
    await recordRepairEvent(tx, { requestId: req.id, action: "warranty_checked", actorId: ctx.actor.userId, comment: input.comment, details: { from: req.warrantyStatus, to: input.warrantyStatus } });
    await recordAudit(tx, ctx.actor, { action: "repair.warranty_check", entity: "repair_request", entityId: req.id, before: { warrantyStatus: req.warrantyStatus }, after: { warrantyStatus: input.warrantyStatus, comment: input.comment } });
    return { requestId: req.id, warrantyStatus: input.warrantyStatus };
  });
}

import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { divisions, organizations, repairStations, stationTechnicians, users, type RepairStation } from "@cs/db";
import { authorize } from "../../access/authorize";
import { diffFields, recordAudit } from "../../shared/audit";
import { inTransaction, type Ctx } from "../../shared/context";
import { ConflictError, NotFoundError, ValidationError } from "../../shared/errors";
import { likePattern, type Page } from "../../shared/list-query";
import { isUuid, parseInput } from "../../shared/parse";
import { shanghaiDayStart, shanghaiToday } from "../../shared/dates";
import { formatDayHours, stationProfileInput, weekdays, type OpeningHours, type StationListQuery } from "./inputs";

const openStatuses = sql`('returned', 'closed', 'cancelled')`;

/** Open requests at the station (its live queue), from the queue's partial index. */
const openLoad = sql<number>`(select count(*)::int from repair_requests r where r.station_id = ${organizations.id} and r.status not in ${openStatuses})`;
const technicianCount = sql<number>`(select count(*)::int from station_technicians st where st.station_id = ${organizations.id} and st.active)`;

const sortColumns = {
  code: sql`${organizations.code}`,
  name: sql`${organizations.name}`,
  city: sql`${organizations.city}`,
  load: openLoad,
  capacity: sql`${repairStations.capacityPerDay}`,
};

function filters(q: StationListQuery): SQL | undefined {
  return and(
    eq(organizations.kind, "repair_station"),
    q.q ? or(ilike(organizations.name, likePattern(q.q)), ilike(organizations.code, likePattern(q.q))) : undefined,
    q.city ? or(sql`${repairStations.cities} @> array[${q.city}]::text[]`, eq(organizations.city, q.city)) : undefined,
    q.division ? sql`${repairStations.divisionIds} @> array[${q.division}]::uuid[]` : undefined,
  );
}

export type StationRow = {
  id: string;
  code: string;
  name: string;
  city: string | null;
  status: (typeof organizations.$inferSelect)["status"];
  hasProfile: boolean;
  cities: string[];
  divisionIds: string[];
  capacityPerDay: number | null;
  active: boolean | null;
  load: number;
  technicians: number;
};

/** The desk's station network: every repair station with its service profile, open load and technicians. */
export async function listStations(ctx: Ctx, q: StationListQuery): Promise<Page<StationRow>> {
  authorize(ctx.actor, "service:read");
  const where = filters(q);
  const order = q.dir === "desc" ? desc : asc;
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        id: organizations.id,
        code: organizations.code,
        name: organizations.name,
        city: organizations.city,
        status: organizations.status,
        hasProfile: sql<boolean>`${repairStations.organizationId} is not null`,
        cities: sql<string[]>`coalesce(${repairStations.cities}, '{}'::text[])`,
        divisionIds: sql<string[]>`coalesce(${repairStations.divisionIds}, '{}'::uuid[])`,
        capacityPerDay: repairStations.capacityPerDay,
        active: repairStations.active,
        load: openLoad,
        technicians: technicianCount,
      })
      .from(organizations)
      .leftJoin(repairStations, eq(repairStations.organizationId, organizations.id))
      .where(where)
      .orderBy(sql`${order(sortColumns[q.sort])} nulls last`, asc(organizations.id))
      .limit(q.size)
      .offset((q.page - 1) * q.size),
    ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(organizations)
      .leftJoin(repairStations, eq(repairStations.organizationId, organizations.id))
      .where(where),
  ]);
  return { rows, total: total?.n ?? 0, page: q.page, size: q.size };
}

async function findStationOrg(ctx: Ctx, id: string) {
  if (!isUuid(id)) throw new NotFoundError("repair_station");
  const [org] = await ctx.db
    .select()
    .from(organizations)
    .where(and(eq(organizations.id, id), eq(organizations.kind, "repair_station")));
  if (!org) throw new NotFoundError("repair_station");
  return org;
}

/** One station: organization, service profile (null until the desk saves one), technicians and divisions to pick from. */
export async function getStation(ctx: Ctx, id: string) {
  authorize(ctx.actor, "service:read");
  const org = await findStationOrg(ctx, id);
  const [[profile], technicians, allDivisions, [load]] = await Promise.all([
    ctx.db.select().from(repairStations).where(eq(repairStations.organizationId, id)),
    ctx.db
      .select({ userId: users.id, name: users.displayName, login: users.login, status: users.status, active: stationTechnicians.active, since: stationTechnicians.createdAt })
      .from(stationTechnicians)
      .innerJoin(users, eq(users.id, stationTechnicians.userId))
      .where(eq(stationTechnicians.stationId, id))
      .orderBy(desc(stationTechnicians.active), asc(users.displayName)),
    ctx.db.select({ id: divisions.id, code: divisions.code, nameZh: divisions.nameZh, nameEn: divisions.nameEn }).from(divisions).orderBy(asc(divisions.code)),
    ctx.db.execute<{ open: number; today: number }>(sql`
      select count(*) filter (where status not in ${openStatuses})::int as open,
             count(*) filter (where assigned_at >= ${shanghaiDayStart(shanghaiToday())})::int as today
      from repair_requests where station_id = ${id}`),
  ]);
  return { organization: org, profile: profile ?? null, technicians, divisions: allDivisions, load: { open: load?.open ?? 0, assignedToday: load?.today ?? 0 } };
}

/** jsonb reorders keys: compare hours day by day in weekday order. */
const canonicalHours = (h: OpeningHours) => weekdays.map((d) => `${d}=${formatDayHours(h[d])}`).join(";");

/**
 * Creates or updates the station's service profile (cities, division skills, capacity, opening
 * hours, active). The form carries the profile's `updated_at` as it loaded it: a save over a newer
 * profile with other values is a conflict; saving the same values again changes nothing.
 */
export async function saveStationProfile(ctx: Ctx, stationId: string, raw: unknown): Promise<RepairStation> {
  authorize(ctx.actor, "service:manage");
  const input = parseInput(stationProfileInput, raw);
  return inTransaction(ctx, async (tx, tctx) => {
    const org = await findStationOrg(tctx, stationId);
    if (input.divisionIds.length) {
      const [n] = await tx.select({ n: sql<number>`count(*)::int` }).from(divisions).where(inArray(divisions.id, input.divisionIds));
      if (n?.n !== input.divisionIds.length) throw new ValidationError({ divisionIds: ["validation.invalid"] });
    }
    const next = { cities: input.cities, divisionIds: input.divisionIds, capacityPerDay: input.capacityPerDay, openingHours: input.openingHours as Record<string, unknown>, active: input.active };
    const [current] = await tx.select().from(repairStations).where(eq(repairStations.organizationId, org.id)).for("update");
    if (!current) {
      const [created] = await tx.insert(repairStations).values({ organizationId: org.id, ...next }).returning();
      await recordAudit(tx, ctx.actor, { action: "create", entity: "repair_station", entityId: org.id, after: next });
      return created!;
    }
    const comparable = (p: typeof next) => ({ ...p, cities: p.cities.join(","), divisionIds: p.divisionIds.join(","), openingHours: canonicalHours(p.openingHours as OpeningHours) });
    const diff = diffFields(comparable({ ...current, openingHours: current.openingHours as OpeningHours as Record<string, unknown> }), comparable(next));
    if (!diff.changed) return current;
    if (input.loadedAt !== current.updatedAt.toISOString()) throw new ConflictError("errors.staleEdit");
    const [updated] = await tx
      .update(repairStations)
      .set({ ...next, updatedAt: new Date() })
      .where(eq(repairStations.organizationId, org.id))
      .returning();
    await recordAudit(tx, ctx.actor, { action: "update", entity: "repair_station", entityId: org.id, before: diff.before, after: diff.after });
    return updated!;
  });
}

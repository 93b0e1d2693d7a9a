import { and, eq, sql } from "drizzle-orm";
import { repairStations, stationTechnicians, userRoles, users } from "@cs/db";
import { authorize } from "../../access/authorize";
import { recordAudit } from "../../shared/audit";
import { inTransaction, type Ctx } from "../../shared/context";
import { NotFoundError, ValidationError } from "../../shared/errors";
import { keyOf, once } from "../../shared/idempotency";
import { isUuid, parseInput } from "../../shared/parse";
import { normalizeLogin } from "../../users/register";
import { technicianInput, technicianLinkInput } from "./inputs";

async function requireProfile(ctx: Ctx, stationId: string) {
  if (!isUuid(stationId)) throw new NotFoundError("repair_station");
  const [row] = await ctx.db.select({ id: repairStations.organizationId }).from(repairStations).where(eq(repairStations.organizationId, stationId));
  // Technicians hang off the service profile: the desk saves the station's profile first.
  if (!row) throw new ValidationError({ form: ["network.validation.profileFirst"] });
  return row.id;
}

/**
 * The desk creates a technician login for a station: a partner user of the station with the
 * technician role, linked in station_technicians. Retry-safe with the form's `_key`; a login already
 * in use is a field error and nothing is written.
 */
export async function createTechnician(ctx: Ctx, stationId: string, raw: unknown, options: { hashPassword: (plain: string) => Promise<string> }) {
  authorize(ctx.actor, "service:manage");
  const input = parseInput(technicianInput, raw);
  const login = normalizeLogin(input.login);
  if (!login) throw new ValidationError({ login: ["validation.login"] });
  const passwordHash = await options.hashPassword(input.password);
  return inTransaction(ctx, async (tx, tctx) => {
    const station = await requireProfile(tctx, stationId);
    const { result } = await once(tx, ctx.actor, keyOf(raw), { stationId, name: input.name, login }, async () => {
      const [user] = await tx
        .insert(users)
        .values({ kind: "partner", login, displayName: input.name, passwordHash, organizationId: station })
        .onConflictDoNothing()
        .returning({ id: users.id });
      if (!user) throw new ValidationError({ login: ["validation.loginTaken"] });
      await tx.insert(userRoles).values({ userId: user.id, role: "technician" });
      await tx.insert(stationTechnicians).values({ stationId: station, userId: user.id });
      await recordAudit(tx, ctx.actor, { action: "technician.create", entity: "repair_station", entityId: station, after: { userId: user.id, login, name: input.name } });
      return { userId: user.id };
    });
    return result;
  });
}

/**
 * Links an existing user of the station as a technician (adding the technician role if it lacks it),
 * or re-activates one. Users of other organizations cannot be linked.
 */
export async function linkTechnician(ctx: Ctx, stationId: string, raw: unknown) {
  authorize(ctx.actor, "service:manage");
  const input = parseInput(technicianLinkInput, raw);
  return inTransaction(ctx, async (tx, tctx) => {
    const station = await requireProfile(tctx, stationId);
    const [user] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, input.userId), eq(users.organizationId, station), eq(users.kind, "partner")));
    if (!user) throw new ValidationError({ userId: ["network.validation.notStationUser"] });
    await tx.insert(userRoles).values({ userId: user.id, role: "technician" }).onConflictDoNothing();
    const [linked] = await tx
      .insert(stationTechnicians)
      .values({ stationId: station, userId: user.id })
      .onConflictDoUpdate({ target: [stationTechnicians.stationId, stationTechnicians.userId], set: { active: true }, setWhere: sql`not ${stationTechnicians.active}` })
      .returning();
    if (linked) await recordAudit(tx, ctx.actor, { action: "technician.link", entity: "repair_station", entityId: station, after: { userId: user.id } });
    return { userId: user.id, changed: !!linked };
  });
}

/** Takes a technician off the station (history keeps the link; the login stays for the station admin to reuse). */
export async function deactivateTechnician(ctx: Ctx, stationId: string, raw: unknown) {
  authorize(ctx.actor, "service:manage");
  const input = parseInput(technicianLinkInput, raw);
  return inTransaction(ctx, async (tx) => {
    if (!isUuid(stationId)) throw new NotFoundError("repair_station");
    const [row] = await tx
      .update(stationTechnicians)
      .set({ active: false })
      .where(and(eq(stationTechnicians.stationId, stationId), eq(stationTechnicians.userId, input.userId), eq(stationTechnicians.active, true)))
      .returning();
    if (row) await recordAudit(tx, ctx.actor, { action: "technician.deactivate", entity: "repair_station", entityId: stationId, after: { userId: input.userId } });
    return { userId: input.userId, changed: !!row };
  });
}

/** Partner users of the station who are not (active) technicians yet, to link. */
export async function linkableUsers(ctx: Ctx, stationId: string) {
  authorize(ctx.actor, "service:read");
  if (!isUuid(stationId)) return [];
  return ctx.db.execute<{ id: string; display_name: string; login: string }>(sql`
    select u.id, u.display_name, u.login from users u
    where u.organization_id = ${stationId} and u.kind = 'partner'
      and not exists (select 1 from station_technicians st where st.user_id = u.id and st.station_id = ${stationId} and st.active)
    order by u.display_name`);
}

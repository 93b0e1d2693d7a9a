import { and, asc, desc, eq, sql } from "drizzle-orm";
import { organizations, repairRequests, stationClaims, stationSettlements } from "@cs/db";
import { can } from "../access/authorize";
import type { Actor } from "../access/actor";
import type { Ctx } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { isUuid } from "../shared/parse";

/** Settlements the actor may see: the desk all, a station admin its own station's. */
function settlementScope(actor: Actor) {
  if (actor.kind === "staff" && can(actor, "service:read")) return sql`true`;
  if (actor.kind === "partner" && actor.organizationId && can(actor, "station_service:admin")) return eq(stationSettlements.stationId, actor.organizationId);
  return sql`false`;
}

/** Monthly settlement statements, newest period first (at most 200). */
export async function listSettlements(ctx: Ctx) {
  return ctx.db
    .select({
      id: stationSettlements.id,
      number: stationSettlements.number,
      period: stationSettlements.period,
      stationName: organizations.name,
      totalFen: stationSettlements.totalFen,
      claimCount: stationSettlements.claimCount,
      status: stationSettlements.status,
      createdAt: stationSettlements.createdAt,
    })
    .from(stationSettlements)
    .innerJoin(organizations, eq(organizations.id, stationSettlements.stationId))
    .where(settlementScope(ctx.actor))
    .orderBy(desc(stationSettlements.period), asc(organizations.name))
    .limit(200);
}

/** One statement with the claims it pays: what the station is owed and for which requests. */
export async function getSettlement(ctx: Ctx, settlementId: string) {
  if (!isUuid(settlementId)) throw new NotFoundError("settlement");
  const [row] = await ctx.db
    .select({ settlement: stationSettlements, stationName: organizations.name })
    .from(stationSettlements)
    .innerJoin(organizations, eq(organizations.id, stationSettlements.stationId))
    .where(and(eq(stationSettlements.id, settlementId), settlementScope(ctx.actor)));
  if (!row) throw new NotFoundError("settlement");
  const claims = await ctx.db
    .select({
      id: stationClaims.id,
      number: stationClaims.number,
      status: stationClaims.status,
      claimedFen: stationClaims.claimedFen,
      approvedFen: stationClaims.approvedFen,
      decidedAt: stationClaims.decidedAt,
      decisionComment: stationClaims.decisionComment,
      requestId: stationClaims.requestId,
      requestNumber: repairRequests.number,
      serial: repairRequests.serial,
    })
    .from(stationClaims)
    .innerJoin(repairRequests, eq(repairRequests.id, stationClaims.requestId))
    .where(eq(stationClaims.settlementId, settlementId))
    .orderBy(asc(stationClaims.decidedAt));
  return { ...row.settlement, stationName: row.stationName, claims };
}

import { and, asc, inArray, sql, type SQL } from "drizzle-orm";
import { divisions, organizations, partnerTiers } from "@cs/db";
import { can } from "../access/authorize";
import type { Actor } from "../access/actor";
import { organizationScope } from "../access/scopes";
import type { Ctx } from "../shared/context";
import { listBranches } from "../organizations/list";

/** Organizations that buy from the distributor and are evaluated: the channel tree's partners. */
export const channelPartnerKinds = ["master_distributor", "agent", "dealer", "key_account"] as const;

/**
 * Channel partners this actor may evaluate (on `organizations` unaliased): staff with channel:read
 * within their branches; nobody else (a partner reads its own figures through myPerformance).
 */
export function channelPartnerScope(actor: Actor): SQL {
  if (actor.kind !== "staff" || !can(actor, "channel:read")) return sql`false`;
  return and(inArray(organizations.kind, [...channelPartnerKinds]), organizationScope(actor))!;
}

/** Filter choices of the channel pages: branches in scope, divisions, tiers. */
export async function channelFilterOptions(ctx: Ctx) {
  const [branches, divisionRows] = await Promise.all([
    listBranches(ctx),
    ctx.db.select({ id: divisions.id, code: divisions.code, nameZh: divisions.nameZh, nameEn: divisions.nameEn }).from(divisions).orderBy(asc(divisions.code)),
  ]);
  return { branches: branches.map((b) => ({ id: b.id, name: b.name })), divisions: divisionRows, tiers: partnerTiers };
}

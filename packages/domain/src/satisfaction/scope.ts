import { and, eq, inArray, isNotNull, sql, type SQL } from "drizzle-orm";
import { surveys } from "@cs/db";
import type { Actor } from "../access/actor";
import { can } from "../access/authorize";
import { columnInDivisions, organizationInDivisions } from "../access/divisions";

const nothing = sql`false`;

/**
 * Surveys a partner or customer may see and answer: a partner its organization's (delivery and NPS
 * to those who read its orders, repairs to those who file them), an end customer its own repairs'.
 */
export function surveyScope(actor: Actor): SQL {
  switch (actor.kind) {
    case "partner": {
      if (!actor.organizationId) return nothing;
      const kinds = [...(can(actor, "own_order:read") ? (["delivery", "nps"] as const) : []), ...(can(actor, "own_service:file") ? (["repair"] as const) : [])];
      return kinds.length ? and(eq(surveys.organizationId, actor.organizationId), inArray(surveys.kind, kinds))! : nothing;
    }
    case "customer":
      return actor.endCustomerId ? eq(surveys.endCustomerId, actor.endCustomerId) : nothing;
    case "staff":
      return nothing;
  }
}

/** Who is ever asked: partners who read their orders or file repairs, and end customers. */
export function mayAnswerSurveys(actor: Actor): boolean {
  if (actor.kind === "customer") return true;
  return actor.kind === "partner" && (can(actor, "own_order:read") || can(actor, "own_service:file"));
}

/**
 * Survey results for staff with satisfaction:read: their branches' (the branch copied when the
 * survey opened; surveys of no branch, a customer's own repair at a station of none, to all-branch
 * staff only), and when limited to divisions those of their divisions (the product line's, else the
 * partner's).
 */
export function resultScope(actor: Actor): SQL {
  if (actor.kind !== "staff" || !can(actor, "satisfaction:read")) return nothing;
  const divisions = columnInDivisions(actor, surveys.divisionId, and(isNotNull(surveys.organizationId), organizationInDivisions(actor, surveys.organizationId)));
  if (actor.branchIds === "all") return divisions ?? sql`true`;
  if (actor.branchIds.length === 0) return nothing;
  return and(inArray(surveys.branchId, actor.branchIds), divisions)!;
}


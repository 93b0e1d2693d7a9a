import { and, eq, inArray, isNotNull, sql, type SQL } from "drizzle-orm";
import { complaints } from "@cs/db";
import type { Actor } from "../access/actor";
import { can } from "../access/authorize";
import { organizationInDivisions } from "../access/divisions";

const nothing = sql`false`;

/**
 * Complaints this actor may see: staff with complaint:manage those of their branches (the
 * complainant's owner branch when filed; a complaint of no branch to all-branch staff only) and,
 * when limited to divisions, of partners of their divisions; a partner its own organization's; an
 * end customer its own. Another's complaint reads as not found.
 */
export function complaintScope(actor: Actor): SQL {
  switch (actor.kind) {
    case "staff": {
      if (!can(actor, "complaint:manage")) return nothing;
      const divisions = organizationInDivisions(actor, complaints.organizationId);
      const inDivisions = divisions && and(isNotNull(complaints.organizationId), divisions);
      if (actor.branchIds === "all") return inDivisions ?? sql`true`;
      if (actor.branchIds.length === 0) return nothing;
      return and(inArray(complaints.branchId, actor.branchIds), inDivisions)!;
    }
    case "partner":
      if (!actor.organizationId || !can(actor, "own_complaint:file")) return nothing;
      return eq(complaints.organizationId, actor.organizationId);
    case "customer":
      if (!actor.endCustomerId || !can(actor, "own_complaint:file")) return nothing;
      return eq(complaints.endCustomerId, actor.endCustomerId);
  }
}

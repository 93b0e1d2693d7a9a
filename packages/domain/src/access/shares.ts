import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { Actor } from "./actor";
import { limitedDivisions } from "./divisions";

const uuids = (ids: readonly string[]) => sql`${`{${ids.join(",")}}`}::uuid[]`;

/**
 * An explicit share of the organization `organizationId` that reaches this staff actor and applies
 * now (not revoked, not expired), granting at least `access` (docs/decisions/029). A share reaches
 * the user it names, the users whose branch list names its branch, and the users limited to its
 * division. Partners and customers are never reached.
 */
export function sharedOrganization(actor: Actor, organizationId: AnyColumn | SQL, access: "read" | "edit" = "read"): SQL | undefined {
  if (actor.kind !== "staff") return undefined;
  const grantees: SQL[] = [sql`rs.user_id = ${actor.userId}::uuid`];
  if (actor.branchIds !== "all" && actor.branchIds.length) grantees.push(sql`rs.branch_id = any(${uuids(actor.branchIds)})`);
  const divisions = limitedDivisions(actor);
  if (divisions) grantees.push(sql`rs.division_id = any(${uuids(divisions)})`);
  return sql`exists (select 1 from record_shares rs where rs.organization_id = ${organizationId}
    and rs.revoked_at is null and rs.expires_at > now() and (${sql.join(grantees, sql` or `)})${access === "edit" ? sql` and rs.access = 'edit'` : sql``})`;
}

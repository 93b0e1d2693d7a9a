import { sql } from "drizzle-orm";
import { executePrepared, type DatabaseOrTransaction } from "@cs/db";
import { buildActor, type Actor } from "../access/actor";

type ActorRow = {
  id: string;
  kind: Actor["kind"];
  display_name: string;
  organization_id: string | null;
  end_customer_id: string | null;
  status: string;
  roles: string[];
  branch_ids: string[];
  division_ids: string[];
};

/**
 * Loads what an actor is made of: the user with its roles, branches and divisions, in one prepared
 * statement (every signed-in request runs it, so one round trip planned once per connection).
 */
export async function loadActor(db: DatabaseOrTransaction, userId: string, ip?: string | null): Promise<Actor | null> {
  const [user] = await executePrepared<ActorRow>(
    db,
    sql`select u.id, u.kind, u.display_name, u.organization_id, u.end_customer_id, u.status,
               array(select r.role from user_roles r where r.user_id = u.id order by r.role)::text[] as roles,
               array(select b.branch_id from user_branches b where b.user_id = u.id order by b.branch_id)::text[] as branch_ids,
               array(select d.division_id from user_divisions d where d.user_id = u.id order by d.division_id)::text[] as division_ids
          from users u where u.id = ${userId}::uuid`,
  );
  if (!user || user.status !== "active") return null;
  return buildActor({
    userId: user.id,
    kind: user.kind,
    displayName: user.display_name,
    organizationId: user.organization_id,
    endCustomerId: user.end_customer_id,
    roles: user.roles,
    branchIds: user.branch_ids,
    divisionIds: user.division_ids,
    ip,
  });
}

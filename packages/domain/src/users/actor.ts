import { sql } from "drizzle-orm";
import { executePrepared, type DatabaseOrTransaction } from "@cs/db";
import { buildActor, type Actor } from "../access/actor";

/** The columns an actor is built from, over `users u` (also read by the session lookup of @cs/auth). */
export type ActorRow = {
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

/** Selects an {@link ActorRow} from `users u`: the user with its roles, branches and divisions. */
export const actorColumns = sql.raw(`u.id, u.kind, u.display_name, u.organization_id, u.end_customer_id, u.status,
               array(select r.role from user_roles r where r.user_id = u.id order by r.role)::text[] as roles,
               array(select b.branch_id from user_branches b where b.user_id = u.id order by b.branch_id)::text[] as branch_ids,
               array(select d.division_id from user_divisions d where d.user_id = u.id order by d.division_id)::text[] as division_ids`);

/** The actor of a row selected with {@link actorColumns}; null unless the user is active. */
export function actorFromRow(user: ActorRow | undefined, ip?: string | null): Actor | null {
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

/**
 * Loads what an actor is made of: the user with its roles, branches and divisions, in one prepared
 * statement (planned once per connection).
 */
export async function loadActor(db: DatabaseOrTransaction, userId: string, ip?: string | null): Promise<Actor | null> {
  const [user] = await executePrepared<ActorRow>(db, sql`select ${actorColumns} from users u where u.id = ${userId}::uuid`);
  return actorFromRow(user, ip);
}
